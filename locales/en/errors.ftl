# Why a form or a command was refused. Messages are clauses ("enter an amount"): forms make
# them sentences, the error page puts them into one ("This could not be done: …").

## Amounts and currencies
err-amount-empty = enter an amount
err-amount-malformed = enter an amount like 12.50
err-amount-not-positive = the amount must be more than zero
err-amount-too-large = the amount can be at most { $max }
err-amount-too-many-decimals = { $n ->
    [one] use at most { $n } digit after the decimal separator
   *[other] use at most { $n } digits after the decimal separator
}
err-currency-unknown = unknown currency code; use an ISO 4217 code such as EUR, USD or GBP

## Names, descriptions and other texts
err-text-empty = this cannot be empty
err-text-too-long = { $max ->
    [one] use at most { $max } character
   *[other] use at most { $max } characters
}
err-text-forbidden = remove control or invisible characters

## Dates and time zones
err-date-malformed = enter a date like 2026-11-26
err-date-out-of-range = enter a date between 0001-01-01 and 9999-12-31
err-date-no-such-day = there is no such day in the calendar; enter a date like 2026-11-26
err-time-zone-unknown = choose a time zone from the list (for example Europe/Madrid)

## Splits
err-split-no-participants = choose at least one participant
err-split-duplicate = each participant can appear only once
err-split-bad-portion = each participant's part must be more than zero (weights at most { $max })
err-split-exact-mismatch = the amounts add up to { $got } but the expense is { $expected } (in minor units)
err-split-percentages = the percentages add up to { $got } % instead of 100 %

## Exchange rates
err-rate-empty = enter the rate: how much one unit of that currency is in the account's
err-rate-separators = write the rate with one decimal separator and no thousands separators, like 0.8571
err-rate-malformed = enter the rate as a plain decimal number, like 0.8571
err-rate-not-positive = the rate must be more than zero
err-rate-too-precise = the rate can have at most { $digits } significant digits and { $decimals } decimals
err-rate-too-large = the rate can be at most { $max }
err-exchange-same-currency = this is the account's own currency: enter the amount without a rate
err-exchange-converts-to-nothing = at this rate the amount is less than the smallest unit of { $currency }
err-exchange-converts-to-too-much = at this rate the amount is more than { $max }, the most an expense can be
err-exchange-mismatch = the amount in { $currency } must be { $expected } at this rate

## Recurring bills
err-recurrence-unit = choose weeks, months or years
err-recurrence-weeks = repeat every 1 to { $max } weeks
err-recurrence-months = repeat every 1 to { $max } months
err-recurrence-years = repeat every 1 to { $max } years

## Refused commands
err-account-not-opened = this shared account does not exist
err-account-already-opened = this shared account is already open
err-account-unknown-member = no such member in this account
err-account-name-taken = there is already a member called { $name }
err-account-member-id-taken = this member id is already used
err-account-payer-inactive = the payer is not an active member
err-account-participant-inactive = { $name } is not an active member
err-account-transfer-to-self = a transfer needs two different members
err-account-date-out-of-range = the date must be between { $first } and { $last }
err-account-expense-id-taken = this expense id is already used by another expense
err-account-transfer-id-taken = this transfer id is already used by another transfer
err-account-unknown-expense = no such expense in this account
err-account-expense-deleted = this expense is deleted; restore it first
err-account-stale-expense = someone changed this expense meanwhile
err-account-unknown-transfer = no such payment in this account
err-account-transfer-deleted = this payment is deleted; restore it first
err-account-stale-transfer = someone changed this payment meanwhile
err-account-user-already-member = you are already a member of this account
err-account-member-already-linked = this member has already joined
err-account-last-active-member = an account needs at least one active member
err-account-unknown-category = no such category in this account
err-account-category-id-taken = this category id is already used
err-account-category-name-taken = there is already a category called { $name }
err-account-category-archived-name-taken = there is already an archived category called { $name }: restore it instead
err-account-category-archived = the category { $name } is archived: restore it on the categories page, or choose another
err-account-unknown-schedule = no such recurring bill in this account
err-account-schedule-id-taken = this recurring bill id is already used
err-account-schedule-stopped = this recurring bill was stopped; start a new one instead
err-account-until-before-start = the end date must be on or after the first date
err-account-not-an-occurrence = the recurring bill does not fall on that date
err-account-occurrence-passed = that occurrence is already recorded or past; edit or delete the expense instead
err-command-conflict = the account kept changing; try again
err-command-id-taken = an id in the form belongs to something else
err-command-unavailable = the database is not reachable
err-command-store = storage failed
err-command-interrupted = the server stopped before it answered; try again

## Sign-up and passwords
err-email-invalid = enter an email address like sam@example.com
err-email-taken = an account with this email address exists already
err-password-too-short = { $n ->
    [one] use at least { $n } character
   *[other] use at least { $n } characters
}
err-password-too-long = { $n ->
    [one] use at most { $n } character
   *[other] use at most { $n } characters
}
err-password-too-common = this password is too common; choose another

