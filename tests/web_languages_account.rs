//! An account's own pages in Spanish, French and German: the dashboard (headings, balances,
//! settle-up, amounts in each language's form), payments typed in the local form, the
//! history's sentences (plurals included) and the account as it was.

mod common;

use common::TestDb;
use common::web::*;
use reqwest::StatusCode;

/// A browser whose `Accept-Language` asks for `code`, registered and signed in, with an
/// account "WG" (EUR) of Ann (them) and Bob; returns it and the account's path.
async fn flat_in(app: &TestApp, code: &'static str, email: &str) -> (Browser, String) {
    let b = app.browser_accepting(code);
    b.register(email, "Ann").await;
    let path = b.open_account("WG", "Ann").await;
    for name in ["Bob", "Cem"] {
        b.post(&format!("{path}/members"), &[("name", name)])
            .await
            .assert_redirect_to(&format!("{path}/members"));
    }
    (b, path)
}

/// The member ids by name, as the payment form lists them.
async fn member_ids(b: &Browser, path: &str) -> Vec<(String, String)> {
    let page = b.get(&format!("{path}/payments/new")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let values = page.attrs("select#from option", "value");
    let names = page.texts("select#from option");
    names.into_iter().zip(values).collect()
}

fn id_of(ids: &[(String, String)], name: &str) -> String {
    ids.iter()
        .find(|(n, _)| n == name)
        .map(|(_, id)| id.clone())
        .unwrap_or_else(|| panic!("no member {name} in {ids:?}"))
}

/// Records a payment through the payment page's form, with the amount as typed.
async fn pay(b: &Browser, path: &str, to: &str, amount: &str) -> Page {
    let page = b.get(&format!("{path}/payments/new")).await;
    let mut fields = form_fields(&page, "form.payment-form");
    set(&mut fields, "to", to);
    set(&mut fields, "amount", amount);
    post_fields(b, &format!("{path}/transfers"), &fields).await
}

/// Ann pays Bob 1234.56 typed as `typed`: the dashboard then shows Ann ahead and Bob behind
/// by that amount, and Bob paying it back.
async fn dashboard_after_payment(b: &Browser, path: &str, typed: &str) -> Page {
    let ids = member_ids(b, path).await;
    let posted = pay(b, path, &id_of(&ids, "Bob"), typed).await;
    posted.assert_redirect_to(path);
    let page = b.get(path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page
}

#[test]
fn the_dashboard_in_german_with_an_amount_typed_the_german_way() {
    with_app(TestDb::sqlite(), |app| async move {
        let (b, path) = flat_in(&app, "de-DE,de;q=0.9", "ann@example.org").await;
        let page = dashboard_after_payment(&b, &path, "1.234,56").await;
        assert_eq!(page.attr("html", "lang").as_deref(), Some("de"));
        assert_eq!(
            page.text(".flash"),
            "Erfasst: Ann hat Bob 1.234,56 € gezahlt."
        );
        assert_eq!(page.text("#balances-heading"), "Salden");
        assert_eq!(page.text("#settle-heading"), "Ausgleichen");
        assert_eq!(page.text("#latest-heading"), "Neueste Ausgaben");
        // Ann sent the money, so she gets it back; the amounts in German form.
        assert!(page.body.contains("1.234,56\u{a0}€"), "{}", page.body);
        assert!(page.body.contains("-1.234,56\u{a0}€"), "{}", page.body);
        assert_eq!(
            page.texts(".balance-cards .word"),
            ["bekommt", "schuldet", "ausgeglichen"]
        );
        assert_eq!(page.texts(".balance-cards .name")[0], "Ann (du)");
        assert_eq!(page.text(".settle .suggestion"), "Bob zahlt Ann 1.234,56 €");
        assert_eq!(
            page.text("svg.chart title"),
            "Salden: Ann 1.234,56 €, Bob -1.234,56 € und Cem 0,00 €"
        );
        assert_eq!(
            page.text("p.empty"),
            "Noch keine Ausgaben. Füge die erste mit der Schaltfläche „Ausgabe hinzufügen“ oben hinzu."
        );
        // The payment's own page shows the amount back as a German would type it.
        let list = b.get(&format!("{path}/payments")).await;
        assert_eq!(list.text("h1"), "Zahlungen");
        assert!(list.body.contains("1.234,56\u{a0}€"), "{}", list.body);
        let edit = list.attr("a.edit", "href").expect("an edit link");
        let form = b.get(&edit).await;
        assert_eq!(form.attr("#amount", "value").as_deref(), Some("1234,56"));
        assert_eq!(
            form.text("#amount-hint"),
            "Was gezahlt wurde, etwa 20,00: ein beliebiger Teil dessen, was geschuldet wird."
        );
        // A German amount that cannot be read comes back with the typed value.
        let ids = member_ids(&b, &path).await;
        let refused = pay(&b, &path, &id_of(&ids, "Bob"), "1,234.5,6").await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            refused.attr("#amount", "value").as_deref(),
            Some("1,234.5,6")
        );
        assert_eq!(refused.text("h1"), "Zahlung erfassen");
    });
}

#[test]
fn the_dashboard_in_french_and_in_spanish() {
    with_app(TestDb::sqlite(), |app| async move {
        let (fr, path) = flat_in(&app, "fr-FR,fr;q=0.9", "ann@example.fr").await;
        // A French amount with a (narrow) space between the thousands.
        let page = dashboard_after_payment(&fr, &path, "1 234,56").await;
        assert_eq!(page.attr("html", "lang").as_deref(), Some("fr"));
        assert_eq!(page.text("#balances-heading"), "Soldes");
        assert_eq!(page.text("#settle-heading"), "Équilibrer les comptes");
        assert!(
            page.body.contains("1\u{202f}234,56\u{a0}€"),
            "{}",
            page.body
        );
        assert_eq!(
            page.texts(".balance-cards .word"),
            ["à recevoir", "doit", "à jour"]
        );
        assert_eq!(
            page.text(".settle .suggestion"),
            "Bob rembourse 1 234,56 € à Ann"
        );
        assert_eq!(page.text("nav.pager a[href$='/history']"), "Historique");

        let (es, path) = flat_in(&app, "es-ES,es;q=0.9", "ann@example.es").await;
        let page = dashboard_after_payment(&es, &path, "1234,56").await;
        assert_eq!(page.attr("html", "lang").as_deref(), Some("es"));
        assert_eq!(page.text("#balances-heading"), "Saldos");
        assert_eq!(page.text("#settle-heading"), "Saldar cuentas");
        // Spanish groups thousands only from five digits on.
        assert!(page.body.contains("1234,56\u{a0}€"), "{}", page.body);
        assert_eq!(
            page.texts(".balance-cards .word"),
            ["le deben", "debe", "en paz"]
        );
        assert_eq!(page.text(".settle .suggestion"), "Bob paga a Ann 1234,56 €");
        assert_eq!(page.text(".flash"), "Registrado: Ann pagó a Bob 1234,56 €.");
    });
}

#[test]
fn the_history_speaks_spanish_with_its_plurals() {
    with_app(TestDb::sqlite(), |app| async move {
        let (b, path) = flat_in(&app, "es", "ann@example.es").await;
        let ids = member_ids(&b, &path).await;
        let (ann, bob, cem) = (id_of(&ids, "Ann"), id_of(&ids, "Bob"), id_of(&ids, "Cem"));
        let today = chrono::Utc::now().date_naive().to_string();
        for (description, participants) in [
            ("Internet", vec![ann.as_str(), bob.as_str(), cem.as_str()]),
            ("Leche", vec![bob.as_str()]),
        ] {
            let expense_id = tally::domain::ExpenseId::new().to_string();
            let mut fields = vec![
                ("expense_id", expense_id.as_str()),
                ("revision", ""),
                ("amount", "30.00"),
                ("description", description),
                ("date", today.as_str()),
                ("payer", ann.as_str()),
                ("split", "equally"),
            ];
            let weights: Vec<String> = participants.iter().map(|p| format!("weight_{p}")).collect();
            for (p, weight) in participants.iter().zip(&weights) {
                fields.push(("participant", p));
                fields.push((weight.as_str(), "1"));
            }
            b.post(&format!("{path}/expenses"), &fields)
                .await
                .assert_redirect_to(&path);
        }
        pay(&b, &path, &bob, "12,5").await.assert_redirect_to(&path);

        let page = b.get(&format!("{path}/history")).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert_eq!(page.text("h1"), "Historial");
        assert_eq!(
            page.texts("ol.history li .what"),
            [
                "Ann pagó a Bob 12,50 €",
                "Ann registró Leche, 30,00 €, para Bob",
                "Ann registró Internet, 30,00 €, a partes iguales entre 3 personas",
                "Ann añadió a Cem",
                "Ann añadió a Bob",
                "Ann se unió",
                "Ann abrió la cuenta WG en EUR",
            ]
        );
        assert_eq!(
            page.text("ol.history li a.as-of"),
            "ver la cuenta tal como quedó tras este cambio"
        );
        // The dashboard counts those sharing with the plural too.
        let dashboard = b.get(&path).await;
        assert_eq!(
            dashboard.texts("table.latest .hint"),
            ["(1 participante)", "(3 participantes)"]
        );
    });
}

#[test]
fn the_account_as_it_was_in_french() {
    with_app(TestDb::sqlite(), |app| async move {
        let (b, path) = flat_in(&app, "fr", "ann@example.fr").await;
        let ids = member_ids(&b, &path).await;
        pay(&b, &path, &id_of(&ids, "Bob"), "1 234,56")
            .await
            .assert_redirect_to(&path);
        // Right after the payment (change 5: opening, Ann, Bob, Cem, payment).
        let page = b.get(&format!("{path}/as-of?after=5")).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(
            page.text("h1")
                .starts_with("WG tel qu'il était juste après le changement 5 (")
        );
        assert_eq!(page.text("#balances-heading"), "Soldes à ce moment-là");
        assert_eq!(page.text("nav.pager span"), "Changement 5 sur 5");
        assert_eq!(
            page.text(".settle .suggestion"),
            "Bob rembourse 1 234,56 € à Ann"
        );
        assert!(
            page.body.contains("1\u{202f}234,56\u{a0}€"),
            "{}",
            page.body
        );
        assert!(page.text("p.notice.past").contains("en lecture seule"));
        // Before the payment, everyone was settled.
        let before = b.get(&format!("{path}/as-of?after=4")).await;
        assert_eq!(before.text("p.settled"), "Tout le monde était à jour.");
        // A day still to come is refused in French, the day written the French way.
        let tomorrow = chrono::Utc::now().date_naive() + chrono::Days::new(2);
        let refused = b.get(&format!("{path}/as-of?date={tomorrow}")).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            refused.text("#date-error").contains("pas encore arrivé"),
            "{}",
            refused.body
        );
        let missing = b.get(&format!("{path}/as-of?after=99")).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert_eq!(
            missing.text(".error-summary"),
            "Ce changement n'existe pas encore : le plus récent est le changement 5."
        );
    });
}
