//! The languages tally speaks: its messages (Project Fluent, one `.ftl` file per language and
//! area under `locales/`), and numbers, money and dates in each language's CLDR conventions
//! (ICU4X's compiled data).
//!
//! A [`Lang`] is all a page needs: `lang.t(key)` for a message, `lang.money(..)` and
//! `lang.day(..)` for values. Adding a language: a variant here, its files under `locales/`,
//! and the tests in this module say what is missing.

mod format;
mod messages;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::LazyLock;

pub use format::parse_amount;
pub use messages::Localize;

/// A language tally speaks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Lang {
    /// English (British conventions: `3 Dec 2026`, `€1,234.56`).
    #[default]
    #[serde(rename = "en")]
    En,
    /// Spanish.
    #[serde(rename = "es")]
    Es,
    /// French.
    #[serde(rename = "fr")]
    Fr,
    /// German.
    #[serde(rename = "de")]
    De,
}

/// The message files of every language, one per area; every language has the same areas.
macro_rules! areas {
    ($($area:literal),* $(,)?) => {
        /// The areas' names, in the order their files are loaded.
        pub const AREAS: &[&str] = &[$($area),*];
        fn sources(lang: Lang) -> Vec<(&'static str, &'static str)> {
            match lang {
                Lang::En => vec![$(($area, include_str!(concat!("../../locales/en/", $area, ".ftl")))),*],
                Lang::Es => vec![$(($area, include_str!(concat!("../../locales/es/", $area, ".ftl")))),*],
                Lang::Fr => vec![$(($area, include_str!(concat!("../../locales/fr/", $area, ".ftl")))),*],
                Lang::De => vec![$(($area, include_str!(concat!("../../locales/de/", $area, ".ftl")))),*],
            }
        }
    };
}

areas!["common", "auth", "expenses", "account", "reports", "errors"];

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Es, Lang::Fr, Lang::De];

    /// The BCP 47 code, as in `<html lang>` and the settings.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Fr => "fr",
            Lang::De => "de",
        }
    }

    /// The language of a code (`es`, `es-ES`, `ES`); `None` for one tally does not speak.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next()?.trim();
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// The best language for a browser's `Accept-Language` header (`de-CH, fr;q=0.8`), else
    /// English: the first of the highest weight that tally speaks.
    pub fn negotiate(accept_language: &str) -> Lang {
        let mut best: Option<(u16, Lang)> = None;
        for range in accept_language.split(',').take(32) {
            let mut parts = range.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(1000, |q| quality(q.trim()));
            if weight == 0 {
                continue;
            }
            if let Some(lang) = Lang::from_code(tag)
                && best.is_none_or(|(w, _)| weight > w)
            {
                best = Some((weight, lang));
            }
        }
        best.map(|(_, lang)| lang).unwrap_or_default()
    }

    /// The language's own name ("Español"), for the switch between languages.
    pub fn name(self) -> String {
        self.t("language-name")
    }

    /// The message `key`; its key itself (and a warning in the log) if it has none.
    pub fn t(self, key: &str) -> String {
        self.format(key, None)
    }

    /// The message `key` with one variable.
    pub fn t1(self, key: &str, name: &str, value: impl Arg) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_owned(), value.into_value());
        self.format(key, Some(&args))
    }

    /// The message `key` with two variables.
    pub fn t2(self, key: &str, (n1, v1): (&str, impl Arg), (n2, v2): (&str, impl Arg)) -> String {
        let mut args = FluentArgs::new();
        args.set(n1.to_owned(), v1.into_value());
        args.set(n2.to_owned(), v2.into_value());
        self.format(key, Some(&args))
    }

    /// The message `key` with any number of variables.
    pub fn ta(self, key: &str, vars: &[(&str, Value)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in vars {
            args.set(name.to_string(), value.to_fluent());
        }
        self.format(key, Some(&args))
    }

    fn format(self, key: &str, args: Option<&FluentArgs>) -> String {
        let bundle = &BUNDLES[self as usize];
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::warn!(lang = self.code(), key, "no such message");
            return key.to_owned();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(
                lang = self.code(),
                key,
                ?errors,
                "message formatted with errors"
            );
        }
        text.into_owned()
    }
}

tokio::task_local! {
    static CURRENT: std::cell::Cell<Lang>;
}

/// Runs a request's future with its language at hand for what is made without a page's
/// context (error pages, flash messages).
pub async fn scope<F: std::future::Future>(lang: Lang, f: F) -> F::Output {
    CURRENT.scope(std::cell::Cell::new(lang), f).await
}

