//! Texts with rules: names and descriptions, parsed once at the edge.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// Empty after trimming.
    #[error("this cannot be empty")]
    Empty,
    /// Longer than allowed.
    #[error("use at most {0} characters")]
    TooLong(usize),
    /// Holds control or invisible formatting characters.
    #[error("remove control or invisible characters")]
    ForbiddenCharacters,
}

/// Trims, collapses inner runs of whitespace and checks length in characters.
fn clean(input: &str, max: usize) -> Result<String, TextError> {
    if input.chars().any(is_forbidden) {
        return Err(TextError::ForbiddenCharacters);
    }
    let cleaned = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if cleaned.is_empty() {
        return Err(TextError::Empty);
    }
    if cleaned.chars().count() > max {
        return Err(TextError::TooLong(max));
    }
    Ok(cleaned)
}

/// Control characters and the invisible ones that make two names look alike or reorder text.
fn is_forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || is_invisible(c)
}

/// Characters that show nothing yet change what text means or how it compares: bidi
/// controls (U+061C, U+200E/F, U+202A–E, U+2066–9), zero-width and joiner characters,
/// the soft hyphen and the combining grapheme joiner, and the fillers that look like
/// nothing at all (Hangul fillers, the Mongolian vowel separator).
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}' | '\u{1160}' | '\u{180e}'
        | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{3164}' | '\u{feff}' | '\u{ffa0}'
        | '\u{fff9}'..='\u{fffb}')
}

macro_rules! text_type {
    ($(#[$doc:meta])* $name:ident, $max:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The longest allowed text, in characters.
            pub const MAX_CHARS: usize = $max;

            /// Parses a text typed by a person.
            pub fn parse(input: &str) -> Result<Self, TextError> {
                clean(input, $max).map(Self)
            }

            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

text_type!(
    /// A member's name as the flat knows them ("Sam").
    MemberName,
    60
);
text_type!(
    /// The name of a shared account ("Flat 3B").
    AccountName,
    80
);
text_type!(
    /// What an expense was for ("Internet").
    Description,
    120
);

text_type!(
    /// A category's name ("Groceries").
    CategoryName,
    40
);

impl CategoryName {
    /// The key two category names are compared by: case does not count.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

impl MemberName {
    /// The key two names are compared by: case and accents of case do not count.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_collapses_whitespace() {
        let d = Description::parse("  Internet \t bill ").expect("valid");
        assert_eq!(d.as_str(), "Internet bill");
    }

    #[test]
    fn description_length_counts_characters_after_trimming() {
        assert!(Description::parse(&"é".repeat(120)).is_ok());
        assert_eq!(
            Description::parse(&"é".repeat(121)),
            Err(TextError::TooLong(120))
        );
        assert_eq!(
            Description::parse(&format!("  {}  ", "a".repeat(120))).map(|d| d.0.len()),
            Ok(120)
        );
        assert_eq!(Description::parse(" \t\n "), Err(TextError::Empty));
    }

    #[test]
    fn refuses_invisible_and_control_characters() {
        for bad in [
            "Sam\u{202e}",
            "S\u{200b}am",
            "Sam\0",
            "\u{feff}Sam",
            "\u{61c}Sam",
            "Sa\u{ad}m",
            "\u{3164}",
            "Sam\u{115f}",
            "S\u{34f}am",
        ] {
            assert_eq!(
                MemberName::parse(bad),
                Err(TextError::ForbiddenCharacters),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn member_name_key_ignores_case() {
        let a = MemberName::parse("Zoë").expect("valid");
        let b = MemberName::parse("ZOË").expect("valid");
        assert_eq!(a.key(), b.key());
    }
}
