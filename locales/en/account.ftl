# An account's own pages: dashboard, members, payments, history and the account as it was.

## Shared by the account's pages
account-you = (you)
account-left = (left)
account-someone = someone
account-is-owed = is owed
account-owes = owes
account-settled = settled
account-col-member = Member
account-col-paid = Paid
account-col-share = Share
account-col-net = Net
account-col-date = Date
account-col-what = What
account-col-paid-by = Paid by
account-col-amount = Amount
account-refund-badge = Refund
account-sharing = ({ $count } sharing)
account-chart-summary = Net balances: { $list }
account-list-two = { $first } and { $last }
account-list-more = { $first }, { $rest }
account-pays = { $from } pays { $to } { $amount }
account-paid = { $from } paid { $to } { $amount }
account-back-dashboard = Back to the dashboard
account-show-as-of = Show the account as it was
account-form-incomplete = this form is incomplete; reload the page and try again
account-fix-fields = Please fix the fields marked below.
account-restore = Restore
account-restore-it = Restore it
account-page-of = Page { $page } of { $pages }

## Dashboard
dashboard-add-expense = + Add an expense
dashboard-record-payment = Record a payment
dashboard-record-refund = Record a refund
dashboard-balances = Balances
dashboard-chart-details = Chart and details
dashboard-balances-caption = Paid, share and net per member
dashboard-download-balances = Download the balances (CSV)
dashboard-settle-up = Settle up
dashboard-everyone-settled = Everyone is settled.
dashboard-record-this-payment = Record this payment
dashboard-another-amount = Another amount
dashboard-another-amount-between = from { $from } to { $to }
dashboard-any-amount = (any amount, between any two members)
dashboard-all-payments = All payments
dashboard-latest = Latest expenses
dashboard-no-expenses = No expenses yet. Add the first one with the “Add an expense” button at the top.
dashboard-all-expenses = All expenses
dashboard-more = More
dashboard-this-account = This account
dashboard-nav-members = Members & invite
dashboard-nav-recurring = Recurring
dashboard-nav-categories = Categories
dashboard-nav-history = History
dashboard-nav-statistics = Statistics
dashboard-nav-import = Import from another app
dashboard-nav-rates = Exchange rates
dashboard-nav-expenses-csv = Expenses (CSV)
dashboard-nav-balances-csv = Balances (CSV)
dashboard-nav-ihatemoney = Export for IHateMoney
dashboard-nav-cospend = Export for Cospend
dashboard-nav-backup = Backup
dashboard-as-of-label = The account at the end of
dashboard-add-heading = Add an expense
dashboard-payment-refused = That payment could not be recorded: { $reason }.
dashboard-form-was-incomplete = the form was incomplete

## Members
members-title = Members of { $account }
members-heading = Members
members-caption = Members in joining order, with their status
members-col-name = Name
members-col-status = Status
members-col-signed-up = Signed up
members-col-change = Change
members-active = Active
members-left = Left
members-joined = Joined
members-not-joined = Not yet joined
members-deactivate = Deactivate
members-reactivate = Reactivate
members-moved-out-hint = Someone who moved out keeps their history and balance but takes no part in new expenses.
members-add-heading = Add a member
members-add-intro = Add a flatmate by name now; they can claim that name later through the invite link.
members-add-button = Add member
members-invite-heading = Invite link
members-invite-intro = Anyone with this link can join { $account } after signing in. Share it only with your flatmates.
members-copy = Copy link
members-copied = Link copied.
members-copy-by-hand = Press Ctrl+C (or ⌘C) to copy the selected link.
members-qr-label = QR code of the invite link
members-qr-caption = Scan this code with a phone camera to open the invite link.
members-replace-hint = Replacing the link makes the current one stop working, for example if it reached the wrong person. Members who already joined stay members.
members-replace = Replace link
members-already-added = { $name } was already added.
members-added = Added { $name }. Send them the invite link below so they can join.
members-name-taken = There is already a member called { $name }. If that is who you mean, send them the invite link below; otherwise add an initial, such as “{ $name } B.”
members-active-again = { $name } is active again and can share new expenses.
members-moved-out = { $name } has moved out: their history stays, they take no part in new expenses.
members-cannot-leave = { $name } cannot leave: { $reason }.
members-invite-replaced = The invite link was replaced. The old link no longer works; share the new one.

## Recording and correcting a payment
payment-heading-new = Record a payment
payment-heading-edit = Edit a payment
payment-submit-new = Record the payment
payment-submit-edit = Save changes
payment-intro = Money one member gave another: paying back all or part of what they owe.
payment-deleted-notice = This payment is deleted, so it counts for nothing in the balances. To change it, restore it first.
payment-amount = Amount ({ $currency })
payment-amount-hint = What was paid, such as { $example }: any part of what is owed.
payment-from = From (who paid)
payment-to = To (who received it)
payment-choose-member = Choose a member
payment-delete-link = Delete this payment
payment-choose-from = choose who paid
payment-choose-to = choose who received the money
payment-recorded = Recorded: { $summary }.
payment-already-recorded = Already recorded: { $summary }.
payment-saved = Saved: { $summary }.
payment-nothing-changed = Nothing changed: { $summary }.
payment-stale = { $who } changed this payment while you were editing. Your values are kept below, with what { $who } saved beside each field that differs: check them, then save again to replace { $who }'s version, or open the payment again to start from it.
payment-difference = You typed { $yours }; meanwhile { $who } changed it to { $theirs }.

