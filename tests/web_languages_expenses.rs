//! The expense pages in Spanish, French and German: the form and the list speak the browser's
//! language, amounts typed in its conventions (`1.234,56`, `1 234,56`, a rate of `1,0837`) are
//! recorded to the cent, and amounts and dates come back in its conventions. Black-box,
//! through HTTP with an `Accept-Language` header.

mod common;

use common::TestDb;
use common::web::*;
use reqwest::StatusCode;
use tally::i18n::Lang;

/// A browser that asks for `lang`, registered as Sam with the account "WG" (in euros) open;
/// returns it with the account's path.
async fn flat_in(app: &TestApp, lang: Lang, email: &str) -> (Browser, String) {
    let b = app.browser_in(lang);
    b.register(email, "Sam").await;
    let path = b.open_account("WG", "Sam").await;
    (b, path)
}

/// Fills the new-expense form as a person would and sends it.
async fn add_expense(b: &Browser, path: &str, amount: &str, description: &str) -> Page {
    let form = b.get(&format!("{path}/expenses/new")).await;
    let mut fields = form_fields(&form, "form.expense-form");
    set(&mut fields, "amount", amount);
    set(&mut fields, "description", description);
    set(&mut fields, "date", "2026-12-03");
    post_fields(b, &format!("{path}/expenses"), &fields).await
}

/// The flash message on the page a redirect leads to.
async fn flash_after(b: &Browser, page: &Page) -> String {
    let location = page.location.clone().expect("a redirect");
    b.get(&location).await.text(".flash")
}

fn the_new_expense_form_speaks_each_language(db: TestDb) {
    with_app(db, |app| async move {
        let cases = [
            (
                Lang::Es,
                [
                    "Añadir un gasto",
                    "Importe",
                    "Añadir gasto",
                    "A partes iguales",
                    "Pagado por",
                ],
            ),
            (
                Lang::Fr,
                [
                    "Ajouter une dépense",
                    "Montant",
                    "Ajouter la dépense",
                    "À parts égales",
                    "Payé par",
                ],
            ),
            (
                Lang::De,
                [
                    "Ausgabe erfassen",
                    "Betrag",
                    "Ausgabe erfassen",
                    "Zu gleichen Teilen",
                    "Bezahlt von",
                ],
            ),
        ];
        for (lang, [heading, amount, button, equally, paid_by]) in cases {
            let (b, path) = flat_in(&app, lang, &format!("form-{}@example.org", lang.code())).await;
            let page = b.get(&format!("{path}/expenses/new")).await;
            assert_eq!(page.status, StatusCode::OK);
            assert_eq!(page.attr("html", "lang").as_deref(), Some(lang.code()));
            assert_eq!(page.text("h1"), heading, "{lang:?}");
            assert_eq!(page.text("label[for=amount]"), amount, "{lang:?}");
            assert_eq!(page.text("form.expense-form button"), button, "{lang:?}");
            assert_eq!(page.text("label[for=payer]"), paid_by, "{lang:?}");
            assert!(
                page.texts("fieldset.choices label")
                    .contains(&equally.to_owned()),
                "{lang:?}: the split modes are translated: {:?}",
                page.texts("fieldset.choices label")
            );
        }
    });
}

fn german_and_french_amounts_are_recorded_to_the_cent(db: TestDb) {
    with_app(db, |app| async move {
        let (de, de_path) = flat_in(&app, Lang::De, "de@example.org").await;
        let sent = add_expense(&de, &de_path, "1.234,56", "Einkauf").await;
        sent.assert_redirect_to(&de_path);
        assert_eq!(
            flash_after(&de, &sent).await,
            "Erfasst: Einkauf, 1.234,56 €.",
            "the message names the amount in German"
        );
        // The plain form keeps working in German.
        add_expense(&de, &de_path, "20.5", "Putzmittel")
            .await
            .assert_redirect_to(&de_path);
        let list = de.get(&format!("{de_path}/expenses")).await;
        assert_eq!(list.status, StatusCode::OK);
        let amounts = list.texts("table.expenses td.num");
        assert!(amounts.contains(&"1.234,56 €".to_owned()), "{amounts:?}");
        assert!(amounts.contains(&"20,50 €".to_owned()), "{amounts:?}");
        assert!(
            list.texts("table.expenses td")
                .contains(&"03.12.2026".to_owned())
        );
        assert_eq!(list.text("p.total strong"), "1.255,06 €");
        assert!(
            list.text("p.total").contains("(2 Ausgaben;"),
            "{}",
            list.text("p.total")
        );

        let (fr, fr_path) = flat_in(&app, Lang::Fr, "fr@example.org").await;
        add_expense(&fr, &fr_path, "1 234,56", "Courses")
            .await
            .assert_redirect_to(&fr_path);
        let list = fr.get(&format!("{fr_path}/expenses")).await;
        let amounts = list.texts("table.expenses td.num");
        // The French group separator is a narrow no-break space; `texts` shows it as a space.
        assert_eq!(amounts, vec!["1 234,56 €".to_owned()]);
        assert!(
            list.body.contains("1\u{202f}234,56\u{a0}€"),
            "CLDR's spaces"
        );
        assert!(
            list.texts("table.expenses td")
                .contains(&"3 déc. 2026".to_owned())
        );
        assert!(
            list.text("p.total").contains("(1 dépense"),
            "{}",
            list.text("p.total")
        );
    });
}

