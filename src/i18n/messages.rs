//! Why something was refused, in the person's language.
//!
//! The domain's errors keep their English `Display` (for the log and the command line); a
//! page shows [`Localize::localize`] instead. Each implementation is an exhaustive `match`,
//! so a new variant does not compile until it has a message in `locales/*/errors.ftl`.
//! Messages are clauses ("enter an amount"): the forms make them sentences, the error page
//! embeds them in one.

use super::{Lang, Value};
use crate::application::CommandError;
use crate::application::import::{ImportApplyError, MappingError};
use crate::domain::account::AccountError;
use crate::domain::dates::DateError;
use crate::domain::exchange::{ExchangeError, Rate, RateError};
use crate::domain::money::{AmountError, UnknownCurrency};
use crate::domain::names::TextError;
use crate::domain::recurrence::RecurrenceError;
use crate::domain::split::{Split, SplitError};
use crate::domain::time_zone::UnknownTimeZone;
use crate::identity::password::PasswordError;
use crate::identity::{IdentityError, InvalidEmail};
use crate::import::decimal::NumberError;
use crate::import::{ImportError, ImportNote, ImportReason, MAX_FILE_BYTES, ecb, format_minor};

/// A message for a person, in their language.
pub trait Localize {
    /// The message in `lang`.
    fn localize(&self, lang: Lang) -> String;
}

/// Text already in the page's language passes through.
impl Localize for str {
    fn localize(&self, _: Lang) -> String {
        self.to_owned()
    }
}

/// Text already in the page's language passes through.
impl Localize for String {
    fn localize(&self, _: Lang) -> String {
        self.clone()
    }
}

impl<T: Localize + ?Sized> Localize for &T {
    fn localize(&self, lang: Lang) -> String {
        (**self).localize(lang)
    }
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

fn count(n: impl TryInto<i64>) -> Value {
    Value::Count(n.try_into().unwrap_or(i64::MAX))
}

/// A whole number as the language writes it, given as text (it picks no plural).
fn number(lang: Lang, n: impl TryInto<i64>) -> Value {
    text(lang.number(n.try_into().unwrap_or(i64::MAX)))
}

impl Localize for AmountError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            AmountError::Empty => lang.t("err-amount-empty"),
            AmountError::Malformed => lang.t("err-amount-malformed"),
            AmountError::NotPositive => lang.t("err-amount-not-positive"),
            AmountError::TooLarge => {
                lang.ta("err-amount-too-large", &[("max", number(lang, 1_000_000))])
            }
            AmountError::TooManyDecimals(n) => {
                lang.ta("err-amount-too-many-decimals", &[("n", count(*n))])
            }
        }
    }
}

impl Localize for UnknownCurrency {
    fn localize(&self, lang: Lang) -> String {
        lang.t("err-currency-unknown")
    }
}

impl Localize for TextError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            TextError::Empty => lang.t("err-text-empty"),
            TextError::TooLong(max) => lang.ta("err-text-too-long", &[("max", count(*max))]),
            TextError::ForbiddenCharacters => lang.t("err-text-forbidden"),
        }
    }
}

impl Localize for DateError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            DateError::Malformed => lang.t("err-date-malformed"),
            DateError::OutOfRange => lang.t("err-date-out-of-range"),
            DateError::NoSuchDay => lang.t("err-date-no-such-day"),
        }
    }
}

impl Localize for SplitError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            SplitError::NoParticipants => lang.t("err-split-no-participants"),
            SplitError::DuplicateParticipant => lang.t("err-split-duplicate"),
            SplitError::BadPortion => lang.ta(
                "err-split-bad-portion",
                &[("max", number(lang, Split::MAX_WEIGHT))],
            ),
            SplitError::ExactAmountsMismatch { expected, got } => lang.ta(
                "err-split-exact-mismatch",
                &[
                    ("got", number(lang, *got)),
                    ("expected", number(lang, *expected)),
                ],
            ),
            SplitError::PercentagesMismatch { got } => {
                let percent = format!(
                    "{}{}{:02}",
                    lang.number(got / 100),
                    lang.decimal_mark(),
                    (got % 100).abs()
                );
                lang.ta("err-split-percentages", &[("got", text(percent))])
            }
        }
    }
}

impl Localize for RateError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            RateError::Empty => lang.t("err-rate-empty"),
            RateError::Separators => lang.t("err-rate-separators"),
            RateError::Malformed => lang.t("err-rate-malformed"),
            RateError::NotPositive => lang.t("err-rate-not-positive"),
            RateError::TooPrecise => lang.ta(
                "err-rate-too-precise",
                &[
                    ("digits", count(Rate::MAX_DIGITS)),
                    ("decimals", count(Rate::MAX_SCALE)),
                ],
            ),
            RateError::TooLarge => {
                lang.ta("err-rate-too-large", &[("max", number(lang, Rate::MAX))])
            }
        }
    }
}

