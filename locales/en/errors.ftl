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