## Imported files
err-number-empty = the amount is empty
err-number-malformed = “{ $text }” is not a number
err-number-too-large = “{ $text }” is too large
err-import-empty = the file is empty
err-import-too-large = the file is larger than { $mib } MiB
err-import-not-text = the file is not UTF-8 text ({ $reason }); export it again from the app, without converting it
err-import-utf16 = it is UTF-16; save it as UTF-8
err-import-binary = it holds binary data
err-import-invalid-utf8 = it is not valid UTF-8
err-import-unknown-format = tally does not recognise this file; it reads Splitwise CSV, IHateMoney JSON or CSV, Spliit JSON and Cospend CSV exports
err-import-malformed = { $format }: { $reason }
err-import-is-backup = this is a tally backup; restore it as a whole account (tally import-account FILE) instead of importing it into one
err-import-spliit-csv = Spliit's CSV export does not say who paid (each column is a share), so balances cannot be built from it; export the group as JSON in Spliit and import that file
err-import-currency = the file's amounts are in { $file }, the account's in { $account }; tally does not convert currencies, so import into an account in { $file }
err-import-nothing = the file holds no expense or transfer tally can read
err-import-name = “{ $name }” cannot be a member's name: { $reason }
err-import-unmapped = each person in the file needs a member
err-import-same-name = two people would become members named “{ $name }”
err-import-owner-not-in-file = the owner must be one of the people in the file
err-import-line = line { $line }: { $reason }
err-import-no-account = there is no such account
err-import-format-ecb = ECB rates
err-import-json-too-deep = the JSON is nested too deeply
err-import-json-truncated = the file ends early (truncated?) at line { $line }
err-import-json-invalid = not valid JSON at line { $line }, column { $column }
err-import-csv-unreadable = unreadable CSV
err-import-csv-unreadable-at = unreadable CSV at line { $line }
err-import-date-ambiguous = the date “{ $text }” is ambiguous (day and month?), as a spreadsheet rewrote it; write it as YYYY-MM-DD
err-import-not-a-date = “{ $text }” is not a date (YYYY-MM-DD)
err-import-column = column { $column }: { $reason }
err-import-cost = Cost: { $reason }
err-import-no-header = no header row with the members' names
err-import-member-column-without-name = a member column has no name
err-import-member-column-twice = two member columns are both named “{ $name }”
err-import-row-without-date = the row has no date
err-import-column-count = { $found ->
        [one] the row has { $found } column, the header { $expected }
       *[other] the row has { $found } columns, the header { $expected }
    }
err-import-nets-do-not-add-up = the members' columns add up to { $sum }, not 0
err-import-no-balance-changes = nobody's balance changes in this row
err-import-column-missing = the “{ $column }” column is missing
err-import-not-a-list-of-bills = expected a list of bills
err-import-bill-not-an-object = bill { $bill } is not an object
err-import-bill-without-key = bill { $bill } has no “{ $key }”
err-import-amount-not-positive = the amount is not above zero
err-import-negative-bill = the amount is not above zero; tally cannot record negative bills
err-import-no-payer = the bill has no payer
err-import-unknown-ower = unknown ower “{ $name }”
err-import-no-owers = the bill has no owers
err-import-bills-column-missing = the bills' “{ $column }” column is missing (line { $line })
err-import-bills-without-date = the bills have neither a “date” nor a “timestamp” column
err-import-member-without-name = line { $line }: a member without a name
err-import-member-twice = line { $line }: the member “{ $name }” appears twice
err-import-weight = line { $line }: weight: { $reason }
err-import-no-date-nor-timestamp = neither a date nor a timestamp
err-import-timestamp-out-of-range = the timestamp is out of range
err-import-payer-not-member = the payer “{ $name }” is not a member
err-import-ower-not-member = “{ $name }” in the owers is not a member
err-import-participants-not-a-list = “participants” is not a list
err-import-participant-without-id = participant { $participant } has no id
err-import-participant-without-name = participant { $participant } has no name
err-import-participant-id-twice = two participants have the id “{ $id }”
err-import-expenses-not-a-list = “expenses” is not a list
err-import-expense-id-twice = two expenses have the id “{ $id }”
err-import-amount-not-whole = the amount is not a whole number of minor units
err-import-missing-field = no { $field }
err-import-payer-not-participant = the payer “{ $id }” is not a participant
err-import-no-paid-for = no paidFor list
err-import-paid-for-without-participant = a paidFor entry has no participantId
err-import-paid-for-not-participant = “{ $id }” in paidFor is not a participant
err-import-paid-for-twice = “{ $id }” appears twice in paidFor
err-import-share-not-whole = a share is not a whole number
err-import-share-negative = a share is below zero
err-import-nobody-shares = nobody shares this expense
err-import-amounts-do-not-add-up = the amounts add up to { $sum }, the expense is { $amount } (minor units)
err-import-all-shares-zero = every share is zero
err-import-unknown-split-mode = unknown split mode “{ $mode }”
err-import-ecb-no-date-column = the first column must be Date, then one column per currency (the ECB's eurofxref.csv or eurofxref-hist.csv, unzipped)
err-import-ecb-no-currency = no column names a currency tally knows
err-import-ecb-not-a-day = line { $line }: "{ $text }" is not a date like 2024-06-14
err-import-ecb-rate = line { $line }, { $currency }: { $reason }
err-import-ecb-day-twice = line { $line }: { $day } is there twice
err-import-ecb-no-days = the file has a header but no day of rates
err-import-note-footer-matches = the { $currency } “Total balance” footer (line { $line }) matches every person's net
err-import-note-footer-differs = the { $currency } footer (line { $line }) says { $footer } for { $name }, the rows give { $rows }
err-import-note-in-trash = line { $line }: in Cospend's trash, left out
err-import-note-rounded = line { $line }: the amount has more decimals than cents; rounded to the cent