impl Localize for ExchangeError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            ExchangeError::SameCurrency => lang.t("err-exchange-same-currency"),
            ExchangeError::ConvertsToNothing(code) => lang.ta(
                "err-exchange-converts-to-nothing",
                &[("currency", text(code.as_str()))],
            ),
            ExchangeError::ConvertsToTooMuch(currency) => lang.ta(
                "err-exchange-converts-to-too-much",
                &[("max", text(lang.money(currency.max_amount(), *currency)))],
            ),
            ExchangeError::Mismatch { currency, expected } => lang.ta(
                "err-exchange-mismatch",
                &[
                    ("currency", text(currency.code())),
                    ("expected", text(lang.money(*expected, *currency))),
                ],
            ),
        }
    }
}

impl Localize for RecurrenceError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            RecurrenceError::UnknownUnit => lang.t("err-recurrence-unit"),
            RecurrenceError::OutOfRange { max, unit } => {
                let key = match *unit {
                    "weeks" => "err-recurrence-weeks",
                    "years" => "err-recurrence-years",
                    _ => "err-recurrence-months",
                };
                lang.ta(key, &[("max", count(*max))])
            }
        }
    }
}

impl Localize for UnknownTimeZone {
    fn localize(&self, lang: Lang) -> String {
        lang.t("err-time-zone-unknown")
    }
}

impl Localize for AccountError {
    fn localize(&self, lang: Lang) -> String {
        let name = |n: &str| [("name", text(n))];
        match self {
            AccountError::NotOpened => lang.t("err-account-not-opened"),
            AccountError::AlreadyOpened => lang.t("err-account-already-opened"),
            AccountError::UnknownMember => lang.t("err-account-unknown-member"),
            AccountError::NameTaken(n) => lang.ta("err-account-name-taken", &name(n)),
            AccountError::MemberIdTaken => lang.t("err-account-member-id-taken"),
            AccountError::PayerInactive => lang.t("err-account-payer-inactive"),
            AccountError::ParticipantInactive(n) => {
                lang.ta("err-account-participant-inactive", &name(n))
            }
            AccountError::TransferToSelf => lang.t("err-account-transfer-to-self"),
            AccountError::Amount(e) => e.localize(lang),
            AccountError::Exchange(e) => e.localize(lang),
            AccountError::DateOutOfRange(last) => {
                let first = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
                lang.ta(
                    "err-account-date-out-of-range",
                    &[
                        ("first", text(lang.day(first))),
                        ("last", text(lang.day(*last))),
                    ],
                )
            }
            AccountError::Split(e) => e.localize(lang),
            AccountError::ExpenseIdTaken => lang.t("err-account-expense-id-taken"),
            AccountError::TransferIdTaken => lang.t("err-account-transfer-id-taken"),
            AccountError::UnknownExpense => lang.t("err-account-unknown-expense"),
            AccountError::ExpenseIsDeleted => lang.t("err-account-expense-deleted"),
            AccountError::StaleExpense { .. } => lang.t("err-account-stale-expense"),
            AccountError::UnknownTransfer => lang.t("err-account-unknown-transfer"),
            AccountError::TransferIsDeleted => lang.t("err-account-transfer-deleted"),
            AccountError::StaleTransfer { .. } => lang.t("err-account-stale-transfer"),
            AccountError::UserAlreadyMember => lang.t("err-account-user-already-member"),
            AccountError::MemberAlreadyLinked => lang.t("err-account-member-already-linked"),
            AccountError::LastActiveMember => lang.t("err-account-last-active-member"),
            AccountError::UnknownCategory => lang.t("err-account-unknown-category"),
            AccountError::CategoryIdTaken => lang.t("err-account-category-id-taken"),
            AccountError::CategoryNameTaken { name: n, archived } => {
                let key = if *archived {
                    "err-account-category-archived-name-taken"
                } else {
                    "err-account-category-name-taken"
                };
                lang.ta(key, &name(n))
            }
            AccountError::CategoryArchived(n) => lang.ta("err-account-category-archived", &name(n)),
            AccountError::UnknownSchedule => lang.t("err-account-unknown-schedule"),
            AccountError::ScheduleIdTaken => lang.t("err-account-schedule-id-taken"),
            AccountError::ScheduleStopped => lang.t("err-account-schedule-stopped"),
            AccountError::UntilBeforeStart => lang.t("err-account-until-before-start"),
            AccountError::NotAnOccurrence => lang.t("err-account-not-an-occurrence"),
            AccountError::OccurrencePassed => lang.t("err-account-occurrence-passed"),
        }
    }
}

impl Localize for CommandError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            CommandError::Rejected(e) => e.localize(lang),
            CommandError::Conflict => lang.t("err-command-conflict"),
            CommandError::IdTaken => lang.t("err-command-id-taken"),
            CommandError::Unavailable(_) => lang.t("err-command-unavailable"),
            CommandError::Store(_) => lang.t("err-command-store"),
            CommandError::Interrupted(_) => lang.t("err-command-interrupted"),
        }
    }
}