fn the_list_speaks_spanish(db: TestDb) {
    with_app(db, |app| async move {
        let (es, path) = flat_in(&app, Lang::Es, "es@example.org").await;
        let empty = es.get(&format!("{path}/expenses")).await;
        assert_eq!(empty.text("h1"), "Gastos");
        assert_eq!(empty.text("p.empty"), "Todavía no hay gastos.");
        add_expense(&es, &path, "1234,56", "Compra")
            .await
            .assert_redirect_to(&path);
        add_expense(&es, &path, "12.345,60", "Alquiler")
            .await
            .assert_redirect_to(&path);
        let list = es.get(&format!("{path}/expenses")).await;
        assert_eq!(
            list.texts("table.expenses th"),
            [
                "Fecha",
                "Concepto",
                "Pagado por",
                "Compartido por",
                "Importe",
                "Acciones"
            ]
        );
        assert_eq!(list.text("form.filters button"), "Filtrar");
        assert_eq!(
            list.text("label[for=filter-member]"),
            "Pagado o compartido por"
        );
        let amounts = list.texts("table.expenses td.num");
        // Spanish groups thousands from five digits on.
        assert!(amounts.contains(&"1234,56 €".to_owned()), "{amounts:?}");
        assert!(amounts.contains(&"12.345,60 €".to_owned()), "{amounts:?}");
        assert!(
            list.texts("table.expenses td")
                .contains(&"3 dic 2026".to_owned())
        );
        assert_eq!(
            list.text("p.total"),
            "Total: 13.580,16 € (2 gastos; los reembolsos se descuentan y los borrados no cuentan)"
        );
        assert!(
            list.texts("a.edit").contains(&"Editar Compra".to_owned()),
            "{:?}",
            list.texts("a.edit")
        );
    });
}

fn a_refused_form_comes_back_in_spanish_with_what_was_typed(db: TestDb) {
    with_app(db, |app| async move {
        let (es, path) = flat_in(&app, Lang::Es, "refused@example.org").await;
        let form = es.get(&format!("{path}/expenses/new")).await;
        let mut fields = form_fields(&form, "form.expense-form");
        set(&mut fields, "amount", "1234,50");
        set(&mut fields, "description", "Compra del súper");
        fields.retain(|(k, _)| k != "participant");
        let page = post_fields(&es, &format!("{path}/expenses"), &fields).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            page.text(".error-summary"),
            "Corrige los campos marcados abajo."
        );
        assert_eq!(
            page.text("#participants-error"),
            "Elige al menos un participante."
        );
        assert_eq!(page.attr("#amount", "value").as_deref(), Some("1234,50"));
        assert_eq!(
            page.attr("#description", "value").as_deref(),
            Some("Compra del súper")
        );
        assert_eq!(page.text("form.expense-form button"), "Añadir gasto");
    });
}

