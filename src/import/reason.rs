//! Why a file or one of its rows cannot be read, and what is worth knowing about a file that
//! can: data, not sentences. `Display` is the English the command line and the log print;
//! the pages show `crate::i18n::Localize` in the person's language.

use super::decimal::NumberError;
use super::format_minor;
use crate::domain::exchange::RateError;
use chrono::NaiveDate;

/// Why a whole file, or one row of it, cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportReason {
    /// serde_json's recursion limit.
    #[error("the JSON is nested too deeply")]
    JsonTooDeep,
    /// The JSON stops before it is complete.
    #[error("the file ends early (truncated?) at line {line}")]
    JsonTruncated {
        /// Where it stops.
        line: usize,
    },
    /// Not JSON.
    #[error("not valid JSON at line {line}, column {column}")]
    JsonInvalid {
        /// Where.
        line: usize,
        /// Where in the line.
        column: usize,
    },
    /// The CSV reader gave up, somewhere.
    #[error("unreadable CSV")]
    CsvUnreadable,
    /// The CSV reader gave up at a line.
    #[error("unreadable CSV at line {line}")]
    CsvUnreadableAt {
        /// Where.
        line: usize,
    },
    /// A date a spreadsheet rewrote without saying which is the day.
    #[error(
        "the date “{text}” is ambiguous (day and month?), as a spreadsheet rewrote it; write it as YYYY-MM-DD"
    )]
    DateAmbiguous {
        /// The cell.
        text: String,
    },
    /// Not a date.
    #[error("“{text}” is not a date (YYYY-MM-DD)")]
    NotADate {
        /// The cell, shortened.
        text: String,
    },
    /// A number cell that cannot be read (its own words).
    #[error(transparent)]
    Number(NumberError),
    /// A member's column (Splitwise) that cannot be read.
    #[error("column {column}: {error}")]
    Column {
        /// 1-based.
        column: usize,
        /// Why.
        error: NumberError,
    },
    /// Splitwise's Cost cell.
    #[error("Cost: {0}")]
    Cost(NumberError),
    /// Splitwise: no header row.
    #[error("no header row with the members' names")]
    NoHeader,
    /// Splitwise: an empty member column header.
    #[error("a member column has no name")]
    MemberColumnWithoutName,
    /// Splitwise: two members of one name.
    #[error("two member columns are both named “{name}”")]
    MemberColumnTwice {
        /// The name.
        name: String,
    },
    /// Splitwise: a row without a date.
    #[error("the row has no date")]
    RowWithoutDate,
    /// Splitwise: a row shorter than the header.
    #[error("the row has {found} columns, the header {expected}")]
    ColumnCount {
        /// How many the row has.
        found: usize,
        /// How many the header has.
        expected: usize,
    },
    /// Splitwise: the members' nets of a row do not add up to zero.
    #[error("the members' columns add up to {}, not 0", format_minor(*sum, *digits))]
    NetsDoNotAddUp {
        /// Minor units.
        sum: i64,
        /// Digits of the minor unit.
        digits: u8,
    },
    /// Splitwise: every net of the row is zero.
    #[error("nobody's balance changes in this row")]
    NoBalanceChanges,
    /// IHateMoney CSV: a required column is missing.
    #[error("the “{column}” column is missing")]
    ColumnMissing {
        /// Its name.
        column: &'static str,
    },
    /// IHateMoney JSON: not a list.
    #[error("expected a list of bills")]
    NotAListOfBills,
    /// IHateMoney JSON: a bill that is not an object.
    #[error("bill {bill} is not an object")]
    BillNotAnObject {
        /// 1-based.
        bill: usize,
    },
    /// IHateMoney JSON: a bill without a required key.
    #[error("bill {bill} has no “{key}”")]
    BillWithoutKey {
        /// 1-based.
        bill: usize,
        /// The key.
        key: &'static str,
    },
    /// An amount of zero or less.
    #[error("the amount is not above zero")]
    AmountNotPositive,
    /// Cospend: an amount of zero or less.
    #[error("the amount is not above zero; tally cannot record negative bills")]
    NegativeBill,
    /// IHateMoney: no payer.
    #[error("the bill has no payer")]
    NoPayer,
    /// IHateMoney: an ower nobody knows.
    #[error("unknown ower “{name}”")]
    UnknownOwer {
        /// The name.
        name: String,
    },
    /// IHateMoney, Cospend: nobody owes.
    #[error("the bill has no owers")]
    NoOwers,
    /// Cospend: a bills' column is missing.
    #[error("the bills' “{column}” column is missing (line {line})")]
    BillsColumnMissing {
        /// Its name.
        column: &'static str,
        /// The header's line.
        line: usize,
    },
    /// Cospend: no date column.
    #[error("the bills have neither a “date” nor a “timestamp” column")]
    BillsWithoutDate,
    /// Cospend: a member without a name.
    #[error("line {line}: a member without a name")]
    MemberWithoutName {
        /// Where.
        line: usize,
    },
    /// Cospend: a member twice.
    #[error("line {line}: the member “{name}” appears twice")]
    MemberTwice {
        /// Where.
        line: usize,
        /// The name.
        name: String,
    },
    /// Cospend: a member's weight.
    #[error("line {line}: weight: {error}")]
    Weight {
        /// Where.
        line: usize,
        /// Why.
        error: NumberError,
    },
    /// Cospend: a bill with neither.
    #[error("neither a date nor a timestamp")]
    NoDateNorTimestamp,
    /// Cospend: a timestamp chrono cannot hold.
    #[error("the timestamp is out of range")]
    TimestampOutOfRange,
    /// Cospend: the payer is not a member.
    #[error("the payer “{name}” is not a member")]
    PayerNotMember {
        /// The name.
        name: String,
    },
    /// Cospend: an ower is not a member.
    #[error("“{name}” in the owers is not a member")]
    OwerNotMember {
        /// The name.
        name: String,
    },
    /// Spliit: `participants` is not a list.
    #[error("“participants” is not a list")]
    ParticipantsNotAList,
    /// Spliit: a participant without an id.
    #[error("participant {participant} has no id")]
    ParticipantWithoutId {
        /// 1-based.
        participant: usize,
    },
    /// Spliit: a participant without a name.
    #[error("participant {participant} has no name")]
    ParticipantWithoutName {
        /// 1-based.
        participant: usize,
    },
    /// Spliit: two participants of one id.
    #[error("two participants have the id “{id}”")]
    ParticipantIdTwice {
        /// The id.
        id: String,
    },
    /// Spliit: `expenses` is not a list.
    #[error("“expenses” is not a list")]
    ExpensesNotAList,
    /// Spliit: two expenses of one id.
    #[error("two expenses have the id “{id}”")]
    ExpenseIdTwice {
        /// The id.
        id: String,
    },
    /// Spliit: the amount is not whole minor units.
    #[error("the amount is not a whole number of minor units")]
    AmountNotWhole,
    /// Spliit: a field the expense must have (`expenseDate`, `paidById`).
    #[error("no {field}")]
    MissingField {
        /// The JSON key.
        field: &'static str,
    },
    /// Spliit: the payer is not a participant.
    #[error("the payer “{id}” is not a participant")]
    PayerNotParticipant {
        /// The id.
        id: String,
    },
    /// Spliit: no `paidFor` list.
    #[error("no paidFor list")]
    NoPaidFor,
    /// Spliit: a `paidFor` entry without a participant.
    #[error("a paidFor entry has no participantId")]
    PaidForWithoutParticipant,
    /// Spliit: a `paidFor` entry names nobody known.
    #[error("“{id}” in paidFor is not a participant")]
    PaidForNotParticipant {
        /// The id.
        id: String,
    },
    /// Spliit: someone twice in `paidFor`.
    #[error("“{id}” appears twice in paidFor")]
    PaidForTwice {
        /// The id.
        id: String,
    },
    /// Spliit: a share that is not whole.
    #[error("a share is not a whole number")]
    ShareNotWhole,
    /// Spliit: a share below zero.
    #[error("a share is below zero")]
    ShareNegative,
    /// Spliit: nobody shares.
    #[error("nobody shares this expense")]
    NobodyShares,
    /// Spliit: amounts that do not add up to the expense (minor units).
    #[error("the amounts add up to {sum}, the expense is {amount} (minor units)")]
    AmountsDoNotAddUp {
        /// Their sum.
        sum: i64,
        /// The expense.
        amount: i64,
    },
    /// Spliit: every share zero.
    #[error("every share is zero")]
    AllSharesZero,
    /// Spliit: a split mode tally does not know.
    #[error("unknown split mode “{mode}”")]
    UnknownSplitMode {
        /// As the file says.
        mode: String,
    },
    /// ECB: the first column is not Date.
    #[error(
        "the first column must be Date, then one column per currency (the ECB's eurofxref.csv or eurofxref-hist.csv, unzipped)"
    )]
    EcbNoDateColumn,
    /// ECB: no known currency.
    #[error("no column names a currency tally knows")]
    EcbNoCurrency,
    /// ECB: a row whose day cannot be read.
    #[error("line {line}: {text:?} is not a date like 2024-06-14")]
    EcbNotADay {
        /// Where.
        line: usize,
        /// The cell, shortened.
        text: String,
    },
    /// ECB: a rate that cannot be read.
    #[error("line {line}, {currency}: {error}")]
    EcbRate {
        /// Where.
        line: usize,
        /// The column's currency.
        currency: String,
        /// Why.
        error: RateError,
    },
    /// ECB: one day twice.
    #[error("line {line}: {day} is there twice")]
    EcbDayTwice {
        /// Where.
        line: usize,
        /// The day.
        day: NaiveDate,
    },
    /// ECB: a header and nothing else.
    #[error("the file has a header but no day of rates")]
    EcbNoDays,
}

