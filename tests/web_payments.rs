//! Payments between members, corrected, deleted and restored like expenses, through HTTP:
//! the payments list, the edit page (with the stale-edit 409), the delete confirmation,
//! the balances on the dashboard after each step, the history's sentences and the CSV.

mod common;

use common::TestDb;
use common::web::*;
use reqwest::StatusCode;

/// Sam's flat with Kim, and Kim's member id.
async fn flat(me: &Browser) -> (String, String) {
    me.register("sam@example.org", "Sam").await;
    let account = me.open_account("Flat", "Sam").await;
    me.post(&format!("{account}/members"), &[("name", "Kim")])
        .await
        .assert_redirect_to(&account);
    let form = me.get(&format!("{account}/payments/new")).await;
    let sam = form
        .attr("#from option[selected]", "value")
        .expect("Sam is preselected");
    let kim = form
        .attrs("#to option", "value")
        .into_iter()
        .find(|id| !id.is_empty() && *id != sam)
        .expect("Kim");
    (account, kim)
}

/// Records "Kim paid Sam <amount>" through the payment page; returns the payment's path.
async fn kim_pays_sam(me: &Browser, account: &str, kim: &str, amount: &str) -> String {
    let form = me.get(&format!("{account}/payments/new")).await;
    let mut fields = form_fields(&form, "form.payment-form");
    let sam = form.attr("#from option[selected]", "value").expect("Sam");
    set(&mut fields, "from", kim);
    set(&mut fields, "to", &sam);
    set(&mut fields, "amount", amount);
    post_fields(me, &format!("{account}/transfers"), &fields)
        .await
        .assert_redirect_to(account);
    let id = fields
        .iter()
        .find(|(k, _)| k == "transfer_id")
        .map(|(_, v)| v.clone())
        .expect("transfer id");
    format!("{account}/payments/{id}")
}

/// What settles everyone, as the dashboard says it ("" when everyone is even).
async fn suggestions(me: &Browser, account: &str) -> Vec<String> {
    me.get(account).await.texts(".suggestion")
}

fn edit_fields(page: &Page, overrides: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields = form_fields(page, "form.payment-form");
    for (name, value) in overrides {
        set(&mut fields, name, value);
    }
    fields
}

fn a_payment_is_listed_edited_deleted_and_restored(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        let (account, kim) = flat(&me).await;
        let payment = kim_pays_sam(&me, &account, &kim, "20").await;
        assert_eq!(suggestions(&me, &account).await, ["Sam pays Kim €20.00"]);

        let list = me.get(&format!("{account}/payments")).await;
        assert_eq!(list.status, StatusCode::OK);
        assert_eq!(list.texts("table.payments tbody tr").len(), 1);
        assert_eq!(
            list.attr("table.payments a.edit", "href").as_deref(),
            Some(format!("{payment}/edit").as_str())
        );
        assert!(
            me.get(&account)
                .await
                .attrs("a", "href")
                .contains(&format!("{account}/payments")),
            "the dashboard links to the payments"
        );

        // Edit: the stored values, then a new amount.
        let edit = me.get(&format!("{payment}/edit")).await;
        assert_eq!(edit.status, StatusCode::OK);
        assert_eq!(edit.text("h1"), "Edit a payment");
        assert_eq!(edit.attr("#amount", "value").as_deref(), Some("20.00"));
        assert_eq!(
            edit.attr("input[name=revision]", "value").as_deref(),
            Some("1")
        );
        assert_eq!(
            edit.attr("form.payment-form", "action").as_deref(),
            Some(payment.as_str())
        );
        let saved = post_fields(&me, &payment, &edit_fields(&edit, &[("amount", "25")])).await;
        saved.assert_redirect_to(&format!("{account}/payments"));
        let list = me.get(&format!("{account}/payments")).await;
        assert_eq!(list.text(".flash"), "Saved: Kim paid Sam €25.00.");
        assert_eq!(suggestions(&me, &account).await, ["Sam pays Kim €25.00"]);

        // Bad input comes back with the typed values and a message beside the field.
        let edit = me.get(&format!("{payment}/edit")).await;
        for (overrides, field, message) in [
            (vec![("amount", "0")], "#amount-error", "more than zero"),
            (
                vec![("to", kim.as_str())],
                "#to-error",
                "two different members",
            ),
            (vec![("date", "1999-12-31")], "#date-error", "between"),
        ] {
            let page = post_fields(&me, &payment, &edit_fields(&edit, &overrides)).await;
            assert_eq!(
                page.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{overrides:?}"
            );
            assert!(page.text(field).contains(message), "{}", page.text(field));
            assert_eq!(page.text("h1"), "Edit a payment");
        }
        assert_eq!(suggestions(&me, &account).await, ["Sam pays Kim €25.00"]);

        // Delete: a confirmation with a destructive button, then gone from the balances.
        let confirm = me.get(&format!("{payment}/delete")).await;
        assert_eq!(confirm.status, StatusCode::OK);
        assert_eq!(confirm.text("h1"), "Delete this payment?");
        assert!(
            confirm
                .texts("p")
                .iter()
                .any(|p| p.contains("Kim paid Sam €25.00"))
        );
        assert_eq!(confirm.text("form.confirm button.danger"), "Delete");
        me.post(&format!("{payment}/delete"), &[])
            .await
            .assert_redirect_to(&format!("{account}/payments"));
        assert!(suggestions(&me, &account).await.is_empty());
        let list = me.get(&format!("{account}/payments")).await;
        assert!(list.text("tbody tr").contains("deleted"));
        assert!(list.attrs("a.edit", "href").is_empty());
        // A deleted payment cannot be edited until restored.
        let edit = me.get(&format!("{payment}/edit")).await;
        assert!(edit.text(".notice").contains("restore it first"));
        let refused = post_fields(&me, &payment, &edit_fields(&edit, &[("amount", "30")])).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text(".error-summary").contains("restore it first"));

        // Restore from the list: back in the balances as last corrected.
        let back = format!("{account}/payments");
        me.post(&format!("{payment}/restore"), &[("back", back.as_str())])
            .await
            .assert_redirect_to(&back);
        assert_eq!(suggestions(&me, &account).await, ["Sam pays Kim €25.00"]);

        // The history tells it.
        let history = me.get(&format!("{account}/history")).await;
        let said = history.texts("ol.history li .what");
        assert_eq!(
            said[..4],
            [
                "Sam restored the payment from Kim to Sam, €25.00",
                "Sam deleted the payment from Kim to Sam, €25.00",
                "Sam changed the payment from Kim to Sam: €20.00 → €25.00",
                "Kim paid Sam €20.00 (recorded by Sam)",
            ],
            "{said:?}"
        );

        // The CSV has it as it reads now; a deleted one is marked.
        let csv = me.get(&format!("{account}/export/expenses.csv")).await.body;
        assert!(csv.contains(",25.00,"), "{csv}");
        assert!(csv.trim_end().ends_with(",no,payment,,,"), "{csv}");
        me.post(&format!("{payment}/delete"), &[]).await;
        let csv = me.get(&format!("{account}/export/expenses.csv")).await.body;
        assert!(csv.trim_end().ends_with(",yes,payment,,,"), "{csv}");
        let history = me.get(&format!("{account}/history")).await;
        let restores = history.attrs("ol.history li form.restore", "action");
        assert!(
            !restores.is_empty() && restores.iter().all(|a| *a == format!("{payment}/restore")),
            "a deletion that still stands offers Restore: {restores:?}"
        );
    });
}

