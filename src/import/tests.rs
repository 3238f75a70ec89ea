//! Small files written from the formats' descriptions; the peers' real samples are read by
//! tests/import_conformance.rs.

use super::*;

fn nets_of(plan: &ImportPlan, currency: Option<&str>) -> Vec<(String, i64)> {
    let nets = plan.nets();
    let key = currency.map(|c| CurrencyCode(c.to_string()));
    plan.people
        .iter()
        .cloned()
        .zip(nets.get(&key).cloned().unwrap_or_default())
        .collect()
}

fn pairs(list: &[(&str, i64)]) -> Vec<(String, i64)> {
    list.iter().map(|(n, c)| (n.to_string(), *c)).collect()
}

#[test]
fn splitwise_single_and_multi_payer_rows_keep_every_net_and_check_the_footer() {
    let file = "Datum,Beschreibung,Kategorie,Kosten,Währung,Ana,\"Ben, Jr.\",Cleo\n\
\n\
2026-01-02,Miete,Allgemein,90.00,EUR,60.00,-30.00,-30.00\n\
2026-01-03,Zwei zahlen,Allgemein,100.00,EUR,20.00,20.00,-40.00\n\
2026-01-04,Ana paid Ben,Zahlung,10.00,EUR,10.00,-10.00,0.00\n\
\n\
2026-01-05,Total balance, , ,EUR,90.00,-20.00,-70.00\n";
    let plan = parse(file.as_bytes()).expect("a Splitwise file in German");
    assert_eq!(plan.format, SourceFormat::SplitwiseCsv);
    assert_eq!(plan.people, vec!["Ana", "Ben, Jr.", "Cleo"]);
    assert_eq!(
        nets_of(&plan, Some("EUR")),
        pairs(&[("Ana", 9000), ("Ben, Jr.", -2000), ("Cleo", -7000)])
    );
    assert_eq!(
        plan.counts(),
        (2, 2),
        "the second payer of row 2 is a transfer"
    );
    let PlanEntry::Expense(two_payers) = &plan.entries[1] else {
        panic!("an expense first")
    };
    assert_eq!(two_payers.amount, 10000, "the cost stays the cost");
    assert!(
        plan.notes.iter().any(|n| n.to_string().contains("matches")),
        "{:?}",
        plan.notes
    );
}

#[test]
fn splitwise_rows_that_do_not_add_up_are_listed_with_their_line() {
    let file = "Date,Description,Category,Cost,Currency,A,B\n\
2026-01-02,ok,General,10.00,EUR,5.00,-5.00\n\
2026-01-02,broken,General,10.00,EUR,5.00,-4.00\n\
2026-01-02,formula,General,10.00,EUR,=5+0,-5.00\n\
05/03/2026,excel,General,10.00,EUR,5.00,-5.00\n";
    let plan = parse(file.as_bytes()).expect("readable");
    let lines: Vec<usize> = plan.unreadable.iter().map(|u| u.line).collect();
    assert_eq!(lines, vec![3, 4, 5], "{:?}", plan.unreadable);
    assert!(plan.unreadable[0].reason.to_string().contains("add up"));
    assert!(plan.unreadable[2].reason.to_string().contains("ambiguous"));
}

#[test]
fn semicolons_bom_and_crlf_are_read() {
    let file = "\u{feff}Date;Description;Category;Cost;Currency;A;B\r\n2026-01-02;x;General;10,00;EUR;5,00;-5,00\r\n";
    let plan = parse(file.as_bytes()).expect("readable");
    assert_eq!(
        nets_of(&plan, Some("EUR")),
        pairs(&[("A", 500), ("B", -500)])
    );
}

#[test]
fn ihatemoney_weights_and_reimbursements() {
    let file = r#"[{"what": "'=cmd", "bill_type": "Expense", "amount": 10.0, "currency": "XXX", "date": "2024-01-01", "payer_name": "z", "payer_weight": 2.0, "owers": ["z", "j", "t"]},
{"what": "back", "bill_type": "Reimbursement", "amount": 1.5, "currency": "XXX", "date": "2024-01-02", "payer_name": "t", "payer_weight": 1.0, "owers": ["z"]}]"#;
    let plan = parse(file.as_bytes()).expect("IHateMoney JSON");
    assert_eq!(plan.format, SourceFormat::IHateMoneyJson);
    // 10 × 2/4 = 5.00 for z, 2.50 each for j and t; then t gives z 1.50.
    assert_eq!(
        nets_of(&plan, None),
        pairs(&[("z", 350), ("t", -100), ("j", -250)])
    );
    assert_eq!(plan.counts(), (1, 1));
    let PlanEntry::Expense(e) = &plan.entries[0] else {
        panic!("expense")
    };
    assert_eq!(
        e.description, "=cmd",
        "the formula guard is taken off, the text kept"
    );
}

#[test]
fn ihatemoney_csv_needs_its_columns() {
    let file = "what,amount,date,payer_name,owers\r\nx,1.0,2024-01-01,a,b\r\n";
    assert_eq!(
        parse(file.as_bytes()),
        Err(ImportError::Malformed {
            format: "IHateMoney (CSV)",
            reason: ImportReason::ColumnMissing {
                column: "payer_weight"
            }
        })
    );
}

