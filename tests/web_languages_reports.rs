//! The reports area in Spanish, French and German, black-box: statistics (headings, chart
//! labels, amounts and months in local form), the CSV exports (headers in the person's
//! language, values still plain), the import pages with a peer sample from
//! `../shared/reference/import/` (counts with plurals, dates in local form) and the recurring
//! bills (schedule descriptions, a local amount typed into the change form). Both backends.

mod common;

use chrono::NaiveDate;
use common::web::*;
use common::{TestDb, add_member, run};
use reqwest::StatusCode;
use std::path::PathBuf;
use tally::domain::*;
use tally::i18n::Lang;

/// Signs `email` in on a new browser that asks for `lang`.
async fn signed_in(app: &TestApp, lang: Lang, email: &str) -> Browser {
    let b = app.browser_in(lang);
    b.sign_in(email).await;
    b
}

fn account_id(path: &str) -> AccountId {
    path.trim_start_matches("/accounts/")
        .parse()
        .expect("account id")
}

/// Sam (registered on a Spanish browser, no language of their own) and Alex share "Piso";
/// Sam paid 1234.56 for both on `date`. The account's path and Sam's and Alex's ids.
async fn flat(app: &TestApp, date: NaiveDate) -> (String, MemberId, MemberId) {
    let me = app.browser_in(Lang::Es);
    me.register("sam@example.org", "Sam").await;
    let path = me.open_account("Piso", "Sam").await;
    let account = account_id(&path);
    let sam = app.db.load(account).state.members[0].id;
    let mut conn = app.db.conn();
    let alex = add_member(&mut conn, account, "Alex");
    run(
        &mut conn,
        account,
        AccountCommand::RecordExpense {
            expense_id: ExpenseId::new(),
            details: ExpenseDetails {
                date,
                ..common::expense(sam, 123_456, "Compra", &[sam, alex])
            },
        },
    );
    (path, sam, alex)
}

fn html_lang(page: &Page) -> String {
    page.attr("html", "lang").unwrap_or_default()
}

/// What each language says on the Statistics page: the heading, the per-month heading, the
/// summary, Sam's totals row, a chart label, and the month (in `.per-month`).
struct Expected {
    lang: Lang,
    title: &'static str,
    per_month: &'static str,
    summary: &'static str,
    totals: &'static str,
    bar: &'static str,
    month: &'static str,
}

fn statistics_speak_each_language(db: TestDb) {
    with_app(db, |app| async move {
        let (path, _, _) = flat(&app, common::today()).await;
        // Spanish groups thousands from five digits; French with a narrow no-break space
        // (collapsed to a space here, as all whitespace is); German with a dot.
        let cases = [
            Expected {
                lang: Lang::Es,
                title: "Estadísticas",
                per_month: "Por mes",
                summary: "Sam pagó 617,28 € más que su parte; \
                          Alex pagó 617,28 € menos que su parte.",
                totals: "Sam 1234,56 € 617,28 € 617,28 €",
                bar: "pagado 1234,56 €",
                month: "nov 2026",
            },
            Expected {
                lang: Lang::Fr,
                title: "Statistiques",
                per_month: "Par mois",
                summary: "Sam a payé 617,28 € de plus que sa part ; \
                          Alex a payé 617,28 € de moins que sa part.",
                totals: "Sam 1 234,56 € 617,28 € 617,28 €",
                bar: "payé 1 234,56 €",
                month: "nov. 2026",
            },
            Expected {
                lang: Lang::De,
                title: "Statistik",
                per_month: "Pro Monat",
                summary: "Sam hat 617,28 € mehr als den eigenen Anteil bezahlt; \
                          Alex hat 617,28 € weniger als den eigenen Anteil bezahlt.",
                totals: "Sam 1.234,56 € 617,28 € 617,28 €",
                bar: "bezahlt 1.234,56 €",
                month: "November 2026",
            },
        ];
        for want in cases {
            let code = want.lang.code();
            let b = signed_in(&app, want.lang, "sam@example.org").await;
            let page = b.get(&format!("{path}/statistics")).await;
            assert_eq!(page.status, StatusCode::OK, "{code}: {}", page.body);
            assert_eq!(html_lang(&page), code);
            assert_eq!(page.text("h1"), want.title, "{code}");
            assert_eq!(page.text("#months-heading"), want.per_month, "{code}");
            assert_eq!(page.text(".summary"), want.summary, "{code}");
            assert_eq!(page.text(".totals tbody tr"), want.totals, "{code}");
            let chart = page.texts("svg.stat-chart text").join(" | ");
            assert!(chart.contains(want.bar), "{code}: {chart}");
            let months = page.texts(".per-month tbody tr");
            assert!(
                months
                    .iter()
                    .any(|m| m.starts_with(&format!("{} Sam", want.month))),
                "{code}: {months:?}"
            );
            // The period list and a refused month speak the language too.
            let refused = b
                .get(&format!(
                    "{path}/statistics?period=custom&from=2026-13&to=2026-12"
                ))
                .await;
            assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(
                refused.text("#from-error").contains("01"),
                "{code}: {}",
                refused.text("#from-error")
            );
            assert!(
                !refused.text("#from-error").contains("must be"),
                "{code}: {}",
                refused.text("#from-error")
            );
        }
        let es = signed_in(&app, Lang::Es, "sam@example.org").await;
        let page = es.get(&format!("{path}/statistics")).await;
        assert_eq!(
            page.texts("#period option"),
            vec![
                "Este mes",
                "El mes pasado",
                "Últimos 12 meses",
                "Periodo personalizado"
            ]
        );
        assert!(page.text(".hint").contains("no se cuentan"));
    });
}