impl Localize for InvalidEmail {
    fn localize(&self, lang: Lang) -> String {
        lang.t("err-email-invalid")
    }
}

impl Localize for IdentityError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            IdentityError::EmailTaken => lang.t("err-email-taken"),
            IdentityError::Database(_) => lang.t("err-command-store"),
        }
    }
}

impl Localize for PasswordError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            PasswordError::TooShort(n) => lang.ta("err-password-too-short", &[("n", count(*n))]),
            PasswordError::TooLong(n) => lang.ta("err-password-too-long", &[("n", count(*n))]),
            PasswordError::TooCommon => lang.t("err-password-too-common"),
        }
    }
}

impl Localize for NumberError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            NumberError::Empty => lang.t("err-number-empty"),
            NumberError::Malformed(t) => {
                lang.ta("err-number-malformed", &[("text", text(t.as_str()))])
            }
            NumberError::TooLarge(t) => {
                lang.ta("err-number-too-large", &[("text", text(t.as_str()))])
            }
        }
    }
}

impl Localize for ImportError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            ImportError::Empty => lang.t("err-import-empty"),
            ImportError::TooLarge => lang.ta(
                "err-import-too-large",
                &[("mib", count(MAX_FILE_BYTES / (1024 * 1024)))],
            ),
            ImportError::NotText(why) => {
                let why = match *why {
                    "it is UTF-16; save it as UTF-8" => lang.t("err-import-utf16"),
                    "it holds binary data" => lang.t("err-import-binary"),
                    _ => lang.t("err-import-invalid-utf8"),
                };
                lang.ta("err-import-not-text", &[("reason", text(why))])
            }
            ImportError::UnknownFormat => lang.t("err-import-unknown-format"),
            ImportError::Malformed { format, reason } => {
                // The apps' names are names; only the rates file is described in words.
                let format = if *format == ecb::FORMAT {
                    lang.t("err-import-format-ecb")
                } else {
                    (*format).to_owned()
                };
                lang.ta(
                    "err-import-malformed",
                    &[
                        ("format", text(format)),
                        ("reason", text(reason.localize(lang))),
                    ],
                )
            }
            ImportError::IsBackup => lang.t("err-import-is-backup"),
            ImportError::SpliitCsvHasNoPayers { .. } => lang.t("err-import-spliit-csv"),
        }
    }
}

/// Minor units in the file's digits with `lang`'s decimal mark (`-0,50`).
fn minor(lang: Lang, units: i64, digits: u8) -> Value {
    let plain = format_minor(units, digits);
    text(match lang.decimal_mark() {
        '.' => plain,
        mark => plain.replace('.', &mark.to_string()),
    })
}

