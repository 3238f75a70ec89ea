//! Every language has every message, every message is used, every key the code asks for
//! exists, and no template has words of its own (they all come from the messages).

use super::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable directory") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// The templates and the Rust sources (without the message files and these tests).
fn code() -> Vec<(PathBuf, String)> {
    let mut paths = Vec::new();
    files(&root().join("templates"), "html", &mut paths);
    files(&root().join("src"), "rs", &mut paths);
    paths
        .into_iter()
        .filter(|p| !p.ends_with("i18n/tests.rs"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable");
            (p, text)
        })
        .collect()
}

/// The keys passed literally to `t(…)`, `t1(…)`, `t2(…)` and `ta(…)`.
fn asked_keys(text: &str) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for call in [".t(\"", ".t1(\"", ".t2(\"", ".ta(\""] {
        for (at, _) in text.match_indices(call) {
            let rest = &text[at + call.len()..];
            if let Some(end) = rest.find('"') {
                keys.insert(rest[..end].to_owned());
            }
        }
    }
    keys
}

fn ids(lang: Lang) -> BTreeMap<String, &'static str> {
    message_ids(lang)
        .into_iter()
        .map(|(area, id)| (id, area))
        .collect()
}

#[test]
fn every_language_has_every_message_in_the_same_area() {
    let english = ids(Lang::En);
    assert!(english.len() > 20, "English has messages");
    for lang in Lang::ALL {
        let theirs = ids(lang);
        let missing: Vec<_> = english
            .keys()
            .filter(|k| !theirs.contains_key(*k))
            .collect();
        let extra: Vec<_> = theirs
            .keys()
            .filter(|k| !english.contains_key(*k))
            .collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
        assert!(
            extra.is_empty(),
            "{} has messages English has not: {extra:?}",
            lang.code()
        );
        for (id, area) in &theirs {
            assert_eq!(
                english[id],
                *area,
                "{} puts {id} in {area}.ftl",
                lang.code()
            );
        }
    }
}

#[test]
fn every_message_is_used_and_every_key_asked_for_exists() {
    let english = ids(Lang::En);
    let sources = code();
    let mut asked = BTreeSet::new();
    for (_, text) in &sources {
        asked.extend(asked_keys(text));
    }
    let unused: Vec<_> = english
        .keys()
        .filter(|k| {
            let quoted = format!("\"{k}\"");
            !sources.iter().any(|(_, text)| text.contains(&quoted))
        })
        .collect();
    assert!(
        unused.is_empty(),
        "messages no page or code uses: {unused:?}"
    );
    let unknown: Vec<_> = asked.iter().filter(|k| !english.contains_key(*k)).collect();
    assert!(
        unknown.is_empty(),
        "keys asked for that no message has: {unknown:?}"
    );
}

/// The `$variables` a message's text refers to.
fn variables(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for (_, source) in sources(lang) {
        let mut current: Option<String> = None;
        for line in source.lines() {
            if let Some((id, _)) = line.split_once(" =")
                && !line.starts_with(' ')
                && !line.starts_with('#')
            {
                current = Some(id.trim().to_owned());
            }
            if let Some(id) = &current {
                let vars: &mut BTreeSet<String> = out.entry(id.clone()).or_default();
                for part in line.split('$').skip(1) {
                    let name: String = part
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                        .collect();
                    if !name.is_empty() {
                        vars.insert(name);
                    }
                }
            }
        }
    }
    out
}

#[test]
fn translations_use_only_the_variables_english_gives_them() {
    let english = variables(Lang::En);
    for lang in [Lang::Es, Lang::Fr, Lang::De] {
        for (id, vars) in variables(lang) {
            let known = english.get(&id).cloned().unwrap_or_default();
            let unknown: Vec<_> = vars.difference(&known).collect();
            assert!(unknown.is_empty(), "{}: {id} uses {unknown:?}", lang.code());
        }
    }
}

#[test]
fn every_message_formats_without_errors_in_every_language() {
    for lang in Lang::ALL {
        let bundle = &BUNDLES[lang as usize];
        for (_, id) in message_ids(lang) {
            let message = bundle.get_message(&id).expect("loaded");
            let Some(pattern) = message.value() else {
                panic!("{}: {id} has no value", lang.code());
            };
            // Variables are given as text and as counts: each must format either way.
            let mut args = FluentArgs::new();
            for name in variables(Lang::En).get(&id).into_iter().flatten() {
                args.set(name.clone(), FluentValue::from(2));
            }
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
            assert!(errors.is_empty(), "{}: {id}: {errors:?}", lang.code());
            assert!(!text.trim().is_empty(), "{}: {id} is empty", lang.code());
        }
    }
}