fn the_delete_confirmation_speaks_german(db: TestDb) {
    with_app(db, |app| async move {
        let (de, path) = flat_in(&app, Lang::De, "delete@example.org").await;
        add_expense(&de, &path, "1.234,56", "Einkauf")
            .await
            .assert_redirect_to(&path);
        let list = de.get(&format!("{path}/expenses")).await;
        let delete = list.attr("a.delete", "href").expect("a delete link");
        let page = de.get(&delete).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.text("h1"), "Einkauf, 1.234,56 € löschen?");
        assert!(
            page.text("main p:nth-of-type(2)")
                .starts_with("Bezahlt von Sam am 03.12.2026. Gelöscht zählt sie nicht mehr"),
            "{}",
            page.text("main p:nth-of-type(2)")
        );
        assert_eq!(page.text("form.confirm button"), "Löschen");
        assert_eq!(page.text("form.confirm a"), "Abbrechen");
        let deleted = de.post(&delete, &[]).await;
        assert_eq!(
            flash_after(&de, &deleted).await,
            "Gelöscht: Einkauf, 1.234,56 €. Du kannst sie über den Verlauf oder die \
             Ausgabenliste wiederherstellen."
        );
        let again = de.get(&delete).await;
        assert_eq!(again.text("h1"), "Einkauf, 1.234,56 € ist schon gelöscht");
    });
}

fn the_edit_form_gives_back_amounts_and_rates_in_german(db: TestDb) {
    with_app(db, |app| async move {
        let (de, path) = flat_in(&app, Lang::De, "edit@example.org").await;
        let form = de.get(&format!("{path}/expenses/new")).await;
        let mut fields = form_fields(&form, "form.expense-form");
        set(&mut fields, "amount", "1.000,00");
        set(&mut fields, "description", "Hotel");
        set(&mut fields, "date", "2026-12-03");
        set(&mut fields, "paid_in", "USD");
        set(&mut fields, "rate", "0,9");
        post_fields(&de, &format!("{path}/expenses"), &fields)
            .await
            .assert_redirect_to(&path);
        let list = de.get(&format!("{path}/expenses")).await;
        assert_eq!(list.text("td.num .paid-in"), "1.000,00 $ zu 0,9");
        assert!(
            list.text("td.num").starts_with("900,00 €"),
            "{}",
            list.text("td.num")
        );
        let edit = list.attr("a.edit", "href").expect("an edit link");
        let page = de.get(&edit).await;
        assert_eq!(page.attr("#amount", "value").as_deref(), Some("1000,00"));
        assert_eq!(page.attr("#rate", "value").as_deref(), Some("0,9"));
        assert_eq!(
            page.text("form.expense-form button"),
            "Änderungen speichern"
        );
        // The next expense proposes the rate last used, written the German way.
        let next = de.get(&format!("{path}/expenses/new")).await;
        assert!(
            next.text("#rate-hint")
                .ends_with("Zuletzt hier verwendet: USD 0,9."),
            "{}",
            next.text("#rate-hint")
        );
    });
}

fn the_refund_page_speaks_french(db: TestDb) {
    with_app(db, |app| async move {
        let (fr, path) = flat_in(&app, Lang::Fr, "refund@example.org").await;
        let page = fr.get(&format!("{path}/refunds/new")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.text("h1"), "Enregistrer un remboursement reçu");
        assert_eq!(page.text("label[for=payer]"), "Reçu par");
        assert_eq!(
            page.text("form.expense-form button"),
            "Enregistrer le remboursement reçu"
        );
        assert!(page.text("#amount-hint").contains("50,00"));
        let mut fields = form_fields(&page, "form.expense-form");
        set(&mut fields, "amount", "1 050,00");
        set(&mut fields, "description", "Caution rendue");
        set(&mut fields, "date", "2026-12-03");
        let sent = post_fields(&fr, &format!("{path}/refunds"), &fields).await;
        sent.assert_redirect_to(&format!("{path}/expenses"));
        assert_eq!(
            flash_after(&fr, &sent).await,
            "Enregistré : un remboursement reçu de 1 050,00 € par Sam : Caution rendue."
        );
        let list = fr.get(&format!("{path}/expenses")).await;
        assert!(
            list.texts(".badge.refund")
                .contains(&"Remboursement reçu".to_owned()),
            "{:?}",
            list.texts(".badge")
        );
        assert!(
            list.text("td.num").contains("1 050,00"),
            "{}",
            list.text("td.num")
        );
    });
}

backend_tests!(
    the_new_expense_form_speaks_each_language,
    german_and_french_amounts_are_recorded_to_the_cent,
    the_list_speaks_spanish,
    a_refused_form_comes_back_in_spanish_with_what_was_typed,
    the_delete_confirmation_speaks_german,
    the_edit_form_gives_back_amounts_and_rates_in_german,
    the_refund_page_speaks_french,
);