/// Parses a CSV body into rows of cells.
fn parse_csv(body: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| {
            r.expect("valid CSV")
                .iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

fn csv_headers_in_german_and_values_plain(db: TestDb) {
    with_app(db, |app| async move {
        let day = NaiveDate::from_ymd_opt(2026, 12, 3).expect("date");
        let (path, _, _) = flat(&app, day).await;
        let de = signed_in(&app, Lang::De, "sam@example.org").await;
        let expenses = de.get(&format!("{path}/export/expenses.csv")).await;
        assert_eq!(expenses.status, StatusCode::OK);
        assert_eq!(
            parse_csv(&expenses.body),
            vec![
                vec![
                    "Datum",
                    "Beschreibung",
                    "Kategorie",
                    "bezahlt von",
                    "Betrag",
                    "Währung",
                    "Aufteilung",
                    "Sam",
                    "Alex",
                    "gelöscht",
                    "Art",
                    "ursprünglicher Betrag",
                    "ursprüngliche Währung",
                    "Wechselkurs"
                ],
                vec![
                    "2026-12-03",
                    "Compra",
                    "",
                    "Sam",
                    "1234.56",
                    "EUR",
                    "equally",
                    "617.28",
                    "617.28",
                    "no",
                    "expense",
                    "",
                    "",
                    ""
                ],
            ]
        );
        let balances = de.get(&format!("{path}/export/balances.csv")).await;
        assert_eq!(
            parse_csv(&balances.body),
            vec![
                vec![
                    "Mitglied", "bezahlt", "Anteil", "gesendet", "erhalten", "Saldo"
                ],
                vec!["Sam", "1234.56", "617.28", "0.00", "0.00", "617.28"],
                vec!["Alex", "0.00", "617.28", "0.00", "0.00", "-617.28"],
            ]
        );
        // The same file in English keeps its English headers.
        let en = signed_in(&app, Lang::En, "sam@example.org").await;
        let english = en.get(&format!("{path}/export/balances.csv")).await;
        assert!(
            english
                .body
                .starts_with("member,paid,share,sent,received,net\r\n"),
            "{}",
            english.body
        );
    });
}

/// The peer samples, when this checkout has them (CI must).
fn samples() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/import");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        !std::env::var("CI").is_ok_and(|v| v == "true" || v == "1"),
        "{} is missing under CI",
        dir.display()
    );
    None
}

