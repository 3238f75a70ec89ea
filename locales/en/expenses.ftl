# Expenses and refunds: the form, adding, correcting, deleting and restoring, the list, and
# the categories page.

## The expense form (also on the dashboard and a recurring bill's page)
expense-form-fix-below = Please fix the fields marked below.
expense-form-amount = Amount
expense-form-amount-hint = The whole amount paid, such as 12.50.
expense-form-amount-hint-refund = The whole amount received, such as 50.00.
expense-form-paid-in = Paid in
expense-form-own-currency = { $currency }, the account's currency
expense-form-rate = Rate: 1 unit of that currency in { $currency }
expense-form-rate-hint = Only for another currency, such as 0.92; the amount and exact parts are then in that currency and tally records their value in { $currency }. Left empty, the rate of its date is taken from the account's loaded exchange rates, if any.
expense-form-last-rates = Last used here: { $rates }.
expense-form-description = What for
expense-form-description-hint = A few words, such as Groceries or Electricity bill.
expense-form-description-hint-refund = A few words, such as Deposit back or Electricity credit.
expense-form-category = Category
expense-form-no-category = None
expense-form-date = Date
expense-form-paid-by = Paid by
expense-form-received-by = Received by
expense-form-split = Split
expense-form-split-refund = Split among (each one's part comes off what they owe)
expense-form-split-equally = Equally
expense-form-split-by-shares = By shares
expense-form-split-by-exact-amounts = By exact amounts
expense-form-split-by-percentages = By percentages
expense-form-parts-caption = Participants and their parts
expense-form-participant = Participant
expense-form-shares = Shares
expense-form-exact = Exact amount
expense-form-percent = Percent
expense-form-shares-for = Shares for { $name }
expense-form-exact-for = Exact amount for { $name }
expense-form-percent-for = Percent for { $name }
expense-form-repeat = Repeat
expense-form-repeats = Repeats
expense-form-no-repeat = Does not repeat
expense-form-weekly = Weekly
expense-form-monthly = Monthly
expense-form-yearly = Yearly
expense-form-repeat-every = Every how many weeks, months or years
expense-form-until = Until (optional)
expense-form-repeat-hint = A repeating bill is recorded on its date each time; the date above is the first one. See them all under Recurring.
expense-form-add = Add expense
expense-form-save = Save changes
# Messages beside the fields: written as clauses, the page makes them sentences.
expense-form-choose-category = choose a category from the list
expense-form-incomplete = this form is incomplete; reload the page and try again
expense-form-choose-currency = choose a currency from the list
expense-form-choose-payer = choose who paid
expense-form-choose-participants = choose participants from the list
expense-form-one-participant = choose at least one participant
expense-form-whole-shares = enter a whole number of shares from 1 to { $max }
expense-form-choose-split = choose how to split
expense-form-percent-malformed = enter a percentage like 33.33
expense-form-percent-range = each percentage must be above 0 and at most 100
expense-form-choose-repeat = choose how often it repeats, or leave the end date empty
expense-form-until-before-start = the end date must be on or after the first date
expense-form-amounts-missing = the amounts add up to { $got } of { $expected }: { $gap } missing
expense-form-amounts-too-much = the amounts add up to { $got } of { $expected }: { $gap } too much

## What an expense is called in messages: "Internet, €30.00"
expense-summary = { $description }, { $amount }
expense-summary-paid-in = { $description }, { $paid } ({ $amount })
expense-summary-refund = { $description }, refund of { $amount }

## Adding an expense
expense-new-title = Add an expense
expense-new-id-used = This form was already used to add an expense. Check the values below and add them again as a new expense if that is what you meant.
expense-new-recorded = Recorded { $summary }.
expense-new-already-recorded = Already recorded: { $summary }.
expense-new-schedule-set-up = Recurring bill set up: { $summary }, { $unit ->
        [week] { $every ->
            [one] every week
           *[other] every { $every } weeks
        }
        [year] { $every ->
            [one] every year
           *[other] every { $every } years
        }
       *[month] { $every ->
            [one] every month
           *[other] every { $every } months
        }
    }.
expense-new-schedule-already = Already set up: { $summary }.

## Correcting an expense
expense-edit-title = Edit { $summary }
expense-edit-all = All expenses
expense-edit-heading = Edit an expense
expense-edit-heading-refund = Edit a refund
expense-edit-refund-badge = Refund
expense-edit-refund-note = Money coming in: the person who received it owes the others their parts.
expense-edit-deleted = This expense is deleted, so it counts for nothing in the balances. To change it, restore it first.
expense-edit-deleted-refund = This refund is deleted, so it counts for nothing in the balances. To change it, restore it first.
expense-edit-restore = Restore it
expense-edit-delete = Delete this expense
expense-edit-delete-refund = Delete this refund
expense-edit-stale = { $who } changed this expense while you were editing. Your values are kept below, with what { $who } saved beside each field that differs: check them, then save again to replace { $who }'s version, or open the expense again to start from it.
expense-edit-someone = someone
expense-edit-you-typed = You typed { $yours }; meanwhile { $who } changed it to { $theirs }.
expense-edit-quoted = “{ $text }”
expense-edit-no-category = no category
expense-edit-split-changed = { $who } also changed how it is split: saving again uses your split.
expense-edit-other-expense = this form belongs to another expense; reload the page and try again
expense-edit-saved = Saved { $summary }.
expense-edit-unchanged = Nothing changed: { $summary }.

## Deleting and restoring
expense-delete-title = Delete { $summary }
expense-delete-already-heading = { $summary } is already deleted
expense-delete-paid-by = Paid by { $payer } on { $date }.
expense-delete-received-by = A refund received by { $payer } on { $date }.
expense-delete-counts-nothing = It counts for nothing in the balances until it is restored.
expense-delete-back = Back to the expenses
expense-delete-heading = Delete { $summary }?
expense-delete-explain = Once deleted it no longer counts in the balances; you can restore it later from the expense list or the history.
expense-delete-confirm = Delete
expense-delete-cancel = Cancel
expense-delete-done = Deleted { $summary }. You can restore it from the history or the expense list.
expense-delete-already = Already deleted: { $summary }.
expense-restore-done = Restored { $summary }.
expense-restore-not-deleted = { $summary } was not deleted; nothing to restore.

## The list
expense-list-title = Expenses
expense-list-add = Add an expense
expense-list-refund = Record a refund
expense-list-filter-errors = Some filters could not be used; see the messages below.
expense-list-filters = Filter expenses
expense-list-member = Paid or shared by
expense-list-everyone = Everyone
expense-list-category = Category
expense-list-any = Any
expense-list-uncategorised = Uncategorised
expense-list-text = Description contains
expense-list-from = From
expense-list-to = To
expense-list-filter = Filter
expense-list-show-all = Show all
expense-list-total = Total:
expense-list-total-matching = Total of the matching expenses:
expense-list-counted = ({ $count ->
        [one] { $count } expense
       *[other] { $count } expenses
    }; refunds are taken off, deleted ones are not counted)
expense-list-none-match = No expenses match these filters.
expense-list-none = No expenses yet.
expense-list-caption = Expenses, newest first
expense-list-caption-paged = Expenses, newest first, page { $page } of { $pages }
expense-list-date = Date
expense-list-what = What
expense-list-paid-by = Paid by
expense-list-shared-by = Shared by
expense-list-amount = Amount
expense-list-actions = Actions
expense-list-deleted = deleted
expense-list-refund-badge = Refund
expense-list-recurring = recurring
expense-list-received = (received)
expense-list-restore = Restore
expense-list-edit = Edit
expense-list-delete = Delete
expense-list-pages = Pages of expenses
expense-list-previous = Previous
expense-list-page = Page { $page } of { $pages }
expense-list-next = Next
expense-list-archived = { $name } (archived)
expense-list-paid-in = { $amount } at { $rate }
expense-list-choose-member = choose a member from the list
expense-list-end-before-start = the end date is before the start date

## Recording a refund
refund-new-title = Record a refund
refund-new-explain = Money coming in, such as a deposit returned or a credit on a bill: whoever received it owes each person in the split their part, as if it were an expense with the sign reversed.
refund-new-submit = Record refund
refund-new-choose-receiver = choose who received it
refund-new-id-used = This form was already used to record an entry. Check the values below and record them again as a new refund if that is what you meant.
refund-new-moved-out = this member has moved out; choose someone who still lives here
refund-new-recorded = Recorded a refund of { $amount } received by { $name }: { $description }.
refund-new-already-recorded = Already recorded: a refund of { $amount } received by { $name }: { $description }.

## Categories
categories-title = Categories
categories-intro = Give expenses a category to see where the money goes on the
categories-intro-statistics = statistics
categories-intro-middle = page and to filter the
categories-intro-list = expense list
categories-caption = Categories in this account
categories-name = Name
categories-status = Status
categories-rename = Rename
categories-archive = Archive
categories-archived = Archived
categories-in-use = In use
categories-new-name-for = New name for { $name }
categories-restore = Restore
categories-add-heading = Add a category
categories-add = Add category
categories-already-added = { $name } was already added.
categories-added = Added the category { $name }.
categories-choose-action = choose rename, archive or restore
categories-archived-done = Archived: it is no longer offered for new expenses; its expenses keep it.
categories-restored-done = Restored: it is offered again.
categories-renamed = Renamed to { $name }.

## The split preview the page's script writes under the form
expense-form-preview-enter-amount = Enter an amount to see how it is split.
expense-form-preview-tick = Tick at least one participant.
expense-form-preview-amount-for = Enter an amount for { $name }.
expense-form-preview-shares-for = Enter a number of shares for { $name }.
expense-form-preview-percent-for = Enter a percentage for { $name }.
expense-form-preview-missing = The amounts add up to { $sum } but the expense is { $amount } ({ $gap } still to assign).
expense-form-preview-too-much = The amounts add up to { $sum } but the expense is { $amount } ({ $gap } too much).
expense-form-preview-percent-sum = The percentages add up to { $sum } % instead of 100 %.
expense-form-preview-split = Split: { $parts }.

## The categories every account starts with
category-default-rent = Rent
category-default-utilities = Utilities
category-default-internet = Internet & phone
category-default-groceries = Groceries
category-default-household = Household
category-default-eating-out = Eating out
category-default-transport = Transport
category-default-other = Other