/// Two edits from the same revision: the second is answered 409 with the typed values kept
/// and, beside each field that differs, what the first one saved.
fn a_stale_payment_edit_gets_409_keeping_the_typed_values(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        let (account, kim) = flat(&me).await;
        let payment = kim_pays_sam(&me, &account, &kim, "20").await;
        let first = me.get(&format!("{payment}/edit")).await;
        let second = me.get(&format!("{payment}/edit")).await;
        post_fields(&me, &payment, &edit_fields(&first, &[("amount", "16")]))
            .await
            .assert_redirect_to(&format!("{account}/payments"));
        let page = post_fields(
            &me,
            &payment,
            &edit_fields(&second, &[("amount", "18"), ("date", "2026-01-02")]),
        )
        .await;
        assert_eq!(page.status, StatusCode::CONFLICT);
        assert!(
            page.text(".error-summary")
                .starts_with("Sam changed this payment while you were editing."),
            "{}",
            page.text(".error-summary")
        );
        assert_eq!(page.attr("#amount", "value").as_deref(), Some("18"));
        assert_eq!(
            page.text("#amount-error"),
            "You typed €18.00; meanwhile Sam changed it to €16.00."
        );
        assert!(
            page.text("#date-error")
                .starts_with("You typed 2026-01-02;")
        );
        assert_eq!(
            page.attr("input[name=revision]", "value").as_deref(),
            Some("2")
        );
        assert_eq!(suggestions(&me, &account).await, ["Sam pays Kim €16.00"]);
        // Saving again knowingly replaces the other version.
        let again = form_fields(&page, "form.payment-form");
        post_fields(&me, &payment, &again)
            .await
            .assert_redirect_to(&format!("{account}/payments"));
        assert_eq!(suggestions(&me, &account).await, ["Sam pays Kim €18.00"]);
    });
}

/// Unknown, malformed and other accounts' payments are not found.
fn unknown_payments_are_not_found(db: TestDb) {
    with_app(db, |app| async move {
        let me = app.me();
        let (account, kim) = flat(&me).await;
        let payment = kim_pays_sam(&me, &account, &kim, "20").await;
        let other = me.open_account("Other flat", "Sam").await;
        let id = payment.rsplit('/').next().expect("id");
        for path in [
            format!("{account}/payments/{}/edit", uuid::Uuid::new_v4()),
            format!("{account}/payments/not-an-id/edit"),
            format!("{other}/payments/{id}/edit"),
            format!("{other}/payments/{id}/delete"),
        ] {
            assert_eq!(me.get(&path).await.status, StatusCode::NOT_FOUND, "{path}");
        }
        let gone = me.post(&format!("{other}/payments/{id}/delete"), &[]).await;
        assert_eq!(gone.status, StatusCode::NOT_FOUND);
        assert_eq!(suggestions(&me, &account).await, ["Sam pays Kim €20.00"]);
    });
}

backend_tests!(
    a_payment_is_listed_edited_deleted_and_restored,
    a_stale_payment_edit_gets_409_keeping_the_typed_values,
    unknown_payments_are_not_found,
);
