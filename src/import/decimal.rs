//! Exact decimal text to integers: amounts to minor units, weights to millionths. No floats.

/// Why a number cell cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    /// Nothing in the cell.
    #[error("the amount is empty")]
    Empty,
    /// Not a plain decimal number (a formula, letters, an exponent…).
    #[error("“{0}” is not a number")]
    Malformed(String),
    /// Beyond any amount tally keeps.
    #[error("“{0}” is too large")]
    TooLarge(String),
}

/// A decimal read exactly: `units` in 10^-`digits`, and whether digits were rounded away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scaled {
    /// The value in the requested unit (cents for 2 digits).
    pub units: i64,
    /// True when the text had more digits than the unit and was rounded half away from zero.
    pub rounded: bool,
}

/// Reads `-12.345`, `+3`, `42.5`, `.5` into units of 10^-`digits`. A decimal comma is accepted
/// when it is the only separator (files from `;`-separated spreadsheets). Thousands separators
/// are not: a peer never writes them, and `1,234` would be ambiguous.
pub fn parse_scaled(text: &str, digits: u8) -> Result<Scaled, NumberError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(NumberError::Empty);
    }
    let malformed = || NumberError::Malformed(shorten(t));
    if t.len() > 40 {
        return Err(malformed());
    }
    let (negative, body) = match t.as_bytes()[0] {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    let body = if body.contains('.') {
        if body.contains(',') {
            return Err(malformed());
        }
        body.to_string()
    } else {
        body.replacen(',', ".", 1)
    };
    let (whole, fraction) = match body.split_once('.') {
        Some((w, f)) => (w, f),
        None => (body.as_str(), ""),
    };
    if (whole.is_empty() && fraction.is_empty())
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(malformed());
    }
    let too_large = || NumberError::TooLarge(shorten(t));
    let mut units: i64 = 0;
    for b in whole.bytes() {
        units = units
            .checked_mul(10)
            .and_then(|u| u.checked_add(i64::from(b - b'0')))
            .ok_or_else(too_large)?;
    }
    let digits = usize::from(digits);
    let mut rounded = false;
    for i in 0..digits {
        let d = fraction
            .as_bytes()
            .get(i)
            .map_or(0, |b| i64::from(b - b'0'));
        units = units
            .checked_mul(10)
            .and_then(|u| u.checked_add(d))
            .ok_or_else(too_large)?;
    }
    let rest = fraction.get(digits..).unwrap_or("");
    if rest.bytes().any(|b| b != b'0') {
        rounded = true;
        if rest.as_bytes()[0] >= b'5' {
            units = units.checked_add(1).ok_or_else(too_large)?;
        }
    }
    // Keep far from i64's edge so sums of many rows cannot overflow.
    if units > 1_000_000_000_000_000 {
        return Err(too_large());
    }
    Ok(Scaled {
        units: if negative { -units } else { units },
        rounded,
    })
}

/// A weight such as `1`, `1.5` or `33.333333`, in millionths.
pub fn parse_weight(text: &str) -> Result<i64, NumberError> {
    parse_scaled(text, 6).map(|s| s.units)
}

fn shorten(t: &str) -> String {
    t.chars().take(24).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cents(t: &str) -> i64 {
        parse_scaled(t, 2).expect("a number").units
    }

    #[test]
    fn decimal_strings_become_exact_cents() {
        assert_eq!(cents("13.33"), 1333);
        assert_eq!(cents("200.0"), 20000);
        assert_eq!(cents("50"), 5000);
        assert_eq!(cents("-1342.86"), -134286);
        assert_eq!(cents("+3"), 300);
        assert_eq!(cents("12,5"), 1250);
        assert_eq!(cents(".5"), 50);
        // 0.1 + 0.2 in floats is 0.30000000000000004; here it is text.
        assert_eq!(cents("0.30000000000000004"), 30);
    }

    #[test]
    fn sub_cent_amounts_round_half_away_from_zero_and_say_so() {
        assert_eq!(
            parse_scaled("923.595", 2),
            Ok(Scaled {
                units: 92360,
                rounded: true
            })
        );
        assert_eq!(parse_scaled("-0.005", 2).map(|s| s.units), Ok(-1));
        assert_eq!(parse_scaled("1.250", 2).map(|s| s.rounded), Ok(false));
    }

    #[test]
    fn formulas_and_junk_are_refused() {
        for bad in [
            "=1+2", "1e3", "12.3.4", "1,234.5", "abc", "-", "1 000", "NaN",
        ] {
            assert!(parse_scaled(bad, 2).is_err(), "{bad} must be refused");
        }
        assert_eq!(parse_scaled("  ", 2), Err(NumberError::Empty));
        assert!(matches!(
            parse_scaled("99999999999999999999", 2),
            Err(NumberError::TooLarge(_))
        ));
    }

    #[test]
    fn weights_keep_six_digits() {
        assert_eq!(parse_weight("1.5"), Ok(1_500_000));
        assert_eq!(parse_weight("33.333333"), Ok(33_333_333));
    }
}