#[test]
fn cospend_weights_transfers_deleted_and_unknown_owers() {
    let file = "name,weight,active,color\n\"A\",1,1,\"#000000\"\n\"B\",1.5,0,\"#000000\"\n\n\
what,amount,date,timestamp,payer_name,payer_weight,payer_active,owers,repeat,repeatfreq,repeatallactive,repeatuntil,categoryid,paymentmode,paymentmodeid,comment,deleted\n\
\"Food\",25,2024-01-15,1705276800,\"A\",1,1,\"A,B\",n,1,0,,0,n,0,\"\",0\n\
\"Back\",5,2024-01-16,1705276800,\"B\",1.5,0,\"A\",n,1,0,,-11,n,0,\"\",0\n\
\"Gone\",99,2024-01-16,1705276800,\"B\",1.5,0,\"A\",n,1,0,,0,n,0,\"\",1\n\
\"Who\",9,2024-01-16,1705276800,\"B\",1.5,0,\"A,Zed\",n,1,0,,0,n,0,\"\",0\n";
    let plan = parse(file.as_bytes()).expect("Cospend CSV");
    assert_eq!(plan.format, SourceFormat::CospendCsv);
    // 25 by weights 1 : 1.5 = 10.00 / 15.00; B then gives A 5.00.
    assert_eq!(nets_of(&plan, None), pairs(&[("A", 1000), ("B", -1000)]));
    assert_eq!(plan.counts(), (1, 1));
    assert_eq!(plan.unreadable.len(), 1);
    assert!(plan.unreadable[0].reason.to_string().contains("Zed"));
    assert!(plan.notes.iter().any(|n| n.to_string().contains("trash")));
}

#[test]
fn spliit_json_modes() {
    let file = r#"{"id":"g","name":"G","currency":"€","currencyCode":"EUR",
"participants":[{"id":"a","name":"A"},{"id":"b","name":"B"}],
"expenses":[
{"expenseDate":"2024-01-01T00:00:00.000Z","title":"even","amount":1001,"paidById":"a","paidFor":[{"participantId":"a","shares":300},{"participantId":"b","shares":200}],"isReimbursement":false,"splitMode":"EVENLY"},
{"expenseDate":"2024-01-02T00:00:00.000Z","title":"exact","amount":1000,"paidById":"b","paidFor":[{"participantId":"a","shares":700},{"participantId":"b","shares":300}],"isReimbursement":false,"splitMode":"BY_AMOUNT"},
{"expenseDate":"2024-01-03T00:00:00.000Z","title":"back","amount":100,"paidById":"a","paidFor":[{"participantId":"b","shares":100}],"isReimbursement":true,"splitMode":"EVENLY"}]}"#;
    let plan = parse(file.as_bytes()).expect("Spliit JSON");
    // even: A pays 10.01, A owes 5.01 (earlier on the tie), B 5.00 → A +5.00.
    // exact: B pays 10.00, A owes 7.00 → A −7.00. back: A gives B 1.00 → A +1.00.
    assert_eq!(
        nets_of(&plan, Some("EUR")),
        pairs(&[("A", -100), ("B", 100)])
    );
}

#[test]
fn duplicate_ids_and_deep_nesting_are_refused() {
    let dup = r#"{"participants":[{"id":"a","name":"A"},{"id":"a","name":"B"}],"expenses":[]}"#;
    assert!(matches!(
        parse(dup.as_bytes()),
        Err(ImportError::Malformed { .. })
    ));
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let err = parse(deep.as_bytes()).expect_err("too deep");
    assert!(err.to_string().contains("nested too deeply"), "{err}");
}

#[test]
fn binary_truncated_and_foreign_files_are_refused() {
    assert!(matches!(
        parse(b"\x89PNG\r\n\x1a\n\0\0"),
        Err(ImportError::NotText(_))
    ));
    assert!(matches!(
        parse(b"\xff\xfeD\0a\0"),
        Err(ImportError::NotText(_))
    ));
    assert_eq!(parse(b"   \n"), Err(ImportError::Empty));
    let truncated = r#"[{"what": "x", "amount": 1"#;
    assert!(
        parse(truncated.as_bytes())
            .expect_err("truncated")
            .to_string()
            .contains("ends early")
    );
    assert_eq!(
        parse(b"hello,world\n1,2\n"),
        Err(ImportError::UnknownFormat)
    );
}

#[test]
fn the_same_bytes_give_the_same_hash() {
    assert_eq!(file_hash(b"abc"), file_hash(b"abc"));
    assert_eq!(
        file_hash(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn over_ten_mib_is_refused_before_reading() {
    let big = vec![b'a'; MAX_FILE_BYTES + 1];
    assert_eq!(parse(&big), Err(ImportError::TooLarge));
}

#[test]
fn a_hundred_thousand_rows_read_in_one_pass() {
    let mut file =
        String::from("Date,Description,Category,Cost,Currency,\"Doe, Jane\",\"Ann \"\"A\"\"\"\n");
    for i in 0..100_000 {
        file.push_str(&format!("2026-01-02,Row {i},General,3.00,EUR,1.50,-1.50\n"));
    }
    let plan = parse(file.as_bytes()).expect("large file");
    assert_eq!(plan.counts(), (100_000, 0));
    assert_eq!(plan.people, vec!["Doe, Jane", "Ann \"A\""]);
    assert_eq!(nets_of(&plan, Some("EUR"))[0].1, 15_000_000);
}