impl Localize for ImportReason {
    fn localize(&self, lang: Lang) -> String {
        use ImportReason as R;
        let line = |line: &usize| ("line", count(*line));
        let name = |n: &str| ("name", text(n));
        let id = |n: &str| ("id", text(n));
        let reason = |e: &dyn Localize| ("reason", text(e.localize(lang)));
        match self {
            R::JsonTooDeep => lang.t("err-import-json-too-deep"),
            R::JsonTruncated { line: l } => lang.ta("err-import-json-truncated", &[line(l)]),
            R::JsonInvalid { line: l, column } => lang.ta(
                "err-import-json-invalid",
                &[line(l), ("column", count(*column))],
            ),
            R::CsvUnreadable => lang.t("err-import-csv-unreadable"),
            R::CsvUnreadableAt { line: l } => lang.ta("err-import-csv-unreadable-at", &[line(l)]),
            R::DateAmbiguous { text: t } => {
                lang.ta("err-import-date-ambiguous", &[("text", text(t.as_str()))])
            }
            R::NotADate { text: t } => {
                lang.ta("err-import-not-a-date", &[("text", text(t.as_str()))])
            }
            R::Number(e) => e.localize(lang),
            R::Column { column, error } => lang.ta(
                "err-import-column",
                &[("column", count(*column)), reason(error)],
            ),
            R::Cost(e) => lang.ta("err-import-cost", &[reason(e)]),
            R::NoHeader => lang.t("err-import-no-header"),
            R::MemberColumnWithoutName => lang.t("err-import-member-column-without-name"),
            R::MemberColumnTwice { name: n } => {
                lang.ta("err-import-member-column-twice", &[name(n)])
            }
            R::RowWithoutDate => lang.t("err-import-row-without-date"),
            R::ColumnCount { found, expected } => lang.ta(
                "err-import-column-count",
                &[("found", count(*found)), ("expected", count(*expected))],
            ),
            R::NetsDoNotAddUp { sum, digits } => lang.ta(
                "err-import-nets-do-not-add-up",
                &[("sum", minor(lang, *sum, *digits))],
            ),
            R::NoBalanceChanges => lang.t("err-import-no-balance-changes"),
            R::ColumnMissing { column } => {
                lang.ta("err-import-column-missing", &[("column", text(*column))])
            }
            R::NotAListOfBills => lang.t("err-import-not-a-list-of-bills"),
            R::BillNotAnObject { bill } => {
                lang.ta("err-import-bill-not-an-object", &[("bill", count(*bill))])
            }
            R::BillWithoutKey { bill, key } => lang.ta(
                "err-import-bill-without-key",
                &[("bill", count(*bill)), ("key", text(*key))],
            ),
            R::AmountNotPositive => lang.t("err-import-amount-not-positive"),
            R::NegativeBill => lang.t("err-import-negative-bill"),
            R::NoPayer => lang.t("err-import-no-payer"),
            R::UnknownOwer { name: n } => lang.ta("err-import-unknown-ower", &[name(n)]),
            R::NoOwers => lang.t("err-import-no-owers"),
            R::BillsColumnMissing { column, line: l } => lang.ta(
                "err-import-bills-column-missing",
                &[("column", text(*column)), line(l)],
            ),
            R::BillsWithoutDate => lang.t("err-import-bills-without-date"),
            R::MemberWithoutName { line: l } => {
                lang.ta("err-import-member-without-name", &[line(l)])
            }
            R::MemberTwice { line: l, name: n } => {
                lang.ta("err-import-member-twice", &[line(l), name(n)])
            }
            R::Weight { line: l, error } => lang.ta("err-import-weight", &[line(l), reason(error)]),
            R::NoDateNorTimestamp => lang.t("err-import-no-date-nor-timestamp"),
            R::TimestampOutOfRange => lang.t("err-import-timestamp-out-of-range"),
            R::PayerNotMember { name: n } => lang.ta("err-import-payer-not-member", &[name(n)]),
            R::OwerNotMember { name: n } => lang.ta("err-import-ower-not-member", &[name(n)]),
            R::ParticipantsNotAList => lang.t("err-import-participants-not-a-list"),
            R::ParticipantWithoutId { participant } => lang.ta(
                "err-import-participant-without-id",
                &[("participant", count(*participant))],
            ),
            R::ParticipantWithoutName { participant } => lang.ta(
                "err-import-participant-without-name",
                &[("participant", count(*participant))],
            ),
            R::ParticipantIdTwice { id: i } => lang.ta("err-import-participant-id-twice", &[id(i)]),
            R::ExpensesNotAList => lang.t("err-import-expenses-not-a-list"),
            R::ExpenseIdTwice { id: i } => lang.ta("err-import-expense-id-twice", &[id(i)]),
            R::AmountNotWhole => lang.t("err-import-amount-not-whole"),
            R::MissingField { field } => {
                lang.ta("err-import-missing-field", &[("field", text(*field))])
            }
            R::PayerNotParticipant { id: i } => {
                lang.ta("err-import-payer-not-participant", &[id(i)])
            }
            R::NoPaidFor => lang.t("err-import-no-paid-for"),
            R::PaidForWithoutParticipant => lang.t("err-import-paid-for-without-participant"),
            R::PaidForNotParticipant { id: i } => {
                lang.ta("err-import-paid-for-not-participant", &[id(i)])
            }
            R::PaidForTwice { id: i } => lang.ta("err-import-paid-for-twice", &[id(i)]),
            R::ShareNotWhole => lang.t("err-import-share-not-whole"),
            R::ShareNegative => lang.t("err-import-share-negative"),
            R::NobodyShares => lang.t("err-import-nobody-shares"),
            // Minor units, as the file has them: plain digits.
            R::AmountsDoNotAddUp { sum, amount } => lang.ta(
                "err-import-amounts-do-not-add-up",
                &[
                    ("sum", text(sum.to_string())),
                    ("amount", text(amount.to_string())),
                ],
            ),
            R::AllSharesZero => lang.t("err-import-all-shares-zero"),
            R::UnknownSplitMode { mode } => lang.ta(
                "err-import-unknown-split-mode",
                &[("mode", text(mode.as_str()))],
            ),
            R::EcbNoDateColumn => lang.t("err-import-ecb-no-date-column"),
            R::EcbNoCurrency => lang.t("err-import-ecb-no-currency"),
            R::EcbNotADay { line: l, text: t } => lang.ta(
                "err-import-ecb-not-a-day",
                &[line(l), ("text", text(t.as_str()))],
            ),
            R::EcbRate {
                line: l,
                currency,
                error,
            } => lang.ta(
                "err-import-ecb-rate",
                &[
                    line(l),
                    ("currency", text(currency.as_str())),
                    reason(error),
                ],
            ),
            R::EcbDayTwice { line: l, day } => lang.ta(
                "err-import-ecb-day-twice",
                &[line(l), ("day", text(lang.day(*day)))],
            ),
            R::EcbNoDays => lang.t("err-import-ecb-no-days"),
        }
    }
}

