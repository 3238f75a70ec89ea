//! Amounts in another currency than the account's: the original amount, the rate it was
//! converted at, and the exact conversion of the total and of every share.

use crate::domain::money::{Currency, Money};
use crate::domain::split::{Share, largest_remainder};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How many units of the account's currency one unit of another currency is worth, as the
/// exact decimal a person typed (`0.8571`, `162,35`). Kept as digits and a scale, never as a
/// float, and stored as its text, so a conversion is the same on every machine and forever.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Rate {
    /// The digits without the separator (`8571` for `0.8571`).
    digits: u64,
    /// How many of them are decimals (4 for `0.8571`).
    scale: u8,
}

/// Why a text is not a rate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RateError {
    /// Nothing typed.
    #[error("enter the rate: how much one unit of that currency is in the account's")]
    Empty,
    /// Both `.` and `,`, or more than one separator.
    #[error("write the rate with one decimal separator and no thousands separators, like 0.8571")]
    Separators,
    /// Letters, signs, exponents, spaces inside.
    #[error("enter the rate as a plain decimal number, like 0.8571")]
    Malformed,
    /// Zero or below.
    #[error("the rate must be more than zero")]
    NotPositive,
    /// More digits than a rate needs.
    #[error(
        "the rate can have at most {} significant digits and {} decimals",
        Rate::MAX_DIGITS,
        Rate::MAX_SCALE
    )]
    TooPrecise,
    /// A rate no currency pair has.
    #[error("the rate can be at most {}", Rate::MAX)]
    TooLarge,
}

impl Rate {
    /// Significant digits a rate may have (central banks publish at most 6).
    pub const MAX_DIGITS: usize = 15;
    /// Decimals a rate may have.
    pub const MAX_SCALE: u8 = 10;
    /// The largest rate (one unit of the other currency worth a million of the account's).
    pub const MAX: u64 = 1_000_000;

    /// Parses a rate as a person types it: digits with `.` or `,` as the one decimal
    /// separator, surrounding spaces ignored.
    pub fn parse(input: &str) -> Result<Self, RateError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(RateError::Empty);
        }
        if text.len() > 40 {
            return Err(RateError::TooPrecise);
        }
        let separators = text.chars().filter(|c| *c == '.' || *c == ',').count();
        if separators > 1 {
            return Err(RateError::Separators);
        }
        if text.starts_with('-') {
            return Err(RateError::NotPositive);
        }
        let (whole, fraction) = match text.find(['.', ',']) {
            Some(at) => (&text[..at], &text[at + 1..]),
            None => (text, ""),
        };
        if !whole.bytes().all(|b| b.is_ascii_digit())
            || !fraction.bytes().all(|b| b.is_ascii_digit())
            || (whole.is_empty() && fraction.is_empty())
        {
            return Err(RateError::Malformed);
        }
        // Trailing zeros of the fraction say nothing; leading zeros of the whole neither.
        let fraction = fraction.trim_end_matches('0');
        let whole = whole.trim_start_matches('0');
        let significant = format!("{whole}{fraction}");
        let significant = significant.trim_start_matches('0');
        if significant.is_empty() {
            return Err(RateError::NotPositive);
        }
        if significant.len() > Self::MAX_DIGITS || fraction.len() > usize::from(Self::MAX_SCALE) {
            return Err(RateError::TooPrecise);
        }
        if whole.len() > 7 {
            return Err(RateError::TooLarge);
        }
        let digits: u64 = significant.parse().map_err(|_| RateError::Malformed)?;
        let rate = Rate {
            digits,
            scale: fraction.len() as u8,
        };
        if rate.digits > Self::MAX * 10_u64.pow(u32::from(rate.scale)) {
            return Err(RateError::TooLarge);
        }
        Ok(rate)
    }

    /// `self ÷ other` as a rate, rounded half away from zero to at most
    /// [`Rate::MAX_SCALE`] decimals and [`Rate::MAX_DIGITS`] digits: the cross rate of two
    /// rates against a third currency (the ECB's are units per euro). `None` when the result
    /// is no rate (zero at that precision, or above [`Rate::MAX`]).
    pub fn divided_by(&self, other: &Rate) -> Option<Rate> {
        // (a / 10^sa) / (b / 10^sb) at 10^MAX_SCALE: a × 10^(sb + MAX_SCALE) / (b × 10^sa).
        let numerator = i128::from(self.digits)
            * 10_i128.pow(u32::from(other.scale) + u32::from(Self::MAX_SCALE));
        let denominator = i128::from(other.digits) * 10_i128.pow(u32::from(self.scale));
        if denominator == 0 {
            return None;
        }
        let mut digits = numerator / denominator;
        if (numerator % denominator) * 2 >= denominator {
            digits += 1;
        }
        let mut scale = Self::MAX_SCALE;
        // Too many significant digits for a large rate: fewer decimals, rounded again.
        while digits >= 10_i128.pow(Self::MAX_DIGITS as u32) && scale > 0 {
            digits = (digits + 5) / 10;
            scale -= 1;
        }
        while scale > 0 && digits % 10 == 0 && digits != 0 {
            digits /= 10;
            scale -= 1;
        }
        let text = Rate {
            digits: u64::try_from(digits).ok()?,
            scale,
        }
        .to_string();
        Rate::parse(&text).ok()
    }

    /// Converts `amount` minor units of `from` into minor units of `to`, rounding half away
    /// from zero once, at the end.
    fn convert(&self, amount: i64, from: Currency, to: Currency) -> i128 {
        // amount / 10^from × digits / 10^scale × 10^to
        let numerator =
            i128::from(amount) * i128::from(self.digits) * 10_i128.pow(u32::from(to.minor_units()));
        let denominator =
            10_i128.pow(u32::from(self.scale)) * 10_i128.pow(u32::from(from.minor_units()));
        let quotient = numerator / denominator;
        let remainder = numerator % denominator;
        if remainder.abs() * 2 >= denominator {
            quotient + numerator.signum()
        } else {
            quotient
        }
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scale = usize::from(self.scale);
        let digits = format!("{:0>width$}", self.digits, width = scale + 1);
        let (whole, fraction) = digits.split_at(digits.len() - scale);
        if fraction.is_empty() {
            f.write_str(whole)
        } else {
            write!(f, "{whole}.{fraction}")
        }
    }
}