/// The language of the request being served; English outside of one.
pub fn current() -> Lang {
    CURRENT.try_with(std::cell::Cell::get).unwrap_or_default()
}

/// Changes the language of the request being served (the signed-in person's own setting,
/// known once their session is looked up).
pub fn set_current(lang: Lang) {
    let _ = CURRENT.try_with(|cell| cell.set(lang));
}

/// A q-value (`0.8`) in thousandths; 0 for one that is not a number.
fn quality(q: &str) -> u16 {
    let (whole, fraction) = q.split_once('.').unwrap_or((q, ""));
    let digits: String = fraction.chars().chain("000".chars()).take(3).collect();
    match (whole, digits.parse::<u16>()) {
        ("1", _) => 1000,
        ("0", Ok(f)) if fraction.chars().all(|c| c.is_ascii_digit()) => f,
        _ => 0,
    }
}

impl Lang {
    /// A category's name as shown: the starting set's English names (still unchanged, stored in
    /// every account's events as they were at its opening) in this language; any other name as
    /// the flat typed it.
    pub fn category(self, name: &str) -> String {
        let key = match name {
            "Rent" => "category-default-rent",
            "Utilities" => "category-default-utilities",
            "Internet & phone" => "category-default-internet",
            "Groceries" => "category-default-groceries",
            "Household" => "category-default-household",
            "Eating out" => "category-default-eating-out",
            "Transport" => "category-default-transport",
            "Other" => "category-default-other",
            _ => return name.to_owned(),
        };
        self.t(key)
    }
}

/// A variable's value in [`Lang::ta`].
#[derive(Debug, Clone)]
pub enum Value {
    /// Shown as is (names, amounts already formatted).
    Text(String),
    /// A count: it picks the plural form.
    Count(i64),
}

impl Value {
    fn to_fluent(&self) -> FluentValue<'static> {
        match self {
            Value::Text(s) => FluentValue::from(s.clone()),
            Value::Count(n) => FluentValue::from(*n),
        }
    }
}

/// What a message's variable can be: text, or a count that picks the plural form.
pub trait Arg {
    /// Into Fluent's value.
    fn into_value(self) -> FluentValue<'static>;
}

impl Arg for &str {
    fn into_value(self) -> FluentValue<'static> {
        FluentValue::from(self.to_owned())
    }
}

impl Arg for String {
    fn into_value(self) -> FluentValue<'static> {
        FluentValue::from(self)
    }
}

impl Arg for &&str {
    fn into_value(self) -> FluentValue<'static> {
        FluentValue::from((*self).to_owned())
    }
}

impl Arg for &String {
    fn into_value(self) -> FluentValue<'static> {
        FluentValue::from(self.clone())
    }
}

macro_rules! count_args {
    ($($t:ty),*) => {$(
        impl Arg for $t {
            fn into_value(self) -> FluentValue<'static> {
                FluentValue::from(self as i64)
            }
        }
        impl Arg for &$t {
            fn into_value(self) -> FluentValue<'static> {
                FluentValue::from(*self as i64)
            }
        }
    )*};
}

count_args!(i64, i32, i16, u8, u16, u32, usize, u64);

static BUNDLES: LazyLock<Vec<FluentBundle<FluentResource>>> = LazyLock::new(|| {
    Lang::ALL
        .iter()
        .map(|&lang| {
            let id = lang.code().parse().expect("a valid language code");
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Pages are left to right in every language tally speaks; the isolation marks
            // would only clutter the HTML and the CSV.
            bundle.set_use_isolating(false);
            for (area, source) in sources(lang) {
                let resource =
                    FluentResource::try_new(source.to_owned()).unwrap_or_else(|(_, e)| {
                        panic!("locales/{}/{area}.ftl does not parse: {e:?}", lang.code())
                    });
                bundle.add_resource(resource).unwrap_or_else(|e| {
                    panic!(
                        "locales/{}/{area}.ftl repeats a message: {e:?}",
                        lang.code()
                    )
                });
            }
            bundle
        })
        .collect()
});

/// Every message id of a language with the area it is in (for the tests).
pub fn message_ids(lang: Lang) -> Vec<(&'static str, String)> {
    let mut ids = Vec::new();
    for (area, source) in sources(lang) {
        let resource = FluentResource::try_new(source.to_owned()).expect("parses");
        for entry in resource.entries() {
            if let fluent_syntax::ast::Entry::Message(m) = entry {
                ids.push((area, m.id.name.to_owned()));
            }
        }
    }
    ids
}

#[cfg(test)]
mod tests;
