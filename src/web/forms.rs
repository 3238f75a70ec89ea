//! Form helpers: raw fields in, a message per field out.

use crate::i18n::Localize;
use std::collections::BTreeMap;

/// The fields of an urlencoded form, in order, repeated names kept.
#[derive(Debug, Clone, Default)]
pub struct RawForm(pub Vec<(String, String)>);

impl RawForm {
    /// The first value of a field, or "".
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// Every value of a field.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Whether the field was sent.
    pub fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }
}

/// Messages keyed by field name, shown beside each field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(BTreeMap<String, String>);

impl FieldErrors {
    /// Adds a message for a field (the first one wins), in the request's language and as a
    /// sentence: the rules speak in clauses ("enter an amount") that other messages embed, the
    /// page shows "Enter an amount.". Text already translated passes through as it is.
    pub fn add(&mut self, field: impl Into<String>, message: impl Localize) {
        self.0
            .entry(field.into())
            .or_insert_with(|| sentence(&message.localize(crate::i18n::current())));
    }

    /// The message for a field, or "".
    pub fn get(&self, field: &str) -> &str {
        self.0.get(field).map(String::as_str).unwrap_or("")
    }

    /// Whether a field has a message.
    pub fn has(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }

    /// Adds another set of messages (for fields without one yet).
    pub fn extend(&mut self, other: FieldErrors) {
        for (field, message) in other.0 {
            self.add(field, message);
        }
    }

    /// Whether nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Takes the value out of a parse result, noting its error under `field`.
    pub fn take<T, E: Localize>(&mut self, field: &str, result: Result<T, E>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.add(field, e);
                None
            }
        }
    }
}

/// A message as a sentence: a capital first letter and a full stop (or the message's own
/// `.`, `!` or `?`) at the end.
pub fn sentence(message: &str) -> String {
    let message = message.trim();
    let mut chars = message.chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_become_sentences() {
        assert_eq!(sentence("enter an amount"), "Enter an amount.");
        assert_eq!(sentence("Already fine."), "Already fine.");
        assert_eq!(sentence("why not?"), "Why not?");
        assert_eq!(sentence("écrire"), "Écrire.");
        assert_eq!(sentence(""), "");
        let mut errors = FieldErrors::default();
        errors.add("amount", "enter an amount");
        assert_eq!(errors.get("amount"), "Enter an amount.");
    }
}