impl From<Rate> for String {
    fn from(rate: Rate) -> String {
        rate.to_string()
    }
}

impl TryFrom<String> for Rate {
    type Error = RateError;
    fn try_from(text: String) -> Result<Self, RateError> {
        Rate::parse(&text)
    }
}

/// An expense entered in another currency: what was paid in it, and the rate to the
/// account's currency. The expense's own amount and shares are the converted cents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForeignAmount {
    /// The currency it was paid in (never the account's own).
    pub currency: Currency,
    /// How much, in that currency's minor units.
    pub amount: Money,
    /// One unit of it in the account's currency.
    pub rate: Rate,
}

/// Why an amount in another currency cannot be recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExchangeError {
    /// The "other" currency is the account's.
    #[error("this is the account's own currency: enter the amount without a rate")]
    SameCurrency,
    /// Converted, it is less than the account currency's smallest unit.
    #[error("at this rate the amount is less than the smallest unit of {0}")]
    ConvertsToNothing(String),
    /// Converted, it is more than an expense may be (in the account's currency, whose
    /// largest amount it names).
    #[error(
        "at this rate the amount is more than {}, the most an expense can be",
        .0.format(.0.max_amount())
    )]
    ConvertsToTooMuch(Currency),
    /// The converted amount given is not the conversion of the original.
    #[error("the amount in {} must be {} at this rate", currency.code(), currency.format(*expected))]
    Mismatch {
        /// The account's currency.
        currency: Currency,
        /// What the conversion gives.
        expected: Money,
    },
}

impl ForeignAmount {
    /// The amount in the account's currency `to`.
    pub fn converted(&self, to: Currency) -> Result<Money, ExchangeError> {
        if self.currency == to {
            return Err(ExchangeError::SameCurrency);
        }
        let minor = self.rate.convert(self.amount.cents(), self.currency, to);
        if minor <= 0 {
            return Err(ExchangeError::ConvertsToNothing(to.code().to_owned()));
        }
        let max = to.max_amount();
        if minor > i128::from(max.cents()) {
            return Err(ExchangeError::ConvertsToTooMuch(to));
        }
        Ok(Money(minor as i64))
    }
}