fn the_import_pages_in_french(db: TestDb) {
    let Some(dir) = samples() else {
        return;
    };
    let bytes = std::fs::read(dir.join("ihatemoney/import_data_7_0.json")).expect("sample");
    with_app(db, |app| async move {
        let me = app.browser_in(Lang::Fr);
        me.register("jeanne@example.org", "jeanne").await;
        let account = me.open_account("Coloc", "jeanne").await;
        let page = me.get(&format!("{account}/import")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(html_lang(&page), "fr");
        assert_eq!(page.text("h1"), "Importer depuis une autre appli");
        assert_eq!(page.text("#upload-heading"), "Choisir un fichier");
        assert_eq!(
            page.text("label[for=file]"),
            "Fichier exporté (10 Mio au maximum)"
        );

        // An empty upload is refused in French.
        let empty = upload(&me, &format!("{account}/import"), "vide.json", b"").await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(empty.text("#import-error"), "Le fichier est vide.");

        let sent = upload(&me, &format!("{account}/import"), "bills.json", &bytes).await;
        sent.assert_redirect_to(&format!("{account}/import?file="));
        let preview = me.get(&sent.location.expect("location")).await;
        assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
        assert_eq!(preview.text("#file-heading"), "Contenu du fichier");
        assert_eq!(preview.text(".import-format"), "IHateMoney (JSON)");
        assert_eq!(preview.text(".import-expenses"), "3");
        assert_eq!(preview.text(".import-transfers"), "0");
        assert_eq!(
            preview.text(".import-dates"),
            "du 31 déc. 2016 au 1 janv. 2017"
        );
        assert_eq!(preview.text("#people-heading"), "Personnes du fichier");
        // Everyone but jeanne (who is the member of that name) becomes a new member.
        assert!(
            preview
                .texts("table.import-people option")
                .contains(&"Un nouveau membre nommé zorglub".to_owned()),
            "{:?}",
            preview.texts("table.import-people option")
        );
        assert_eq!(preview.text("button[value=import]"), "Importer");

        let mut fields = form_fields(
            &preview,
            &format!("form[action='{account}/import/confirm']"),
        );
        set(&mut fields, "action", "import");
        post_fields(&me, &format!("{account}/import/confirm"), &fields)
            .await
            .assert_redirect_to(&account);
        // French counts zero as singular: "0 virement".
        let dashboard = me.get(&account).await;
        assert_eq!(
            dashboard.text(".flash"),
            "3 dépenses importées et 0 virement depuis IHateMoney (JSON)."
        );
        // The same file again: nothing new, said in French.
        let again = upload(&me, &format!("{account}/import"), "bills.json", &bytes).await;
        let preview = me.get(&again.location.expect("location")).await;
        assert!(preview.body.contains("id=\"import-already\""));
        assert_eq!(
            preview.text("#import-already"),
            "Ce fichier a déjà été importé : l'importer à nouveau n'enregistre rien."
        );
    });
}

/// A Splitwise file whose third line has letters for Sam's share, and a footer that checks.
const SPLITWISE_WITH_A_BAD_AMOUNT: &str = "Date,Description,Category,Cost,Currency,Sam,Alex\n\
2026-01-02,Miete,General,90.00,EUR,45.00,-45.00\n\
2026-01-03,Kaputt,General,10.00,EUR,abc,-5.00\n\
2026-01-04,Total balance, , ,EUR,45.00,-45.00\n";

fn an_unreadable_line_is_explained_in_german(db: TestDb) {
    with_app(db, |app| async move {
        let de = app.browser_in(Lang::De);
        de.register("kim@example.org", "Kim").await;
        let account = de.open_account("WG", "Kim").await;
        let sent = upload(
            &de,
            &format!("{account}/import"),
            "splitwise.csv",
            SPLITWISE_WITH_A_BAD_AMOUNT.as_bytes(),
        )
        .await;
        sent.assert_redirect_to(&format!("{account}/import?file="));
        let preview = de.get(&sent.location.expect("location")).await;
        assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
        assert_eq!(html_lang(&preview), "de");
        assert_eq!(preview.text(".import-expenses"), "1");
        assert_eq!(
            preview.texts("ul.import-unreadable li"),
            vec!["Zeile 3: Spalte 6: „abc“ ist keine Zahl.".to_owned()]
        );
        assert_eq!(
            preview.texts("ul.import-notes li"),
            vec![
                "Die Summenzeile für EUR (Zeile 4) stimmt mit dem Saldo jeder Person überein."
                    .to_owned()
            ]
        );
        assert!(
            !preview.body.contains("is not a number"),
            "{}",
            preview.body
        );

        // The same file in English reads as the command line says it.
        let en = app.browser_in(Lang::En);
        en.register("lee@example.org", "Lee").await;
        let account = en.open_account("Flat", "Lee").await;
        let sent = upload(
            &en,
            &format!("{account}/import"),
            "splitwise.csv",
            SPLITWISE_WITH_A_BAD_AMOUNT.as_bytes(),
        )
        .await;
        let preview = en.get(&sent.location.expect("location")).await;
        assert_eq!(
            preview.texts("ul.import-unreadable li"),
            vec!["Line 3: Column 6: “abc” is not a number.".to_owned()]
        );
    });
}

/// A monthly rent from 26 Nov 2026 and a cleaner every two weeks, both paid by Sam.
fn schedules(app: &TestApp, path: &str, sam: MemberId, alex: MemberId) -> ScheduleId {
    let account = account_id(path);
    let mut conn = app.db.conn();
    let rent = ScheduleId::new();
    for (id, cents, what, recurrence) in [
        (rent, 90_000, "Alquiler", Recurrence::monthly()),
        (
            ScheduleId::new(),
            4_000,
            "Limpieza",
            Recurrence::parse("week", "2").expect("every 2 weeks"),
        ),
    ] {
        run(
            &mut conn,
            account,
            AccountCommand::CreateSchedule {
                schedule_id: id,
                details: ScheduleDetails {
                    expense: common::expense(sam, cents, what, &[sam, alex]),
                    recurrence,
                    until: None,
                },
            },
        );
    }
    rent
}

fn the_recurring_page_in_spanish_and_a_local_amount_in_german(db: TestDb) {
    with_app(db, |app| async move {
        let (path, sam, alex) = flat(&app, common::today()).await;
        let rent = schedules(&app, &path, sam, alex);
        let es = signed_in(&app, Lang::Es, "sam@example.org").await;
        let page = es.get(&format!("{path}/recurring")).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert_eq!(html_lang(&page), "es");
        assert_eq!(page.text("h1"), "Gastos recurrentes");
        let rows = page.texts("table.schedules tbody tr");
        assert_eq!(rows.len(), 2, "{rows:?}");
        let rent_row = rows
            .iter()
            .find(|r| r.starts_with("Alquiler"))
            .expect("the rent");
        assert!(
            rent_row.contains("900,00 € Sam Cada mes, el día 26, desde el 26 nov 2026"),
            "{rent_row}"
        );
        assert!(rent_row.contains("Activo"), "{rent_row}");
        assert!(
            page.texts(".schedule-when")
                .contains(&"Cada 2 semanas, desde el 26 nov 2026".to_owned()),
            "{:?}",
            page.texts(".schedule-when")
        );
        assert!(
            page.texts("button.pause")
                .iter()
                .all(|b| b.starts_with("Pausar")),
            "{:?}",
            page.texts("button.pause")
        );
        // Pausing says so in Spanish.
        let fields = [("action", "pause")];
        es.post(&format!("{path}/recurring/{rent}/status"), &fields)
            .await
            .assert_redirect_to(&format!("{path}/recurring"));
        let paused = es.get(&format!("{path}/recurring")).await;
        assert_eq!(
            paused.text(".flash"),
            "En pausa: no se guarda nada hasta que lo reanudes."
        );
        assert!(
            paused
                .texts(".schedule-status")
                .contains(&"En pausa".to_owned()),
            "{:?}",
            paused.texts(".schedule-status")
        );

        // German: the change form shows the amount as Germans write it and takes 1.234,56.
        let de = signed_in(&app, Lang::De, "sam@example.org").await;
        let edit = de.get(&format!("{path}/recurring/{rent}/edit")).await;
        assert_eq!(edit.status, StatusCode::OK, "{}", edit.body);
        assert_eq!(edit.text("h1"), "Wiederkehrende Ausgabe Alquiler ändern");
        assert_eq!(edit.attr("#amount", "value").as_deref(), Some("900,00"));
        let mut fields = form_fields(&edit, &format!("form[action='{path}/recurring/{rent}']"));
        set(&mut fields, "amount", "1.234,56");
        post_fields(&de, &format!("{path}/recurring/{rent}"), &fields)
            .await
            .assert_redirect_to(&format!("{path}/recurring"));
        let list = de.get(&format!("{path}/recurring")).await;
        assert!(
            list.text(".flash")
                .contains("ab dem nächsten Termin geändert"),
            "{}",
            list.text(".flash")
        );
        let rows = list.texts("table.schedules tbody tr");
        assert!(
            rows.iter()
                .any(|r| r.starts_with("Alquiler") && r.contains("1.234,56 €")),
            "{rows:?}"
        );
        assert!(
            list.texts(".schedule-when")
                .contains(&"Jeden Monat am 26., seit 26.11.2026".to_owned()),
            "{:?}",
            list.texts(".schedule-when")
        );
    });
}

backend_tests!(
    statistics_speak_each_language,
    csv_headers_in_german_and_values_plain,
    the_import_pages_in_french,
    an_unreadable_line_is_explained_in_german,
    the_recurring_page_in_spanish_and_a_local_amount_in_german,
);