impl From<NumberError> for ImportReason {
    fn from(e: NumberError) -> Self {
        ImportReason::Number(e)
    }
}

/// Something worth knowing about a file that does not stop its import.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportNote {
    /// Splitwise: a currency's footer agrees with every net.
    #[error("the {currency} “Total balance” footer (line {line}) matches every person's net")]
    FooterMatches {
        /// The currency code.
        currency: String,
        /// The footer's line.
        line: usize,
    },
    /// Splitwise: a currency's footer gives a person another net than the rows.
    #[error(
        "the {currency} footer (line {line}) says {} for {person}, the rows give {}",
        format_minor(*footer, *digits),
        format_minor(*rows, *digits)
    )]
    FooterDiffers {
        /// The currency code.
        currency: String,
        /// The footer's line.
        line: usize,
        /// Who.
        person: String,
        /// What the footer says, minor units.
        footer: i64,
        /// What the rows give, minor units.
        rows: i64,
        /// Digits of the minor unit.
        digits: u8,
    },
    /// Cospend: a bill in the trash.
    #[error("line {line}: in Cospend's trash, left out")]
    InTrash {
        /// Where.
        line: usize,
    },
    /// Cospend: an amount with more decimals than cents.
    #[error("line {line}: the amount has more decimals than cents; rounded to the cent")]
    RoundedToCent {
        /// Where.
        line: usize,
    },
}
