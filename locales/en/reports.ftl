# Statistics, the CSV exports, importing from other apps, exchange rates and recurring bills.

## Statistics

statistics-title = Statistics
statistics-hint = What each member paid for expenses and their share of them. Payments between members (settling up) are not spending and are not counted here.
statistics-refused = This period could not be shown; see the messages below.
statistics-choose-period = Choose a period
statistics-period = Period
statistics-period-this-month = This month
statistics-period-last-month = Last month
statistics-period-last-12-months = Last 12 months
statistics-period-custom = Custom range
statistics-from = From (custom range, YYYY-MM)
statistics-to = To (custom range, YYYY-MM)
statistics-show = Show
statistics-error-choose-month = choose a month
statistics-error-month-format = enter a month as YYYY-MM, for example 2026-03
statistics-error-year = the year must be between 0001 and 9999
statistics-error-month = the month must be between 01 and 12
statistics-error-before = the last month is before the first month
statistics-error-too-long = choose a range of at most 10 years ({ $months } months)
statistics-error-period = choose one of the periods in the list
statistics-range = { $first } – { $last }
statistics-summary = { $parts }.
statistics-summary-separator = { "; " }
statistics-summary-more = { $name } paid { $amount } more than their share
statistics-summary-less = { $name } paid { $amount } less than their share
statistics-summary-exact = { $name } paid exactly their share
statistics-member-left = { $name } (left)
statistics-totals = Totals for the period
statistics-member = Member
statistics-paid = Paid
statistics-share = Share
statistics-difference = Paid − share
statistics-per-month = Per month
statistics-per-month-table = Paid and share per month
statistics-month = Month
statistics-per-category = Per category
statistics-per-category-table = Paid and share per category
statistics-category = Category
statistics-uncategorised = Uncategorised
statistics-unknown-category = Unknown category
statistics-chart-months = Paid and share per month, per member
statistics-chart-categories = Paid and share per category, per member
statistics-chart-desc = Solid bars are what each member paid, hatched bars their share; the numbers are in the table below.
statistics-chart-paid = paid { $amount }
statistics-chart-share = share { $amount }
statistics-abroad = Paid in other currencies
statistics-abroad-caption = Expenses paid in other currencies, as paid and as counted
statistics-currency = Currency
statistics-as-paid = As paid
statistics-counted-as = Counted as
statistics-expenses = Expenses
statistics-empty = No expenses in this period.

## Importing from another app