impl Localize for ImportNote {
    fn localize(&self, lang: Lang) -> String {
        match self {
            ImportNote::FooterMatches { currency, line } => lang.ta(
                "err-import-note-footer-matches",
                &[
                    ("currency", text(currency.as_str())),
                    ("line", count(*line)),
                ],
            ),
            ImportNote::FooterDiffers {
                currency,
                line,
                person,
                footer,
                rows,
                digits,
            } => lang.ta(
                "err-import-note-footer-differs",
                &[
                    ("currency", text(currency.as_str())),
                    ("line", count(*line)),
                    ("name", text(person.as_str())),
                    ("footer", minor(lang, *footer, *digits)),
                    ("rows", minor(lang, *rows, *digits)),
                ],
            ),
            ImportNote::InTrash { line } => {
                lang.ta("err-import-note-in-trash", &[("line", count(*line))])
            }
            ImportNote::RoundedToCent { line } => {
                lang.ta("err-import-note-rounded", &[("line", count(*line))])
            }
        }
    }
}

impl Localize for MappingError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            MappingError::Unmapped => lang.t("err-import-unmapped"),
            MappingError::SameName(n) => {
                lang.ta("err-import-same-name", &[("name", text(n.as_str()))])
            }
            MappingError::OwnerNotInFile => lang.t("err-import-owner-not-in-file"),
            MappingError::Description { line, error } => lang.ta(
                "err-import-line",
                &[
                    ("line", count(*line)),
                    ("reason", text(error.localize(lang))),
                ],
            ),
        }
    }
}