/// What a template shows that is not made by an expression: text between tags, and the
/// attributes people read (`aria-label`, `placeholder`, `title`, `alt`).
fn literal_words(template: &str) -> Vec<String> {
    // Expressions, statements and comments go first.
    let mut stripped = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find(['{']) {
        let (before, from) = rest.split_at(start);
        stripped.push_str(before);
        let close = match from.get(..2) {
            Some("{{") => "}}",
            Some("{%") => "%}",
            Some("{#") => "#}",
            _ => {
                stripped.push('{');
                rest = &from[1..];
                continue;
            }
        };
        match from.find(close) {
            Some(end) => {
                stripped.push(' ');
                rest = &from[end + 2..];
            }
            None => {
                rest = "";
            }
        }
    }
    stripped.push_str(rest);
    // Scripts and styles are not read.
    let mut words = Vec::new();
    let mut text = stripped.as_str();
    while !text.is_empty() {
        match text.find('<') {
            Some(open) => {
                words.push(text[..open].to_owned());
                let tag_end = text[open..].find('>').map_or(text.len(), |e| open + e + 1);
                let tag = &text[open..tag_end];
                for attribute in ["aria-label=\"", "placeholder=\"", "title=\"", "alt=\""] {
                    if let Some(at) = tag.find(attribute) {
                        let value = &tag[at + attribute.len()..];
                        words.push(value[..value.find('"').unwrap_or(value.len())].to_owned());
                    }
                }
                text = &text[tag_end..];
            }
            None => {
                words.push(text.to_owned());
                text = "";
            }
        }
    }
    words
        .into_iter()
        .map(|w| w.trim().to_owned())
        .filter(|w| w.chars().any(char::is_alphabetic))
        // The name is the same in every language; entities are not words.
        .filter(|w| {
            w.split_whitespace().any(|part| {
                part != "tally"
                    && part.chars().any(char::is_alphabetic)
                    && !(part.starts_with('&') && part.ends_with(';'))
            })
        })
        .collect()
}

#[test]
fn templates_have_no_words_of_their_own() {
    let mut paths = Vec::new();
    files(&root().join("templates"), "html", &mut paths);
    let mut found = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("readable");
        // Scripts hold code, not words.
        let text = match text.find("<script") {
            Some(_) => text
                .split("<script")
                .enumerate()
                .map(|(i, part)| {
                    if i == 0 {
                        part.to_owned()
                    } else {
                        part.split_once("</script>")
                            .map_or(String::new(), |(_, after)| after.to_owned())
                    }
                })
                .collect::<String>(),
            None => text,
        };
        for words in literal_words(&text) {
            found.push(format!(
                "{}: {words}",
                path.file_name().and_then(|n| n.to_str()).unwrap_or("?")
            ));
        }
    }
    assert!(
        found.is_empty(),
        "words written into templates:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_browser_picks_the_best_language_it_accepts() {
    assert_eq!(Lang::negotiate("es-ES,es;q=0.9,en;q=0.8"), Lang::Es);
    assert_eq!(Lang::negotiate("de-CH"), Lang::De);
    assert_eq!(Lang::negotiate("it, fr;q=0.5, en;q=0.4"), Lang::Fr);
    assert_eq!(Lang::negotiate("en;q=0.5, fr;q=0.9"), Lang::Fr);
    assert_eq!(Lang::negotiate("fr;q=0, de;q=0.1"), Lang::De);
    assert_eq!(Lang::negotiate("it, pt"), Lang::En);
    assert_eq!(Lang::negotiate(""), Lang::En);
    assert_eq!(Lang::negotiate("*"), Lang::En);
    assert_eq!(Lang::negotiate(";;;,,q=,es;q=abc"), Lang::En);
}

#[test]
fn plurals_come_from_the_language_rules() {
    // French counts 0 and 1 as singular, English and German only 1: the rules are CLDR's,
    // through Fluent, not ours.
    let sharing = |lang: Lang, n: i64| lang.t1("account-sharing", "count", n);
    assert_eq!(sharing(Lang::Fr, 0), "(0 participant)");
    assert_eq!(sharing(Lang::Fr, 1), "(1 participant)");
    assert_eq!(sharing(Lang::Fr, 2), "(2 participants)");
    assert_eq!(sharing(Lang::Es, 1), "(1 participante)");
    assert_eq!(sharing(Lang::Es, 0), "(0 participantes)");
    let status = |lang: Lang, n: i64| lang.t1("error-status", "status", n);
    assert_eq!(status(Lang::En, 404), "Error 404");
    assert_eq!(status(Lang::De, 404), "Fehler 404");
}