import-title = Import
import-heading = Import from another app
import-intro = Bring your history from Splitwise (CSV), IHateMoney (JSON or CSV), Spliit (JSON) or Cospend (CSV). You will see what the file holds and the balances afterwards before anything is recorded.
import-upload-heading = Choose a file
import-upload-file = Exported file (at most 10 MiB)
import-upload-show = Show what it holds
import-summary-heading = What the file holds
import-summary-format = Format
import-summary-expenses = Expenses
import-summary-transfers = Transfers
import-summary-dates = Dates
import-summary-date-range = { $first } to { $last }
import-summary-unreadable = Rows tally cannot read (left out)
import-summary-line = Line { $line }: { $reason }
import-summary-notes = Notes
import-rounding = Rounding: { $name } gets { $ours } where the other app shows { $theirs } (one cent apart; tally's shares add up to each bill exactly).
import-people-heading = People in the file
import-people-hint = Choose who each person is in this account. A person with a member's name is that member unless you choose otherwise.
import-people-caption = People in the file and who they become
import-in-file = In the file
import-net-in-file = Net in the file
import-in-account = In this account
import-becomes = { $name } becomes
import-new-member = A new member named { $name }
import-after-heading = Balances afterwards
import-member = Member
import-balance = Balance
import-already = This file was imported already: importing it again records nothing.
import-nothing-until = Nothing is recorded until you choose Import. The import is all or nothing.
import-import = Import
import-update = Update the balances for these choices
import-another = Choose another file
import-error-backup-here = This is a tally backup, which holds a whole account with its history; it cannot be merged into this one. The server's administrator restores it as an account of its own with tally import-account FILE.
import-error-backup = This is a tally backup, which holds a whole account with its history, ids and members' sign-ins. The server's administrator restores it exactly with tally import-account FILE.
import-error-empty = The file is empty.
import-error-no-file = Choose a file to import.
import-error-unknown-upload = That upload is unknown. Choose the file again.
import-error-upload-gone = That upload is no longer kept (uploads are kept for an hour). Choose the file again.
import-error-choose-member = Choose a member or “add as new” for { $name }.
import-nothing-new = Nothing new: this file was imported already.
import-done = Imported { $expenses ->
        [one] { $expenses_shown } expense
       *[other] { $expenses_shown } expenses
    } and { $transfers ->
        [one] { $transfers_shown } transfer
       *[other] { $transfers_shown } transfers
    } from { $format }.
import-progress-title = Importing
import-progress-heading = Importing into { $name }
import-progress-intro = { $entries ->
        [one] { $entries_shown } entry
       *[other] { $entries_shown } entries
    } from { $format }. Each line below appears as a part of them is written; nothing counts until the last part is written, and the account changes all at once.
import-progress-step = Written { $written } of { $total ->
        [one] { $total_shown } change
       *[other] { $total_shown } changes
    }.
import-failed = Nothing was imported: { $reason }
import-failed-database = Nothing was imported: the database did not answer. Try again.
import-back = Back to the import
import-open-account = Open the account
import-new-title = New account from a file
import-new-back = Your accounts
import-new-intro = Start a shared account from a Splitwise (CSV), IHateMoney (JSON or CSV), Spliit (JSON) or Cospend (CSV) export, with its whole history. You will see what the file holds before anything is recorded.
import-new-heading = The new account
import-new-which = Which of these people are you?
import-new-net = (net in the file: { $net })
import-new-others = The others become members you can invite from the Members page.
import-new-name = Name of the account
import-new-currency = Currency
import-new-nothing-until = Nothing is recorded until you choose Open the account. The import is all or nothing.
import-new-default-name = Imported from { $format }
import-new-bad-name = account name: { $reason }
import-new-choose-me = Choose which person in the file you are.
import-new-done = Your account is open with { $expenses ->
        [one] { $expenses_shown } expense
       *[other] { $expenses_shown } expenses
    } and { $transfers ->
        [one] { $transfers_shown } transfer
       *[other] { $transfers_shown } transfers
    } from { $format }. Invite your flatmates on the Members page.

## The CSV exports: column headers (the values stay machine-readable)

export-date = date
export-description = description
export-category = category
export-paid-by = paid by
export-amount = amount
export-currency = currency
export-split-mode = split mode
export-deleted = deleted
export-type = type
export-original-amount = original amount
export-original-currency = original currency
export-rate = rate
export-payment-to = Payment to { $name }
export-member = member
export-paid = paid
export-share = share
export-sent = sent
export-received = received
export-net = net

## Exchange rates

rates-title = Exchange rates
rates-intro = An expense paid in another currency is recorded at the rate typed on its form. Load the European Central Bank's reference rates here and a form left without a rate takes the one of the expense's date (or of the last day before it with rates, up to { $days } days back).
rates-download-before = tally fetches nothing itself: download
rates-download-or = (every day since 1999) or
rates-download-after = (the latest day) from the ECB's website, unzip it and upload the CSV.
rates-loaded = Loaded: { $days ->
        [one] { $days_shown } day
       *[other] { $days_shown } days
    }, from { $first } to { $last }; currencies on the last day: { $currencies }. Rates are converted into { $currency }.
rates-none = No rates loaded yet.
rates-upload-heading = Load a rates file
rates-upload-file = The ECB's CSV (at most 10 MiB); it replaces the rates loaded before
rates-upload-button = Load rates
rates-error-no-file = Choose the ECB's rates file (eurofxref-hist.csv or eurofxref.csv).
rates-error-unusable = this file cannot be used: { $reason }
rates-stored = Rates of { $days ->
        [one] { $days_shown } day
       *[other] { $days_shown } days
    } for { $currencies ->
        [one] one currency
       *[other] { $currencies } currencies
    } loaded.

## Recurring bills

recurring-title = Recurring bills
recurring-intro = Rent, bills and the cleaner: each is recorded as an ordinary expense on its date.
recurring-intro-link = To start one, add an expense and choose how often it repeats.
recurring-empty = No recurring bills yet.
recurring-caption = Recurring bills with their next date
recurring-what = What
recurring-amount = Amount
recurring-paid-by = Paid by
recurring-how-often = How often
recurring-next = Next
recurring-status = Status
recurring-change = Change
recurring-every-week = { $every ->
        [one] Every week
       *[other] Every { $every } weeks
    }
recurring-every-month = { $every ->
        [one] Every month
       *[other] Every { $every } months
    } on the { $day ->
        [1] 1st
        [2] 2nd
        [3] 3rd
        [21] 21st
        [22] 22nd
        [23] 23rd
        [31] 31st
       *[other] { $day }th
    }
recurring-every-year = { $every ->
        [one] Every year
       *[other] Every { $every } years
    }
recurring-since = { $how }, since { $since }
recurring-since-until = { $how }, since { $since }, until { $until }
recurring-status-active = Active
recurring-status-paused = Paused
recurring-status-stopped = Stopped
recurring-edit = Edit
recurring-skip = Skip { $date }
recurring-skip-of = of { $name }
recurring-pause = Pause
recurring-resume = Resume
recurring-stop = Stop
recurring-hint = Paused bills record nothing; when resumed they continue from that day, without the dates that passed meanwhile. A change applies from the next occurrence on; recorded ones stay, and each can be edited or deleted like any expense.
recurring-time-zone = Time zone
recurring-time-zone-hint = Bills fall due by this time zone's calendar.
recurring-time-zone-save = Save time zone
recurring-time-zone-set = The account's time zone is { $zone }: bills fall due by its calendar.
recurring-bad-date = Nothing changed: the date { $reason }.
recurring-bad-action = Nothing changed: choose pause, resume, stop or skip.
recurring-paused = Paused: nothing is recorded until you resume it.
recurring-resumed = Resumed: it is recorded again from today on.
recurring-stopped = Stopped for good. Recorded occurrences stay.
recurring-skipped = Skipped the occurrence of { $date }.
recurring-not-changed = Nothing changed: { $reason }.
recurring-error-repeat = choose how often it repeats (or stop it on the Recurring page)
recurring-unchanged = Nothing to change: { $summary }.
recurring-changed = Changed { $summary } from its next occurrence on; recorded ones stay as they are.
schedule-edit-title = Change { $name }
schedule-edit-heading = Change the recurring bill { $name }
schedule-edit-hint = The change applies from the next occurrence on; occurrences already recorded stay as they are (edit those under Expenses).