## The payments list and deleting a payment
payments-title = Payments
payments-empty = No payments yet. When someone pays another member back, record it with “Record a payment”.
payments-caption = Payments between members, newest first
payments-col-from = From
payments-col-to = To
payments-col-actions = Actions
payments-deleted-badge = deleted
payments-edit = Edit
payments-delete = Delete
payments-which = the payment from { $from } to { $to }, { $amount }
payments-all = All payments
payments-back = Back to the payments
payments-cancel = Cancel
payments-delete-title = Delete the payment
payments-already-deleted-heading = This payment is already deleted
payments-already-deleted-text = { $summary } on { $date }. It counts for nothing in the balances until it is restored.
payments-delete-heading = Delete this payment?
payments-delete-text = { $summary } on { $date }. Once deleted it no longer counts in the balances; you can restore it later from the payments list or the history.
payments-already-deleted = Already deleted: { $summary }.
payments-deleted = Deleted: { $summary }. You can restore it from the history or the payments list.
payments-not-deleted = { $summary } was not deleted; nothing to restore.
payments-restored = Restored: { $summary }.

## History
history-title = History
history-intro = Everything that happened in { $account }, newest first. Times are in { $zone }
history-change-zone = change it
history-empty = Nothing has happened yet.
history-as-of-link = show the account as it was after this change
history-pages = History pages
history-newer = Newer events
history-older = Older events
history-someone = Someone
history-an-expense = an expense
history-a-category = a category
history-a-recurring-bill = a recurring bill
history-opened = { $actor } opened the account { $name } in { $currency }
history-renamed = { $actor } renamed the account to { $name }
history-joined = { $name } joined
history-added = { $actor } added { $name }
history-linked = { $actor } joined as { $name }
history-deactivated = { $actor } deactivated { $name }
history-reactivated = { $actor } reactivated { $name }
history-expense = { $actor } recorded { $description }, { $amount }, { $split }
history-recurring-recorded = The recurring bill { $description } of { $date } was recorded, { $amount }, { $split }
history-refund = { $actor } recorded a refund of { $amount } received by { $payer }: { $description }, { $split }
history-corrected = { $actor } corrected { $description }
history-corrected-amount = { $actor } corrected { $description }: { $before } → { $after }
history-expense-deleted = { $actor } deleted { $description }
history-expense-restored = { $actor } restored { $description }
history-split-for = for { $name }
history-split-equally = split { $count } ways
history-split-shares = split { $count } ways by shares
history-split-exact = split { $count } ways by exact amounts
history-split-percentages = split { $count } ways by percentages
history-paid-recorded-by = { $payment } (recorded by { $actor })
history-payment-changed = { $actor } changed the payment from { $from } to { $to }
history-payment-changed-how = { $actor } changed the payment from { $from } to { $to }: { $changes }
history-payment-changed-now = { $actor } changed the payment from { $from } to { $to }, { $amount }
history-change-parties = now from { $from } to { $to }
history-change-date = dated { $was } → { $now }
history-payment-deleted = { $actor } deleted the payment from { $from } to { $to }, { $amount }
history-payment-deleted-unknown = { $actor } deleted a payment
history-payment-restored = { $actor } restored the payment from { $from } to { $to }, { $amount }
history-payment-restored-unknown = { $actor } restored a payment
history-time-zone = { $actor } set the account's time zone to { $zone }
history-category-added = { $actor } added the category { $name }
history-category-renamed = { $actor } renamed a category to { $name }
history-category-archived = { $actor } archived the category { $name }
history-category-restored = { $actor } restored the category { $name }
history-recurrence = { $unit ->
    [week] { $count ->
        [one] every week
       *[other] every { $count } weeks
    }
    [year] { $count ->
        [one] every year
       *[other] every { $count } years
    }
   *[month] { $count ->
        [one] every month
       *[other] every { $count } months
    }
}
history-schedule-created = { $actor } started the recurring bill { $description }, { $amount } { $recurrence }, from { $date }
history-schedule-created-until = { $actor } started the recurring bill { $description }, { $amount } { $recurrence }, from { $date } until { $until }
history-schedule-changed = { $actor } changed the recurring bill { $description } from its next occurrence on: { $amount } { $recurrence }
history-schedule-changed-until = { $actor } changed the recurring bill { $description } from its next occurrence on: { $amount } { $recurrence } until { $until }
history-skipped = { $actor } skipped the recurring bill { $name } of { $date }
history-paused = { $actor } paused the recurring bill { $name }
history-paused-itself = The recurring bill { $name } paused itself: { $reason }
history-resumed = { $actor } resumed the recurring bill { $name } from { $date }
history-stopped = { $actor } stopped the recurring bill { $name }

## The account as it was
as-of-title = The account as it was
as-of-title-then = { $name } as it was { $when }
as-of-now = { $account } now
as-of-notice = The account as it was { $when } — read-only. Nothing here can be changed;
as-of-back-now = back to the account now
as-of-day = At the end of the day
as-of-hint-before = Or pick a change on the
as-of-hint-link = history
as-of-hint-after = { " page." }
as-of-changes = Changes
as-of-earlier = After the change before
as-of-later = After the next change
as-of-change-of = Change { $version } of { $newest }
as-of-balances = Balances then
as-of-balances-caption = Paid, share and net per member then
as-of-settle = Settle up then
as-of-everyone-settled = Everyone was settled.
as-of-latest = Latest expenses then
as-of-no-expenses = No expenses yet.
as-of-at-end = at the end of { $date }
as-of-right-after = right after change { $version } ({ $when })
as-of-not-both = choose either a day or a change of the history, not both
as-of-still-to-come = that day is still to come; choose { $today } or earlier
as-of-bad-change = the change must be given by its number in the history (1, 2, 3, …)
as-of-bad-address = This address cannot be shown: { $reason }.
as-of-opened-on = the account was opened on { $date }; choose that day or later
as-of-not-opened = the account was not opened yet; choose that day or later
as-of-nothing = Nothing to show: { $reason }.
as-of-no-such-change = There is no such change yet: the newest is change { $newest }.