/// The shares of an expense paid in another currency, in the account's: `original` (the
/// split of the original amount) scaled to `converted` by largest remainder, so they add up
/// to the converted total exactly and each is within one unit of its own conversion.
pub fn convert_shares(original: &[Share], converted: Money, tie_break_seed: u64) -> Vec<Share> {
    let weights: Vec<i64> = original.iter().map(|s| s.amount.cents()).collect();
    let cents = largest_remainder(converted.cents(), &weights, tie_break_seed);
    original
        .iter()
        .zip(cents)
        .map(|(s, c)| Share {
            member_id: s.member_id,
            amount: Money(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::MemberId;
    use proptest::prelude::*;

    fn currency(code: &str) -> Currency {
        Currency::from_code(code).expect("known")
    }

    fn rate(text: &str) -> Rate {
        Rate::parse(text).expect("valid rate")
    }

    fn foreign(code: &str, amount: i64, r: &str) -> ForeignAmount {
        ForeignAmount {
            currency: currency(code),
            amount: Money(amount),
            rate: rate(r),
        }
    }

    #[test]
    fn rates_are_read_exactly_with_either_separator() {
        assert_eq!(rate("0.8571").to_string(), "0.8571");
        assert_eq!(rate("0,8571"), rate("0.8571"));
        assert_eq!(rate(" 162.350 ").to_string(), "162.35");
        assert_eq!(rate("7").to_string(), "7");
        assert_eq!(rate(".5").to_string(), "0.5");
        assert_eq!(rate("0.0000001234").to_string(), "0.0000001234");
        assert_eq!(rate("1000000").to_string(), "1000000");
    }

    #[test]
    fn hostile_rates_are_refused_with_the_reason() {
        assert_eq!(Rate::parse(""), Err(RateError::Empty));
        assert_eq!(Rate::parse("0"), Err(RateError::NotPositive));
        assert_eq!(Rate::parse("0.000"), Err(RateError::NotPositive));
        assert_eq!(Rate::parse("-1.5"), Err(RateError::NotPositive));
        assert_eq!(Rate::parse("1e300"), Err(RateError::Malformed));
        assert_eq!(Rate::parse("1,234.5"), Err(RateError::Separators));
        assert_eq!(Rate::parse("1.234,5"), Err(RateError::Separators));
        assert_eq!(Rate::parse("1.2.3"), Err(RateError::Separators));
        assert_eq!(Rate::parse("1 000"), Err(RateError::Malformed));
        assert_eq!(Rate::parse("NaN"), Err(RateError::Malformed));
        assert_eq!(Rate::parse("."), Err(RateError::Malformed));
        assert_eq!(
            Rate::parse("1234567890123456789012345678901234567890"),
            Err(RateError::TooPrecise)
        );
        assert_eq!(Rate::parse("0.12345678901"), Err(RateError::TooPrecise));
        assert_eq!(Rate::parse("1000000.01"), Err(RateError::TooLarge));
        assert_eq!(Rate::parse("12345678"), Err(RateError::TooLarge));
    }

    #[test]
    fn a_rate_is_stored_as_its_text() {
        let json = serde_json::to_string(&rate("0,8571")).expect("serialises");
        assert_eq!(json, r#""0.8571""#);
        assert_eq!(
            serde_json::from_str::<Rate>(&json).ok(),
            Some(rate("0.8571"))
        );
        assert!(serde_json::from_str::<Rate>(r#""0""#).is_err());
    }

    #[test]
    fn cross_rates_divide_exactly_and_round_once() {
        // Units per euro, as the ECB gives them: a yen in euros, a yen in dollars.
        let one = rate("1");
        assert_eq!(one.divided_by(&rate("168.17")), Some(rate("0.0059463638")));
        assert_eq!(
            rate("1.0707").divided_by(&rate("168.17")),
            Some(rate("0.0063667717"))
        );
        // A dollar in yen: 157.06...
        assert_eq!(
            rate("168.17").divided_by(&rate("1.0707")),
            Some(rate("157.0654711871"))
        );
        assert_eq!(rate("2").divided_by(&rate("4")), Some(rate("0.5")));
        assert_eq!(
            rate("1").divided_by(&rate("0.0000001")),
            None,
            "over the largest rate"
        );
        assert_eq!(
            rate("0.0000001").divided_by(&rate("100000")),
            None,
            "below 10 decimals"
        );
    }

    #[test]
    fn conversions_round_once_half_away_from_zero() {
        let eur = currency("EUR");
        // ¥12,000 at 0.006192 = €74.304 → €74.30
        assert_eq!(
            foreign("JPY", 12_000, "0.006192").converted(eur),
            Ok(Money(7430))
        );
        // $10.05 at 0.5 = €5.025 → €5.03
        assert_eq!(foreign("USD", 1005, "0.5").converted(eur), Ok(Money(503)));
        // KWD 1.234 (three digits) at 3.0125 = €3.717425 → €3.72
        assert_eq!(
            foreign("KWD", 1234, "3.0125").converted(eur),
            Ok(Money(372))
        );
        // €10.00 into yen at 162.35 = ¥1,623.5 → ¥1,624
        assert_eq!(
            foreign("EUR", 1000, "162.35").converted(currency("JPY")),
            Ok(Money(1624))
        );
        // €1.00 into dinars at 0.3312 = KWD 0.3312 → 0.331
        assert_eq!(
            foreign("EUR", 100, "0.3312").converted(currency("KWD")),
            Ok(Money(331))
        );
    }

    #[test]
    fn conversions_that_leave_nothing_or_too_much_are_refused() {
        let eur = currency("EUR");
        assert_eq!(
            foreign("JPY", 1, "0.001").converted(eur),
            Err(ExchangeError::ConvertsToNothing("EUR".into()))
        );
        assert!(matches!(
            foreign("USD", 100_000_000, "1000").converted(eur),
            Err(ExchangeError::ConvertsToTooMuch(_))
        ));
        assert_eq!(
            foreign("EUR", 100, "1").converted(eur),
            Err(ExchangeError::SameCurrency)
        );
    }

    #[test]
    fn converted_shares_add_up_to_the_converted_total() {
        let m: Vec<MemberId> = (0..3).map(|_| MemberId::new()).collect();
        let original: Vec<Share> = [4000, 4000, 4000]
            .iter()
            .zip(&m)
            .map(|(c, id)| Share {
                member_id: *id,
                amount: Money(*c),
            })
            .collect();
        // ¥12,000 three ways, €74.30: 24.77 + 24.77 + 24.76 in some order.
        let shares = convert_shares(&original, Money(7430), 0);
        let mut cents: Vec<i64> = shares.iter().map(|s| s.amount.cents()).collect();
        assert_eq!(cents.iter().sum::<i64>(), 7430);
        cents.sort_unstable();
        assert_eq!(cents, vec![2476, 2477, 2477]);
        assert_eq!(shares.iter().map(|s| s.member_id).collect::<Vec<_>>(), m);
    }

    proptest! {
        /// Across currencies of 0, 2 and 3 minor digits: the converted total is the exact
        /// product rounded once, and the converted shares sum to it exactly, each within one
        /// unit of its own exact conversion.
        #[test]
        fn conversion_is_exact_and_zero_sum(
            from in prop::sample::select(vec!["JPY", "EUR", "KWD", "USD", "ISK", "BHD"]),
            to in prop::sample::select(vec!["JPY", "EUR", "KWD", "GBP"]),
            amount in 1_i64..100_000_000,
            rate_digits in 1_u64..10_000_000,
            scale in 0_u8..8,
            weights in prop::collection::vec(1_i64..10_000, 1..8),
        ) {
            prop_assume!(from != to);
            let (from_c, to_c) = (currency(from), currency(to));
            prop_assume!(Money(amount) <= from_c.max_amount());
            let text = Rate { digits: rate_digits, scale }.to_string();
            let Ok(r) = Rate::parse(&text) else { return Ok(()); };
            prop_assert_eq!(r.to_string().parse::<f64>().ok(), text.parse::<f64>().ok());
            let f = ForeignAmount { currency: from_c, amount: Money(amount), rate: r };
            let Ok(converted) = f.converted(to_c) else { return Ok(()); };
            // Exact: |converted − amount × rate| ≤ half a unit, computed in i128 at full scale.
            let exact_num = i128::from(amount) * i128::from(rate_digits)
                * 10_i128.pow(u32::from(to_c.minor_units()));
            let den = 10_i128.pow(u32::from(scale)) * 10_i128.pow(u32::from(from_c.minor_units()));
            prop_assert!((i128::from(converted.cents()) * den - exact_num).abs() * 2 <= den);
            let members: Vec<MemberId> = weights.iter().map(|_| MemberId::new()).collect();
            let split = crate::domain::split::Split::ByShares {
                shares: members.iter().zip(&weights).map(|(id, w)| crate::domain::split::Portion {
                    member_id: *id,
                    value: (*w).min(crate::domain::split::Split::MAX_WEIGHT),
                }).collect(),
            };
            let Ok(original) = split.allocate(Money(amount), 7) else { return Ok(()); };
            let shares = convert_shares(&original, converted, 7);
            prop_assert_eq!(shares.iter().map(|s| s.amount.cents()).sum::<i64>(), converted.cents());
            for (o, s) in original.iter().zip(&shares) {
                let ideal = i128::from(o.amount.cents()) * i128::from(converted.cents());
                let got = i128::from(s.amount.cents()) * i128::from(amount);
                prop_assert!((got - ideal).abs() < i128::from(amount), "within one unit");
            }
        }
    }
}
