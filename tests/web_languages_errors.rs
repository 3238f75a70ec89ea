//! Refusals in the person's language: a form shown again says what is wrong in Spanish,
//! French or German, and hostile values get a 4xx with a message in that language, never a
//! 500 or English.

mod common;

use common::TestDb;
use common::web::*;
use reqwest::StatusCode;
use tally::domain::{RateError, TextError};
use tally::i18n::{Lang, Localize};
use tally::web::forms::sentence;

/// Registers Sam in a browser speaking `lang` and opens a euro account; its path.
async fn sams_flat(b: &Browser) -> String {
    b.register("sam@example.org", "Sam").await;
    b.open_account("Flat 3B", "Sam").await
}

async fn new_expense_form(b: &Browser, account: &str) -> Vec<(String, String)> {
    let page = b.get(&format!("{account}/expenses/new")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    form_fields(&page, "form.expense-form")
}

fn an_amount_that_is_no_number_is_shown_again_in_spanish(db: TestDb) {
    with_app(db, |app| async move {
        let b = app.browser_in(Lang::Es);
        let account = sams_flat(&b).await;
        let mut fields = new_expense_form(&b, &account).await;
        set(&mut fields, "amount", "abc");
        set(&mut fields, "description", "Pan");
        let page = post_fields(&b, &format!("{account}/expenses"), &fields).await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            page.body
        );
        assert_eq!(page.text("#amount-error"), "Escribe un importe como 12,50.");
        assert_eq!(page.attr("#amount", "value").as_deref(), Some("abc"));
        assert_eq!(page.attr("html", "lang").as_deref(), Some("es"));
    });
}

fn a_name_too_long_is_refused_in_german(db: TestDb) {
    with_app(db, |app| async move {
        let b = app.browser_in(Lang::De);
        let account = sams_flat(&b).await;
        let long = "x".repeat(61);
        let page = b
            .post(&format!("{account}/members"), &[("name", &long)])
            .await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            page.body
        );
        assert_eq!(page.text("#name-error"), "Verwende höchstens 60 Zeichen.");
        assert_eq!(page.attr("#name", "value").as_deref(), Some(long.as_str()));
        // The same rule in the language's own words wherever a name is typed.
        assert_eq!(
            sentence(&TextError::TooLong(60).localize(Lang::De)),
            "Verwende höchstens 60 Zeichen."
        );
    });
}

fn a_wrong_password_is_explained_in_french(db: TestDb) {
    with_app(db, |app| async move {
        app.me().register("kim@example.org", "Kim").await;
        let b = app.browser_in(Lang::Fr);
        let wrong = b
            .post(
                "/signin",
                &[("email", "kim@example.org"), ("password", "pas le bon")],
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        let message = wrong.text("#signin-error");
        assert!(
            message.contains("mot de passe"),
            "a French message: {message:?}"
        );
        assert!(!message.contains("password"), "no English: {message:?}");
    });
}

fn hostile_rates_get_a_german_refusal_and_never_a_500(db: TestDb) {
    with_app(db, |app| async move {
        let b = app.browser_in(Lang::De);
        let account = sams_flat(&b).await;
        let good = new_expense_form(&b, &account).await;
        let forty_digits = "1234567890".repeat(4);
        let cases: Vec<(&str, RateError)> = vec![
            ("0", RateError::NotPositive),
            ("-1", RateError::NotPositive),
            ("1e300", RateError::Malformed),
            (forty_digits.as_str(), RateError::TooPrecise),
            ("1,2.3,4", RateError::Separators),
        ];
        for (rate, refusal) in cases {
            let mut fields = good.clone();
            set(&mut fields, "amount", "1500");
            set(&mut fields, "paid_in", "JPY");
            set(&mut fields, "rate", rate);
            set(&mut fields, "description", "Sushi");
            let page = post_fields(&b, &format!("{account}/expenses"), &fields).await;
            assert!(
                page.status.is_client_error(),
                "{rate}: {} {}",
                page.status,
                page.body
            );
            let message = page.text("#rate-error");
            assert!(message.contains("Wechselkurs"), "{rate}: {message:?}");
            assert!(!message.contains("rate"), "{rate}: English in {message:?}");
            assert_eq!(message, sentence(&refusal.localize(Lang::De)), "{rate}");
            assert_eq!(page.attr("#rate", "value").as_deref(), Some(rate));
        }
        let list = b.get(&format!("{account}/expenses")).await;
        assert!(list.texts("table.expenses tbody tr").is_empty());
    });
}

/// A form too large to be read is refused before any handler: the middleware that keeps the
/// request's language is outside the guard, so even this answer is in the person's language.
fn a_form_too_large_is_refused_in_spanish(db: TestDb) {
    with_app(db, |app| async move {
        let b = app.browser_in(Lang::Es);
        let csrf = b.csrf().await;
        let mut body = format!("csrf_token={csrf}&email=x%40example.org&password=").into_bytes();
        body.resize(2 * 1024 * 1024, b'a');
        let response = b
            .client
            .post(format!("{}/signin", b.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("an answer");
        assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
        let text = response.text().await.expect("body");
        assert_eq!(text, Lang::Es.t("error-form-too-large"));
        assert!(text.starts_with("Este formulario"), "{text}");
    });
}

backend_tests!(
    a_form_too_large_is_refused_in_spanish,
    an_amount_that_is_no_number_is_shown_again_in_spanish,
    a_name_too_long_is_refused_in_german,
    a_wrong_password_is_explained_in_french,
    hostile_rates_get_a_german_refusal_and_never_a_500,
);