impl Localize for ImportApplyError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            ImportApplyError::Currency { file, account } => lang.ta(
                "err-import-currency",
                &[
                    ("file", text(file.as_str())),
                    ("account", text(account.as_str())),
                ],
            ),
            ImportApplyError::Nothing => lang.t("err-import-nothing"),
            ImportApplyError::Name { name, reason } => lang.ta(
                "err-import-name",
                &[
                    ("name", text(name.as_str())),
                    ("reason", text(reason.localize(lang))),
                ],
            ),
            ImportApplyError::Mapping(e) => e.localize(lang),
            ImportApplyError::Refused {
                line: Some(line),
                error,
            } => lang.ta(
                "err-import-line",
                &[
                    ("line", count(*line)),
                    ("reason", text(error.localize(lang))),
                ],
            ),
            ImportApplyError::Refused { line: None, error } => error.localize(lang),
            ImportApplyError::NoAccount => lang.t("err-import-no-account"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::{Currency, Money};
    use crate::infrastructure::event_store::StoreError;
    use chrono::NaiveDate;

    fn eur() -> Currency {
        Currency::from_code("EUR").expect("EUR")
    }

    /// A pool error, as the pool gives it when no connection can be made.
    fn pool_error() -> diesel::r2d2::PoolError {
        let manager = diesel::r2d2::ConnectionManager::<diesel::SqliteConnection>::new(
            "/nonexistent-directory/for-this-test/tally.db",
        );
        diesel::r2d2::Pool::builder()
            .max_size(1)
            .build_unchecked(manager)
            .get_timeout(std::time::Duration::from_millis(10))
            .err()
            .expect("no connection in a directory that does not exist")
    }

    fn account_errors() -> Vec<AccountError> {
        use AccountError::*;
        vec![
            NotOpened,
            AlreadyOpened,
            UnknownMember,
            NameTaken("Sam".into()),
            MemberIdTaken,
            PayerInactive,
            ParticipantInactive("Sam".into()),
            TransferToSelf,
            Amount(AmountError::NotPositive),
            Exchange(ExchangeError::SameCurrency),
            DateOutOfRange(NaiveDate::from_ymd_opt(2027, 12, 3).expect("date")),
            Split(SplitError::NoParticipants),
            ExpenseIdTaken,
            TransferIdTaken,
            UnknownExpense,
            ExpenseIsDeleted,
            StaleExpense { current: 2 },
            UnknownTransfer,
            TransferIsDeleted,
            StaleTransfer { current: 2 },
            UserAlreadyMember,
            MemberAlreadyLinked,
            LastActiveMember,
            UnknownCategory,
            CategoryIdTaken,
            CategoryNameTaken {
                name: "Food".into(),
                archived: false,
            },
            CategoryNameTaken {
                name: "Food".into(),
                archived: true,
            },
            CategoryArchived("Food".into()),
            UnknownSchedule,
            ScheduleIdTaken,
            ScheduleStopped,
            UntilBeforeStart,
            NotAnOccurrence,
            OccurrencePassed,
        ]
    }

    /// Every variant of every error a person can be shown, with what it is called in a
    /// failure, and whether its English is a sentence of ours (else it may read the same
    /// in other languages: the format's name and the parser's reason).
    fn every_error() -> Vec<(String, Box<dyn Localize>, bool)> {
        let mut all: Vec<(String, Box<dyn Localize>, bool)> = Vec::new();
        let mut add = |e: Box<dyn Localize>, name: String| all.push((name, e, true));
        macro_rules! each {
            ($($e:expr),* $(,)?) => {$( add(Box::new($e), format!("{:?}", $e)); )*};
        }
        each![
            AmountError::Empty,
            AmountError::Malformed,
            AmountError::NotPositive,
            AmountError::TooLarge,
            AmountError::TooManyDecimals(1),
            AmountError::TooManyDecimals(2),
            UnknownCurrency,
            TextError::Empty,
            TextError::TooLong(1),
            TextError::TooLong(60),
            TextError::ForbiddenCharacters,
            DateError::Malformed,
            DateError::OutOfRange,
            DateError::NoSuchDay,
            SplitError::NoParticipants,
            SplitError::DuplicateParticipant,
            SplitError::BadPortion,
            SplitError::ExactAmountsMismatch {
                expected: 1000,
                got: 700
            },
            SplitError::PercentagesMismatch { got: 9050 },
            RateError::Empty,
            RateError::Separators,
            RateError::Malformed,
            RateError::NotPositive,
            RateError::TooPrecise,
            RateError::TooLarge,
            ExchangeError::SameCurrency,
            ExchangeError::ConvertsToNothing("JPY".into()),
            ExchangeError::ConvertsToTooMuch(eur()),
            ExchangeError::Mismatch {
                currency: eur(),
                expected: Money(920)
            },
            RecurrenceError::UnknownUnit,
            RecurrenceError::OutOfRange {
                max: 99,
                unit: "weeks"
            },
            RecurrenceError::OutOfRange {
                max: 99,
                unit: "months"
            },
            RecurrenceError::OutOfRange {
                max: 99,
                unit: "years"
            },
            UnknownTimeZone,
            InvalidEmail,
            PasswordError::TooShort(10),
            PasswordError::TooLong(1024),
            PasswordError::TooCommon,
            NumberError::Empty,
            NumberError::Malformed("abc".into()),
            NumberError::TooLarge("1e300".into()),
            ImportError::Empty,
            ImportError::TooLarge,
            ImportError::NotText("it is UTF-16; save it as UTF-8"),
            ImportError::NotText("it holds binary data"),
            ImportError::NotText("it is not valid UTF-8"),
            ImportError::UnknownFormat,
            ImportError::IsBackup,
            ImportError::SpliitCsvHasNoPayers { literal: vec![] },
            MappingError::Unmapped,
            MappingError::SameName("Sam".into()),
            MappingError::OwnerNotInFile,
            MappingError::Description {
                line: 3,
                error: TextError::Empty
            },
        ];
        for e in account_errors() {
            add(Box::new(e.clone()), format!("{e:?}"));
            add(
                Box::new(CommandError::Rejected(e.clone())),
                format!("Rejected({e:?})"),
            );
        }
        add(
            Box::new(CommandError::Conflict),
            "CommandError::Conflict".into(),
        );
        add(
            Box::new(CommandError::IdTaken),
            "CommandError::IdTaken".into(),
        );
        add(
            Box::new(CommandError::Unavailable(std::sync::Arc::new(pool_error()))),
            "CommandError::Unavailable".into(),
        );
        add(
            Box::new(CommandError::Store(StoreError::Conflict)),
            "CommandError::Store".into(),
        );
        add(
            Box::new(CommandError::Interrupted(anyhow::anyhow!("stopped"))),
            "CommandError::Interrupted".into(),
        );
        add(
            Box::new(IdentityError::EmailTaken),
            "IdentityError::EmailTaken".into(),
        );
        add(
            Box::new(IdentityError::Database(diesel::result::Error::NotFound)),
            "IdentityError::Database".into(),
        );
        add(
            Box::new(ImportApplyError::Currency {
                file: "USD".into(),
                account: "EUR".into(),
            }),
            "ImportApplyError::Currency".into(),
        );
        add(
            Box::new(ImportApplyError::Nothing),
            "ImportApplyError::Nothing".into(),
        );
        add(
            Box::new(ImportApplyError::Name {
                name: "".into(),
                reason: TextError::Empty,
            }),
            "ImportApplyError::Name".into(),
        );
        add(
            Box::new(ImportApplyError::Mapping(MappingError::Unmapped)),
            "ImportApplyError::Mapping".into(),
        );
        add(
            Box::new(ImportApplyError::Refused {
                line: Some(4),
                error: CommandError::Rejected(AccountError::TransferToSelf),
            }),
            "ImportApplyError::Refused(line)".into(),
        );
        add(
            Box::new(ImportApplyError::Refused {
                line: None,
                error: CommandError::Conflict,
            }),
            "ImportApplyError::Refused".into(),
        );
        add(
            Box::new(ImportApplyError::NoAccount),
            "ImportApplyError::NoAccount".into(),
        );
        for reason in import_reasons() {
            all.push((format!("{reason:?}"), Box::new(reason.clone()), true));
            all.push((
                format!("Malformed({reason:?})"),
                Box::new(ImportError::Malformed {
                    format: "Spliit (JSON)",
                    reason,
                }),
                true,
            ));
        }
        all.push((
            "Malformed(ECB)".into(),
            Box::new(ImportError::Malformed {
                format: ecb::FORMAT,
                reason: ImportReason::EcbNoDays,
            }),
            true,
        ));
        for note in import_notes() {
            all.push((format!("{note:?}"), Box::new(note), true));
        }
        all
    }

    /// Every variant of the importers' reasons, with counts that pick each plural form.
    fn import_reasons() -> Vec<ImportReason> {
        use ImportReason::*;
        let id = || "p1".to_string();
        let name = || "Zed".to_string();
        vec![
            JsonTooDeep,
            JsonTruncated { line: 3 },
            JsonInvalid { line: 3, column: 7 },
            CsvUnreadable,
            CsvUnreadableAt { line: 4 },
            DateAmbiguous {
                text: "05/03/2026".into(),
            },
            NotADate {
                text: "yesterday".into(),
            },
            Number(NumberError::Malformed("=5+0".into())),
            Column {
                column: 6,
                error: NumberError::Empty,
            },
            Cost(NumberError::TooLarge("1e300".into())),
            NoHeader,
            MemberColumnWithoutName,
            MemberColumnTwice { name: name() },
            RowWithoutDate,
            ColumnCount {
                found: 1,
                expected: 7,
            },
            ColumnCount {
                found: 5,
                expected: 7,
            },
            NetsDoNotAddUp {
                sum: 100,
                digits: 2,
            },
            NoBalanceChanges,
            ColumnMissing {
                column: "payer_weight",
            },
            NotAListOfBills,
            BillNotAnObject { bill: 2 },
            BillWithoutKey {
                bill: 2,
                key: "owers",
            },
            AmountNotPositive,
            NegativeBill,
            NoPayer,
            UnknownOwer { name: name() },
            NoOwers,
            BillsColumnMissing {
                column: "owers",
                line: 5,
            },
            BillsWithoutDate,
            MemberWithoutName { line: 2 },
            MemberTwice {
                line: 3,
                name: name(),
            },
            Weight {
                line: 3,
                error: NumberError::Malformed("x".into()),
            },
            NoDateNorTimestamp,
            TimestampOutOfRange,
            PayerNotMember { name: name() },
            OwerNotMember { name: name() },
            ParticipantsNotAList,
            ParticipantWithoutId { participant: 2 },
            ParticipantWithoutName { participant: 2 },
            ParticipantIdTwice { id: id() },
            ExpensesNotAList,
            ExpenseIdTwice { id: id() },
            AmountNotWhole,
            MissingField {
                field: "expenseDate",
            },
            PayerNotParticipant { id: id() },
            NoPaidFor,
            PaidForWithoutParticipant,
            PaidForNotParticipant { id: id() },
            PaidForTwice { id: id() },
            ShareNotWhole,
            ShareNegative,
            NobodyShares,
            AmountsDoNotAddUp {
                sum: 900,
                amount: 1000,
            },
            AllSharesZero,
            UnknownSplitMode {
                mode: "BY_MAGIC".into(),
            },
            EcbNoDateColumn,
            EcbNoCurrency,
            EcbNotADay {
                line: 2,
                text: "yesterday".into(),
            },
            EcbRate {
                line: 2,
                currency: "USD".into(),
                error: RateError::NotPositive,
            },
            EcbDayTwice {
                line: 3,
                day: NaiveDate::from_ymd_opt(2024, 6, 14).expect("date"),
            },
            EcbNoDays,
        ]
    }

    fn import_notes() -> Vec<ImportNote> {
        vec![
            ImportNote::FooterMatches {
                currency: "EUR".into(),
                line: 9,
            },
            ImportNote::FooterDiffers {
                currency: "EUR".into(),
                line: 9,
                person: "Ana".into(),
                footer: -2050,
                rows: -2000,
                digits: 2,
            },
            ImportNote::InTrash { line: 4 },
            ImportNote::RoundedToCent { line: 5 },
        ]
    }

    #[test]
    fn the_importers_english_is_what_the_command_line_prints() {
        for reason in import_reasons() {
            let english = reason.localize(Lang::En);
            match &reason {
                // The page writes the day as the language does, and "1 column".
                ImportReason::EcbDayTwice { .. } => {
                    assert_eq!(english, "line 3: 14 Jun 2024 is there twice");
                }
                ImportReason::ColumnCount { found: 1, .. } => {
                    assert_eq!(english, "the row has 1 column, the header 7");
                }
                _ => assert_eq!(english, reason.to_string(), "{reason:?}"),
            }
            let malformed = ImportError::Malformed {
                format: "Cospend (CSV)",
                reason: reason.clone(),
            };
            if !matches!(
                reason,
                ImportReason::EcbDayTwice { .. } | ImportReason::ColumnCount { found: 1, .. }
            ) {
                assert_eq!(malformed.localize(Lang::En), malformed.to_string());
            }
        }
        for note in import_notes() {
            assert_eq!(note.localize(Lang::En), note.to_string(), "{note:?}");
        }
    }

    #[test]
    fn the_importers_reasons_speak_the_language() {
        let bad = ImportReason::Column {
            column: 6,
            error: NumberError::Malformed("=5+0".into()),
        };
        assert_eq!(bad.localize(Lang::De), "Spalte 6: „=5+0“ ist keine Zahl");
        assert_eq!(
            bad.localize(Lang::Fr),
            "colonne 6\u{a0}: «\u{a0}=5+0\u{a0}» n’est pas un nombre"
        );
        assert_eq!(
            ImportReason::NetsDoNotAddUp {
                sum: -150,
                digits: 2
            }
            .localize(Lang::Es),
            "las columnas de los miembros suman -1,50 en lugar de 0"
        );
        assert_eq!(
            ImportReason::ColumnCount {
                found: 1,
                expected: 7
            }
            .localize(Lang::De),
            "die Zeile hat 1 Spalte, die Kopfzeile 7"
        );
        let ecb = ImportError::Malformed {
            format: ecb::FORMAT,
            reason: ImportReason::EcbNoCurrency,
        };
        assert_eq!(
            ecb.to_string(),
            "ECB rates: no column names a currency tally knows"
        );
        assert_eq!(
            ecb.localize(Lang::De),
            "EZB-Wechselkurse: keine Spalte nennt eine Währung, die tally kennt"
        );
    }

    #[test]
    fn every_error_has_a_message_in_every_language() {
        for (name, error, ours) in every_error() {
            let english = error.localize(Lang::En);
            for lang in Lang::ALL {
                let text = error.localize(lang);
                let code = lang.code();
                assert!(!text.trim().is_empty(), "{code}: {name} is empty");
                assert!(
                    !text.starts_with("err-"),
                    "{code}: {name} has no message: {text}"
                );
                assert!(
                    !text.contains('{'),
                    "{code}: {name} lacks a variable: {text}"
                );
                if ours && lang != Lang::En {
                    assert_ne!(text, english, "{code}: {name} is still in English");
                }
            }
        }
    }

    #[test]
    fn english_says_what_the_rules_say() {
        // The English messages are the rules' own words, which the log and the command line
        // show: the pages read the same as before.
        for e in account_errors() {
            let same = !matches!(
                e,
                AccountError::DateOutOfRange(_) | AccountError::Exchange(_)
            );
            if same {
                assert_eq!(e.localize(Lang::En), e.to_string(), "{e:?}");
            }
        }
        let exchange = ExchangeError::Mismatch {
            currency: eur(),
            expected: Money(920),
        };
        assert_eq!(exchange.localize(Lang::En), exchange.to_string());
        // The page groups thousands as the language does; the log keeps the plain digits.
        assert_eq!(
            ExchangeError::ConvertsToTooMuch(eur()).localize(Lang::En),
            "at this rate the amount is more than €1,000,000.00, the most an expense can be"
        );
        assert_eq!(
            AmountError::TooManyDecimals(2).localize(Lang::En),
            "use at most 2 digits after the decimal separator"
        );
        assert_eq!(
            AmountError::TooManyDecimals(1).localize(Lang::En),
            "use at most 1 digit after the decimal separator"
        );
        assert_eq!(
            TextError::TooLong(60).localize(Lang::En),
            TextError::TooLong(60).to_string()
        );
        assert_eq!(
            RateError::TooPrecise.localize(Lang::En),
            RateError::TooPrecise.to_string()
        );
    }

    #[test]
    fn numbers_money_and_dates_in_messages_follow_the_language() {
        let mismatch = ExchangeError::Mismatch {
            currency: eur(),
            expected: Money(123_456),
        };
        assert_eq!(
            mismatch.localize(Lang::En),
            "the amount in EUR must be €1,234.56 at this rate"
        );
        assert!(
            mismatch.localize(Lang::De).contains("1.234,56\u{a0}€"),
            "{}",
            mismatch.localize(Lang::De)
        );
        assert_eq!(
            SplitError::PercentagesMismatch { got: 9050 }.localize(Lang::De),
            "die Prozentsätze ergeben 90,50 % statt 100 %"
        );
        let late =
            AccountError::DateOutOfRange(NaiveDate::from_ymd_opt(2027, 12, 3).expect("date"));
        assert_eq!(
            late.localize(Lang::En),
            "the date must be between 1 Jan 2000 and 3 Dec 2027"
        );
        assert_eq!(
            AmountError::TooLarge.localize(Lang::De),
            "der Betrag darf höchstens 1.000.000 sein"
        );
    }

    #[test]
    fn translated_text_passes_through() {
        assert_eq!("ya traducido".localize(Lang::De), "ya traducido");
        assert_eq!(
            String::from("déjà traduit").localize(Lang::Es),
            "déjà traduit"
        );
        let by_reference: &dyn Localize = &&AmountError::Empty;
        assert_eq!(by_reference.localize(Lang::Fr), "saisissez un montant");
    }
}
