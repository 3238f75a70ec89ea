//! Fuzzing the parsers that read what people type, with proptest.
//!
//! `cargo fuzz` (libFuzzer) needs a nightly toolchain and a `fuzz/` crate; these long
//! property runs are the fallback that works on stable and runs with `cargo test`. Each
//! property runs 20,000 cases by default; `TALLY_FUZZ_CASES=200000 cargo test --test
//! fuzz_parsers --release` runs longer, `TALLY_FUZZ_CASES=2000` is the quick CI run.
//!
//! What is checked: nothing panics on any input; what is accepted obeys the rules (amounts
//! above zero and at most the limit, and formatting one and reading it back gives the same
//! cents; names trimmed, short enough, free of control and invisible characters; redirect
//! targets stay on the site); a parsed expense form always splits to the exact cent.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use tally::domain::{
    AccountName, Currency, Description, MemberId, MemberName, Money, Portion, Split, TextError,
};
use tally::identity::Email;
use tally::read::members::MemberView;
use tally::web::forms::RawForm;
use tally::web::pages::expenses::{parse_expense, parse_percent};
use tally::web::view::is_local_path;

/// Cases per property: `TALLY_FUZZ_CASES`, 20,000 by default.
fn cases() -> u32 {
    std::env::var("TALLY_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000)
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: cases(),
        // Failures print their smallest input; no regression files in the tree.
        failure_persistence: None,
        ..Config::default()
    })
}

/// Characters that make trouble: digits of other scripts, separators, signs, bidi and
/// zero-width characters, controls, look-alikes, characters outside the BMP.
const TRICKY: &[char] = &[
    '0',
    '1',
    '5',
    '9',
    '.',
    ',',
    ' ',
    '\'',
    '-',
    '+',
    'e',
    'E',
    '%',
    '\u{a0}',
    '\u{202f}',
    '\u{2009}',
    '\t',
    '\n',
    '\r',
    '\0',
    '\u{1}',
    '\u{7f}',
    '\u{85}',
    '\u{9b}',
    '\u{ad}',
    '\u{34f}',
    '\u{61c}',
    '\u{115f}',
    '\u{1160}',
    '\u{180e}',
    '\u{200b}',
    '\u{200c}',
    '\u{200d}',
    '\u{200e}',
    '\u{200f}',
    '\u{2028}',
    '\u{2029}',
    '\u{202a}',
    '\u{202e}',
    '\u{2060}',
    '\u{2066}',
    '\u{2069}',
    '\u{3000}',
    '\u{3164}',
    '\u{feff}',
    '\u{ffa0}',
    '\u{fff9}',
    '\u{fffd}',
    '٠',
    '١',
    '٣',
    '٫',
    '۱',
    '१',
    '０',
    '１',
    '９',
    '．',
    '，',
    '𝟏',
    '①',
    '½',
    '²',
    'Ⅻ',
    '@',
    '<',
    '>',
    '"',
    '&',
    '/',
    '\\',
    '#',
    '?',
    'a',
    'Z',
    'é',
    'İ',
    'ß',
    'ς',
    '😀',
    '\u{10ffff}',
    '\u{e0041}',
];

/// Text built from the tricky characters, ASCII number-like text, or anything at all.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::collection::vec(proptest::sample::select(TRICKY), 0..48)
            .prop_map(String::from_iter),
        4 => "[0-9 .,'+-]{0,24}",
        2 => "[ ]{0,3}[0-9]{1,12}([.,][0-9]{0,5})?[ ]{0,3}",
        3 => proptest::collection::vec(any::<char>(), 0..64).prop_map(String::from_iter),
        1 => proptest::collection::vec(any::<char>(), 0..400).prop_map(String::from_iter),
    ]
}

fn currencies() -> Vec<Currency> {
    Currency::all().collect()
}

