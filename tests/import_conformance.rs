//! Every peer sample in `../shared/reference/import/` reads to the nets of FORMATS.md §8.
//! The folder lives beside the repository, not in it; without it the suite is skipped,
//! except under CI, where it must be there.

use std::path::PathBuf;
use tally::import::{CurrencyCode, ImportError, ImportPlan, SourceFormat, parse};

fn reference() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/import");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
        panic!(
            "{} is missing; the conformance suite needs it under CI",
            dir.display()
        );
    }
    eprintln!("SKIPPED: {} not found", dir.display());
    None
}

fn read(name: &str) -> Option<Vec<u8>> {
    let dir = reference()?;
    Some(std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}")))
}

fn plan(name: &str) -> Option<ImportPlan> {
    let bytes = read(name)?;
    Some(parse(&bytes).unwrap_or_else(|e| panic!("{name}: {e}")))
}

/// The nets as "name amount" pairs in roster order, amounts in minor units.
fn nets(plan: &ImportPlan, currency: Option<&str>) -> Vec<(String, i64)> {
    let key = currency.map(|c| CurrencyCode(c.to_string()));
    let all = plan.nets();
    let nets = all
        .get(&key)
        .unwrap_or_else(|| panic!("no entries in {currency:?}; have {:?}", all.keys()));
    plan.people
        .iter()
        .cloned()
        .zip(nets.iter().copied())
        .collect()
}

fn expect(list: &[(&str, i64)]) -> Vec<(String, i64)> {
    list.iter().map(|(n, c)| (n.to_string(), *c)).collect()
}

#[test]
fn ihatemoney_bill_files_give_the_settle_plans_nets() {
    for (file, format, pepe) in [
        (
            "ihatemoney/import_data_6_0.json",
            SourceFormat::IHateMoneyJson,
            "pepe",
        ),
        (
            "ihatemoney/import_data_7_0.json",
            SourceFormat::IHateMoneyJson,
            "pepe",
        ),
        (
            "ihatemoney/import_data_6_0.csv",
            SourceFormat::IHateMoneyCsv,
            "pepe",
        ),
        (
            "ihatemoney/import_data_7_0.csv",
            SourceFormat::IHateMoneyCsv,
            "pepe",
        ),
        (
            "ihatemoney/test_export_bills.json",
            SourceFormat::IHateMoneyJson,
            "pépé",
        ),
        (
            "ihatemoney/test_export_bills.csv",
            SourceFormat::IHateMoneyCsv,
            "pépé",
        ),
    ] {
        let Some(plan) = plan(file) else { return };
        assert_eq!(plan.format, format, "{file}");
        let mut got = nets(&plan, None);
        got.sort();
        let mut want = expect(&[
            ("tata", -5534),
            ("jeanne", 18467),
            ("zorglub", -12733),
            (pepe, -200),
        ]);
        want.sort();
        assert_eq!(got, want, "{file}");
        assert!(plan.unreadable.is_empty(), "{file}: {:?}", plan.unreadable);
        assert!(plan.rounding.is_empty(), "{file}: {:?}", plan.rounding);
    }
}

#[test]
fn ihatemoney_export_marks_the_reimbursement_as_a_transfer() {
    let Some(plan) = plan("ihatemoney/test_export_bills.json") else {
        return;
    };
    assert_eq!(plan.counts(), (2, 1));
}

#[test]
fn ihatemoney_settle_plans_are_not_bills() {
    for file in [
        "ihatemoney/test_export_transactions.json",
        "ihatemoney/test_export_transactions.csv",
    ] {
        let Some(bytes) = read(file) else { return };
        assert!(parse(&bytes).is_err(), "{file} is a settle plan, not bills");
    }
}

#[test]
fn cospend_issue_214_gives_exact_cents_and_names_the_peers_rounding() {
    let Some(plan) = plan("cospend/issue214_project_export_trimmed.csv") else {
        return;
    };
    assert_eq!(plan.format, SourceFormat::CospendCsv);
    assert_eq!(
        nets(&plan, None),
        expect(&[("personA", 7499), ("personB", -2500), ("personC", -4999)])
    );
    let peers: Vec<(String, i64)> = plan
        .rounding
        .iter()
        .map(|r| (plan.people[r.person].clone(), r.peers))
        .collect();
    assert_eq!(peers, expect(&[("personA", 7500), ("personC", -5000)]));
}

#[test]
fn cospend_round_trip_file_uses_weights_and_its_main_currency() {
    let Some(plan) = plan("cospend/roundtrip_test_reconstructed.csv") else {
        return;
    };
    assert_eq!(
        nets(&plan, Some("USD")),
        expect(&[("Alice", 611), ("Bob", 2722), ("Carol", -3333)])
    );
    assert!(plan.unreadable.is_empty());
}

#[test]
fn spliit_json_samples() {
    let Some(plan) = plan("spliit/spliit-export.json") else {
        return;
    };
    assert_eq!(plan.format, SourceFormat::SpliitJson);
    assert_eq!(
        nets(&plan, Some("EUR")),
        expect(&[("John ", -1), ("Jane", 1)])
    );
    assert!(plan.unreadable.is_empty(), "{:?}", plan.unreadable);
    let Some(plan) = plan_features() else { return };
    assert_eq!(
        nets(&plan, Some("EUR")),
        expect(&[("Alice", -39250), ("Bob", 13100), ("Charlie", 26150)])
    );
}

fn plan_features() -> Option<ImportPlan> {
    plan("spliit/spliit-export-features.json")
}

#[test]
fn spliit_csv_is_refused_with_its_literal_sums() {
    let Some(bytes) = read("spliit/spliit-export.csv") else {
        return;
    };
    match parse(&bytes) {
        Err(ImportError::SpliitCsvHasNoPayers { literal }) => {
            assert_eq!(literal, expect(&[("John ", -4861), ("Jane", 4860)]))
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// A currency and each person's net in it, in column order.
type CurrencyNets<'a> = (&'a str, &'a [i64]);

#[test]
fn splitwise_samples_match_their_footers() {
    let cases: &[(&str, &[CurrencyNets])] = &[
        (
            "splitwise/_2026-06-30_export.csv",
            &[("MKD", &[149850, -149850])],
        ),
        (
            "splitwise/john-i-and-jane-i_2026-06-30_export_copy.csv",
            &[("MKD", &[0, 0]), ("USD", &[0, 0]), ("EUR", &[0, 0])],
        ),
        ("splitwise/splitwise-drift.csv", &[("MKD", &[0; 7])]),
        (
            "splitwise/splitwise-multi-payer.csv",
            &[
                ("MKD", &[17000, -7000, -10000]),
                ("USD", &[6667, -3333, -3334]),
                ("CHF", &[667, -333, -334]),
            ],
        ),
    ];
    for (file, currencies) in cases {
        let Some(plan) = plan(file) else { return };
        assert_eq!(plan.format, SourceFormat::SplitwiseCsv, "{file}");
        for (code, want) in currencies.iter() {
            let got: Vec<i64> = nets(&plan, Some(code))
                .into_iter()
                .map(|(_, c)| c)
                .collect();
            assert_eq!(got, want.to_vec(), "{file} {code}");
        }
        assert_eq!(plan.nets().len(), currencies.len(), "{file}: currencies");
        assert!(
            !plan.notes.iter().any(|n| n.to_string().contains(" says ")),
            "{file}: a footer disagrees: {:?}",
            plan.notes
        );
        assert!(plan.unreadable.is_empty(), "{file}: {:?}", plan.unreadable);
    }
}