#[test]
fn amounts_never_panic_and_accepted_ones_round_trip() {
    let strategy = (proptest::sample::select(currencies()), text());
    let accepted = AtomicUsize::new(0);
    runner()
        .run(&strategy, |(currency, input)| {
            if let Ok(money) = currency.parse_amount(&input) {
                accepted.fetch_add(1, Ordering::Relaxed);
                prop_assert!(money.cents() > 0, "{input:?} gave {money:?}");
                prop_assert!(
                    money <= currency.max_amount(),
                    "{input:?} gave {money:?} over the limit"
                );
                let plain = currency.format_plain(money);
                prop_assert_eq!(
                    currency.parse_amount(&plain),
                    Ok(money),
                    "{:?} formats as {:?}",
                    input,
                    plain
                );
                // Only ASCII digits, one separator and thousands spacing get through.
                prop_assert!(
                    input.trim().chars().all(|c| c.is_ascii_digit()
                        || matches!(c, '.' | ',' | ' ' | '\'' | '\u{a0}' | '\u{202f}')),
                    "{input:?} was accepted"
                );
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let accepted = accepted.into_inner();
    assert!(
        accepted * 20 >= cases() as usize,
        "only {accepted} of {} amounts were accepted",
        cases()
    );
}

#[test]
fn every_amount_in_range_formats_and_reads_back() {
    let strategy = proptest::sample::select(currencies()).prop_flat_map(|c| {
        let max = c.max_amount().cents();
        (
            Just(c),
            prop_oneof![1_i64..=max, Just(1), Just(max), -max..=0],
        )
    });
    runner()
        .run(&strategy, |(currency, cents)| {
            let plain = currency.format_plain(Money(cents));
            let parsed = currency.parse_amount(&plain);
            if cents > 0 {
                prop_assert_eq!(parsed, Ok(Money(cents)), "{}", plain);
            } else {
                prop_assert!(parsed.is_err(), "{plain:?} was accepted");
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn percentages_never_panic_and_stay_within_a_hundred() {
    runner()
        .run(&text(), |input| {
            if let Ok(value) = parse_percent(&input) {
                prop_assert!((1..=10_000).contains(&value), "{input:?} gave {value}");
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let written = (
        0_i64..=120,
        0_i64..=99,
        proptest::sample::select(vec![".", ","]),
        any::<bool>(),
    );
    runner()
        .run(&written, |(whole, hundredths, sep, percent_sign)| {
            let input = format!(
                "{whole}{sep}{hundredths:02}{}",
                if percent_sign { "%" } else { "" }
            );
            let expected = whole * 100 + hundredths;
            let parsed = parse_percent(&input);
            if (1..=10_000).contains(&expected) {
                prop_assert_eq!(parsed, Ok(expected), "{}", input);
            } else {
                prop_assert!(parsed.is_err(), "{input:?} was accepted");
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
}

/// Characters no name, description or address may hold: controls, bidi controls, and the
/// invisible ones that make two names look alike or a name look empty.
fn forbidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{34f}'
                | '\u{61c}'
                | '\u{115f}'
                | '\u{1160}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{3164}'
                | '\u{feff}'
                | '\u{ffa0}'
                | '\u{fff9}'..='\u{fffb}'
        )
}

/// The rules every accepted text follows.
fn check_text(input: &str, parsed: Result<String, TextError>, max: usize) -> Result<(), String> {
    let Ok(text) = parsed else { return Ok(()) };
    let problems = [
        (text.is_empty(), "is empty"),
        (text.trim() != text, "is not trimmed"),
        (text.contains("  "), "keeps a run of spaces"),
        (
            text.chars().any(|c| c.is_whitespace() && c != ' '),
            "keeps whitespace other than a space",
        ),
        (text.chars().count() > max, "is too long"),
        (text.chars().any(forbidden), "holds a forbidden character"),
    ];
    match problems.iter().find(|(bad, _)| *bad) {
        Some((_, what)) => Err(format!("{input:?} was accepted as {text:?}, which {what}")),
        None => Ok(()),
    }
}

#[test]
fn names_and_descriptions_are_trimmed_bounded_and_visible() {
    let long_text = prop_oneof![
        3 => text(),
        1 => (text(), 0_usize..200).prop_map(|(t, n)| format!("{}{t}", "x".repeat(n))),
    ];
    runner()
        .run(&long_text, |input| {
            let results = [
                (
                    MemberName::parse(&input).map(|n| n.to_string()),
                    MemberName::MAX_CHARS,
                ),
                (
                    AccountName::parse(&input).map(|n| n.to_string()),
                    AccountName::MAX_CHARS,
                ),
                (
                    Description::parse(&input).map(|n| n.to_string()),
                    Description::MAX_CHARS,
                ),
            ];
            for (parsed, max) in results {
                if let Ok(text) = &parsed {
                    // Parsing what was stored changes nothing.
                    prop_assert_eq!(
                        Description::parse(text).map(|d| d.to_string()),
                        Ok(text.clone())
                    );
                }
                check_text(&input, parsed, max).map_err(TestCaseError::fail)?;
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn email_addresses_are_plausible_and_fit_their_column() {
    let address = prop_oneof![
        2 => text(),
        2 => (text(), text()).prop_map(|(local, domain)| format!("{local}@{domain}.org")),
        1 => ("[a-zA-Z0-9.+_-]{1,70}", "[a-zA-ZİÄ0-9-]{1,200}")
            .prop_map(|(local, domain)| format!("{local}@{domain}.example")),
    ];
    runner()
        .run(&address, |input| {
            if let Ok(email) = Email::parse(&input) {
                let s = email.as_str();
                prop_assert_eq!(s.trim(), s);
                prop_assert!(s.len() <= 254, "{input:?}: {} bytes", s.len());
                prop_assert!(s.contains('@'));
                prop_assert!(
                    !s.chars().any(|c| c.is_whitespace() || forbidden(c)),
                    "{input:?} was accepted"
                );
                // The lower-cased key goes into VARCHAR(254) columns.
                prop_assert!(
                    email.key().chars().count() <= 254,
                    "{input:?}: key of {} characters",
                    email.key().chars().count()
                );
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn redirect_targets_stay_on_the_site() {
    let target = prop_oneof![
        3 => text().prop_map(|t| format!("/{t}")),
        1 => text(),
        1 => proptest::collection::vec(
            proptest::sample::select(vec!['/', '\\', '%', '2', 'F', '5', 'C', '.', ':', '@', '\t', ' ', 'e', '#', '?']),
            0..12,
        )
        .prop_map(String::from_iter),
    ];
    let base = reqwest::Url::parse("https://tally.example/accounts/x").expect("url");
    runner()
        .run(&target, |next| {
            if is_local_path(&next) {
                let url = base.join(&next);
                prop_assert!(
                    url.as_ref().is_ok_and(
                        |u| u.host_str() == Some("tally.example") && u.scheme() == "https"
                    ),
                    "{next:?} leads to {url:?}"
                );
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn currency_codes_never_panic() {
    runner()
        .run(&text(), |code| {
            if let Ok(c) = Currency::from_code(&code) {
                prop_assert!(
                    c.code().len() == 3 && c.code().bytes().all(|b| b.is_ascii_uppercase())
                );
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn urlencoded_bodies_never_panic() {
    let body = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..256),
        proptest::collection::vec(
            proptest::sample::select(b"%=&+aZ09CFEfe2835.;\xff\xc3\x80".to_vec()),
            0..64
        ),
    ];
    runner()
        .run(&body, |bytes| {
            let pairs = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes);
            prop_assert!(pairs.is_ok(), "{bytes:?}: {pairs:?}");
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
}

// ----- The expense form ------------------------------------------------------------------

/// Three members of one account; the last has moved out.
fn members() -> &'static [MemberView] {
    static MEMBERS: OnceLock<Vec<MemberView>> = OnceLock::new();
    MEMBERS.get_or_init(|| {
        ["Sam", "Alex", "Kim"]
            .iter()
            .enumerate()
            .map(|(i, name)| MemberView {
                id: MemberId::new(),
                join_order: i as i32,
                name: (*name).to_owned(),
                user_id: None,
                active: i < 2,
                paid: 0,
                owed: 0,
                sent: 0,
                received: 0,
                net: 0,
            })
            .collect()
    })
}

fn member_ids() -> Vec<String> {
    members().iter().map(|m| m.id.to_string()).collect()
}

/// Field names the form has, and some it does not.
fn field_names() -> Vec<String> {
    let mut names: Vec<String> = [
        "expense_id",
        "revision",
        "amount",
        "description",
        "date",
        "payer",
        "participant",
        "split",
        "csrf_token",
        "",
        "participant[]",
        "weight_",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    for id in member_ids() {
        for prefix in ["weight", "exact", "percent"] {
            names.push(format!("{prefix}_{id}"));
        }
    }
    names
}

/// Values that are often right: member ids, modes, amounts, dates, ids.
fn plausible_value() -> impl Strategy<Value = String> {
    let mut known: Vec<String> = member_ids();
    known.extend(
        [
            "equally",
            "by_shares",
            "by_exact_amounts",
            "by_percentages",
            "30.00",
            "10",
            "15",
            "50",
            "33.33",
            "33.34",
            "1",
            "2",
            "1000",
            "1001",
            "0",
            "2026-11-26",
            "1999-12-31",
            "Groceries",
            "",
        ]
        .iter()
        .map(|s| (*s).to_owned()),
    );
    known.push(tally::domain::ExpenseId::new().to_string());
    prop_oneof![
        3 => proptest::sample::select(known),
        1 => "[0-9]{1,10}([.,][0-9]{1,3})?",
        1 => text(),
    ]
}

/// A valid form to start from: 30.00 paid by Sam for Sam and Alex, in one of the modes.
fn valid_form(mode: &str) -> Vec<(String, String)> {
    let ids = member_ids();
    let mut form: Vec<(String, String)> = vec![
        (
            "expense_id".into(),
            tally::domain::ExpenseId::new().to_string(),
        ),
        ("revision".into(), String::new()),
        ("amount".into(), "30.00".into()),
        ("description".into(), "Groceries".into()),
        ("date".into(), "2026-11-26".into()),
        ("payer".into(), ids[0].clone()),
        ("participant".into(), ids[0].clone()),
        ("participant".into(), ids[1].clone()),
        ("split".into(), mode.into()),
    ];
    for id in &ids[..2] {
        form.push((format!("weight_{id}"), "1".into()));
        form.push((format!("exact_{id}"), "15.00".into()));
        form.push((format!("percent_{id}"), "50".into()));
    }
    form
}

#[test]
fn any_expense_form_parses_or_explains_and_never_miscounts_a_cent() {
    let edit = (
        proptest::sample::select(field_names()),
        plausible_value(),
        0_u8..4,
    );
    let strategy = (
        proptest::sample::select(vec![
            "equally",
            "by_shares",
            "by_exact_amounts",
            "by_percentages",
        ]),
        proptest::collection::vec(edit, 0..6),
        proptest::sample::select(currencies()),
    );
    let ids = member_ids();
    let accepted = AtomicUsize::new(0);
    runner()
        .run(&strategy, |(mode, edits, currency)| {
            let mut form = valid_form(mode);
            // Each edit replaces, adds, removes or repeats a field.
            for (name, value, how) in edits {
                match how {
                    0 => match form.iter_mut().find(|(k, _)| *k == name) {
                        Some(field) => field.1 = value,
                        None => form.push((name, value)),
                    },
                    1 => form.push((name, value)),
                    2 => form.retain(|(k, _)| *k != name),
                    _ => form.insert(0, (name, value)),
                }
            }
            // Through the wire format and back, as the server reads it.
            let body = serde_urlencoded::to_string(&form).expect("encode");
            let pairs: Vec<(String, String)> = serde_urlencoded::from_str(&body).expect("decode");
            let raw = RawForm(pairs);
            match parse_expense(&raw, members(), &[], currency) {
                Ok(parsed) => {
                    let details = parsed.details;
                    accepted.fetch_add(1, Ordering::Relaxed);
                    let amount = details.amount;
                    prop_assert!(amount.cents() > 0 && amount <= currency.max_amount());
                    prop_assert_eq!(
                        Description::parse(details.description.as_str()).map(|d| d.to_string()),
                        Ok(details.description.to_string())
                    );
                    prop_assert!(ids.contains(&details.payer.to_string()));
                    let shares = details
                        .split
                        .allocate(amount, 7)
                        .map_err(|e| TestCaseError::fail(format!("accepted split fails: {e}")))?;
                    prop_assert_eq!(
                        shares.iter().map(|s| s.amount.cents()).sum::<i64>(),
                        amount.cents()
                    );
                    for share in &shares {
                        prop_assert!(share.amount.cents() >= 0);
                        prop_assert!(ids.contains(&share.member_id.to_string()));
                    }
                }
                Err(errors) => prop_assert!(!errors.is_empty(), "refused without a message"),
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    // The property means something only if forms get through too.
    let accepted = accepted.into_inner();
    assert!(
        accepted * 20 >= cases() as usize,
        "only {accepted} of {} forms were accepted",
        cases()
    );
}

#[test]
fn any_split_allocates_exactly_or_refuses() {
    let ids: Vec<MemberId> = (0..6).map(|_| MemberId::new()).collect();
    let value = prop_oneof![
        4 => -5_i64..=10_001,
        1 => any::<i64>(),
        1 => proptest::sample::select(vec![i64::MIN, i64::MAX, 0, 1, 1000, 1001, 10_000]),
    ];
    let portions = proptest::collection::vec((proptest::sample::select(ids), value), 0..6)
        .prop_map(|v| {
            v.into_iter()
                .map(|(member_id, value)| Portion { member_id, value })
                .collect::<Vec<_>>()
        });
    let strategy = (
        0_u8..4,
        portions,
        prop_oneof![0_i64..=10_000_000_000, Just(0), Just(1)],
        any::<u64>(),
    );
    runner()
        .run(&strategy, |(mode, portions, amount, seed)| {
            let split = match mode {
                0 => Split::Equally {
                    participants: portions.iter().map(|p| p.member_id).collect(),
                },
                1 => Split::ByShares { shares: portions },
                2 => Split::ByExactAmounts { amounts: portions },
                _ => Split::ByPercentages {
                    percentages: portions,
                },
            };
            if let Ok(shares) = split.allocate(Money(amount), seed) {
                prop_assert_eq!(shares.iter().map(|s| s.amount.cents()).sum::<i64>(), amount);
                prop_assert!(shares.iter().all(|s| s.amount.cents() >= 0));
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
}
