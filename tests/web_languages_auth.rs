//! Signing in and registering, the home page, joining, the settings and the reset pages in
//! other languages, through HTTP: the browser's `Accept-Language`, the footer's switch for a
//! visitor, the settings' choice that follows a person to every browser, and the messages of
//! the forms and flashes.

mod common;

use common::TestDb;
use common::smtp::FakeSmtp;
use common::web::*;
use reqwest::StatusCode;
use std::time::Duration;
use tally::i18n::Lang;
use tally::web::forms::sentence;

/// Text as [`Page::text`] gives it: runs of whitespace (no-break spaces too) as one space.
fn collapsed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn the_sign_in_page_speaks_the_browsers_language(db: TestDb) {
    with_app(db, |app| async move {
        let cases = [
            (
                "es-ES,es;q=0.9,en;q=0.5",
                "es",
                "Inicia sesión en tally",
                "Correo electrónico",
                "Iniciar sesión",
            ),
            (
                "fr-CH, fr;q=0.9",
                "fr",
                "Connexion à tally",
                "Adresse e-mail",
                "Se connecter",
            ),
            (
                "de",
                "de",
                "Bei tally anmelden",
                "E-Mail-Adresse",
                "Anmelden",
            ),
            (
                "it, pt;q=0.8",
                "en",
                "Sign in to tally",
                "Email address",
                "Sign in",
            ),
            (
                "en-US",
                "en",
                "Sign in to tally",
                "Email address",
                "Sign in",
            ),
        ];
        for (accept, code, heading, email_label, button) in cases {
            let page = app.browser_accepting(accept).get("/signin").await;
            assert_eq!(page.status, StatusCode::OK, "{accept}");
            assert_eq!(page.attr("html", "lang").as_deref(), Some(code), "{accept}");
            assert_eq!(page.text("h1"), heading, "{accept}");
            assert_eq!(page.text("label[for=email]"), email_label, "{accept}");
            assert_eq!(
                page.text("main form button[type=submit]"),
                button,
                "{accept}"
            );
            assert_eq!(
                page.text("title"),
                format!(
                    "{} · tally",
                    Lang::from_code(code).expect("a language").t("signin-title")
                ),
                "{accept}"
            );
        }
        let german = app.browser_accepting("de").get("/signup").await;
        assert_eq!(german.text("h1"), "Erstelle dein tally-Konto");
        assert_eq!(
            german.text("#password-hint"),
            "Mindestens 10 Zeichen. Ein paar Wörter, die du dir merken kannst, funktionieren gut."
        );
    });
}

fn a_visitor_switches_the_sign_in_page_in_the_footer_and_keeps_the_language(db: TestDb) {
    with_app(db, |app| async move {
        let visitor = app.browser_accepting("en-GB,en;q=0.9");
        let english = visitor.get("/signin").await;
        assert_eq!(english.text("h1"), "Sign in to tally");
        // The footer offers the other languages, each in its own name and language.
        assert_eq!(
            english.texts("footer form.languages button"),
            ["Español", "Français", "Deutsch"]
        );
        assert_eq!(
            english
                .attr("footer form.languages button[value=es]", "lang")
                .as_deref(),
            Some("es")
        );
        let next = english
            .attr("footer form.languages input[name=next]", "value")
            .expect("the page's own path");
        assert_eq!(next, "/signin");

        let switched = visitor
            .post("/language", &[("lang", "es"), ("next", &next)])
            .await;
        switched.assert_redirect_to("/signin");
        let spanish = visitor.get("/signin").await;
        assert_eq!(spanish.attr("html", "lang").as_deref(), Some("es"));
        assert_eq!(spanish.text("h1"), "Inicia sesión en tally");
        assert_eq!(spanish.text(".flash"), "Esta página ahora está en español.");
        assert_eq!(
            spanish.texts("footer form.languages button"),
            ["English", "Français", "Deutsch"]
        );
        assert_eq!(
            spanish.text("main p.hint"),
            "¿Has olvidado tu contraseña? Pide un enlace para restablecerla a quien administra este tally."
        );

        // Registering keeps the language chosen before there was an account: it becomes the
        // person's own, and follows them to a browser that asks for English.
        let page = visitor
            .post(
                "/signup",
                &[
                    ("email", "sam@example.org"),
                    ("display_name", "Sam"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        page.assert_redirect_to("/");
        let home = visitor.get("/").await;
        assert_eq!(home.text("h1"), "Tus cuentas compartidas");
        assert_eq!(
            home.text(".flash"),
            "¡Te damos la bienvenida a tally! Tu cuenta está lista."
        );
        let elsewhere = app.browser_accepting("en");
        elsewhere.sign_in("sam@example.org").await;
        let home = elsewhere.get("/").await;
        assert_eq!(home.attr("html", "lang").as_deref(), Some("es"));
        assert_eq!(home.text("h1"), "Tus cuentas compartidas");
    });
}

fn the_language_chosen_in_the_settings_follows_the_person_to_a_new_browser(db: TestDb) {
    with_app(db, |app| async move {
        let sam = app.browser_accepting("en");
        sam.register("sam@example.org", "Sam").await;
        let settings = sam.get("/settings").await;
        assert_eq!(settings.text("#language-heading"), "Language");
        assert_eq!(
            settings
                .attr("section[aria-labelledby=language-heading] form", "action")
                .as_deref(),
            Some("/language")
        );
        assert_eq!(
            settings
                .attr(
                    "section[aria-labelledby=language-heading] input[name=next]",
                    "value"
                )
                .as_deref(),
            Some("/settings")
        );
        assert!(
            settings
                .attr(
                    "section[aria-labelledby=language-heading] input[name=csrf_token]",
                    "value"
                )
                .is_some_and(|t| !t.is_empty()),
            "the form carries the CSRF token"
        );
        assert_eq!(settings.text("label[for=lang]"), "Language of the pages");
        assert_eq!(
            settings.texts("select#lang option"),
            ["English", "Español", "Français", "Deutsch"]
        );
        assert_eq!(
            settings.attrs("select#lang option", "lang"),
            ["en", "es", "fr", "de"]
        );
        assert_eq!(
            settings.attrs("select#lang option", "value"),
            ["en", "es", "fr", "de"]
        );
        assert_eq!(
            settings.attrs("select#lang option[selected]", "value"),
            ["en"]
        );

        let mut fields = form_fields(&settings, "section[aria-labelledby=language-heading] form");
        set(&mut fields, "lang", "de");
        let saved = post_fields(&sam, "/language", &fields).await;
        saved.assert_redirect_to("/settings");
        let german = sam.get("/settings").await;
        assert_eq!(german.attr("html", "lang").as_deref(), Some("de"));
        assert_eq!(german.text("h1"), "Deine Einstellungen");
        assert_eq!(german.text(".flash"), "Diese Seite ist jetzt auf Deutsch.");
        assert_eq!(
            german.attrs("select#lang option[selected]", "value"),
            ["de"]
        );
        assert_eq!(german.text("#language-heading"), "Sprache");
        assert_eq!(german.text("#password-heading"), "Passwort");
        // The time now, in German conventions: `03.12.2026 14:05 UTC`.
        let now = german.text("#zone-now");
        let day = now.split(' ').next().unwrap_or_default();
        assert!(
            day.len() == 10
                && day.matches('.').count() == 2
                && day.chars().all(|c| c.is_ascii_digit() || c == '.')
                && now.ends_with("UTC"),
            "{now}"
        );

        // Another browser, asking for English: the person's setting wins once they sign in.
        let other = app.browser_accepting("en-GB,en;q=0.9");
        assert_eq!(other.get("/signin").await.text("h1"), "Sign in to tally");
        other.sign_in("sam@example.org").await;
        let home = other.get("/").await;
        assert_eq!(home.attr("html", "lang").as_deref(), Some("de"));
        assert_eq!(home.text("h1"), "Deine gemeinsamen Konten");
        assert_eq!(
            home.text("main > p"),
            "Du bist noch in keinem gemeinsamen Konto. Eröffne unten eines oder bitte einen Mitbewohner um seinen Einladungslink."
        );
        // Amounts in German conventions.
        other.open_account("WG 3B", "Sam").await;
        let home = other.get("/").await;
        assert_eq!(home.text("ul.cards li p"), "Du: 0,00 € (ausgeglichen)");
        // The time zone's form speaks German too, its flash included.
        let zone = other
            .post("/settings/time-zone", &[("time_zone", "Europe/Berlin")])
            .await;
        zone.assert_redirect_to("/settings");
        let flash = other.get("/settings").await.text(".flash");
        assert!(
            flash.starts_with("Deine Zeitzone ist Europe/Berlin: Uhrzeiten und das heutige Datum"),
            "{flash}"
        );
        let refused = other
            .post("/settings/time-zone", &[("time_zone", "Mars/Olympus")])
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            refused.text(".error-summary"),
            "Bitte korrigiere das unten markierte Feld."
        );
        assert_eq!(
            refused.text("#time_zone-error"),
            collapsed(&sentence(&Lang::De.t("err-time-zone-unknown")))
        );
    });
}

fn sign_in_and_sign_up_messages_are_in_spanish(db: TestDb) {
    with_app(db, |app| async move {
        let es = app.browser_accepting("es");
        es.register("sam@example.org", "Sam").await;
        assert_eq!(
            es.get("/").await.text(".flash"),
            "¡Te damos la bienvenida a tally! Tu cuenta está lista."
        );
        es.post("/signout", &[]).await.assert_redirect_to("/signin");

        let wrong = es
            .post(
                "/signin",
                &[
                    ("email", "sam@example.org"),
                    ("password", "not the password"),
                ],
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(wrong.attr("html", "lang").as_deref(), Some("es"));
        assert_eq!(
            wrong.text("#signin-error"),
            "Ese correo electrónico y esa contraseña no corresponden a ninguna cuenta."
        );
        assert_eq!(
            wrong.attr("#email", "value").as_deref(),
            Some("sam@example.org")
        );

        let invalid = es
            .post(
                "/signup",
                &[
                    ("email", "not-an-email"),
                    ("display_name", "  "),
                    ("password", "short"),
                ],
            )
            .await;
        assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            invalid.text(".error-summary"),
            "Corrige los campos marcados abajo."
        );
        assert_eq!(
            invalid.text("#email-error"),
            sentence(&Lang::Es.t("err-email-invalid"))
        );
        assert_eq!(
            invalid.text("#display_name-error"),
            sentence(&Lang::Es.t("err-text-empty"))
        );
        let too_short = invalid.text("#password-error");
        assert!(too_short.contains("10"), "{too_short}");
        assert_ne!(too_short, "Use at least 10 characters.");
        assert_eq!(invalid.text("label[for=display_name]"), "Tu nombre");

        let taken = es
            .post(
                "/signup",
                &[
                    ("email", "SAM@example.org"),
                    ("display_name", "Sam"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            taken
                .text("#email-error")
                .starts_with("Ya existe una cuenta con este correo electrónico."),
            "{}",
            taken.text("#email-error")
        );

        // Changing the password: its messages and flash.
        es.sign_in("sam@example.org").await;
        let differ = es
            .post(
                "/settings/password",
                &[
                    ("current_password", PASSWORD),
                    ("new_password", "a brand new passphrase"),
                    ("confirm_password", "another passphrase"),
                ],
            )
            .await;
        assert_eq!(differ.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(differ.text("h1"), "Cambia tu contraseña");
        assert_eq!(
            differ.text("#confirm_password-error"),
            "Las dos contraseñas nuevas no coinciden."
        );
        es.post(
            "/settings/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "a brand new passphrase"),
                ("confirm_password", "a brand new passphrase"),
            ],
        )
        .await
        .assert_redirect_to("/");
        assert_eq!(
            es.get("/").await.text(".flash"),
            "Tu contraseña se ha cambiado. Se ha cerrado la sesión en los demás dispositivos."
        );
    });
}

fn a_missing_page_and_a_dead_reset_link_are_in_french(db: TestDb) {
    with_app(db, |app| async move {
        let fr = app.browser_accepting("fr-FR,fr;q=0.9");
        let missing = fr.get("/no/such/page").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert_eq!(missing.attr("html", "lang").as_deref(), Some("fr"));
        assert_eq!(missing.text("h1"), "Page introuvable");

        // Without mail, the dead link's page names the command to ask for, as code.
        let reset = fr.get("/reset?token=nothing-valid").await;
        assert_eq!(reset.status, StatusCode::OK);
        assert_eq!(reset.text("h1"), "Choisir un nouveau mot de passe");
        assert_eq!(reset.text(".notice code"), "tally reset-password");
        assert_eq!(
            reset.text(".notice"),
            collapsed(
                "Ce lien de réinitialisation n'est pas valide\u{a0}: il a déjà servi, a été \
                 remplacé par un plus récent ou date de plus d'une heure. Demandez-en un nouveau \
                 à la personne qui gère ce tally (elle doit lancer tally reset-password avec \
                 votre adresse e-mail)."
            )
        );
        let refused = fr
            .post(
                "/reset",
                &[
                    ("token", "nothing-valid"),
                    ("new_password", "a brand new passphrase"),
                    ("confirm_password", "a brand new passphrase"),
                ],
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            refused
                .text(".error-summary")
                .ends_with("Demandez-en un nouveau à la personne qui gère ce tally."),
            "{}",
            refused.text(".error-summary")
        );
    });
}

fn joining_an_account_speaks_german(db: TestDb) {
    with_app(db, |app| async move {
        let sam = app.browser();
        sam.register("sam@example.org", "Sam").await;
        let account = sam.open_account("WG 3B", "Sam").await;
        let members = sam.get(&format!("{account}/members")).await;
        let token = invite_token(&members.body).expect("an invite link");

        let kim = app.browser_accepting("de-DE,de;q=0.9");
        kim.register("kim@example.org", "Kim").await;
        let join = kim.get(&format!("/join/{token}")).await;
        assert_eq!(join.status, StatusCode::OK);
        assert_eq!(join.text("h1"), "WG 3B beitreten");
        assert_eq!(join.text("legend"), "Wer bist du in WG 3B?");
        assert_eq!(
            join.text("main form button[type=submit]"),
            "WG 3B beitreten"
        );
        // Sam joined already: only "a new member" is left to choose.
        assert_eq!(
            join.texts(".join-choices label"),
            ["Mich als neues Mitglied hinzufügen"]
        );
        // "Sam" is taken: the refusal explains, in German.
        let taken = kim
            .post(
                &format!("/join/{token}"),
                &[("choice", "new"), ("name", "Sam")],
            )
            .await;
        assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            taken.text("#name-error"),
            "Es gibt schon ein Mitglied namens Sam. Wenn du das bist, wähle oben „Ich bin Sam“; sonst ergänze eine Initiale, etwa „Sam B.“."
        );
        kim.post(
            &format!("/join/{token}"),
            &[("choice", "new"), ("name", "Kim")],
        )
        .await
        .assert_redirect_to("/accounts/");
        let welcome = kim.get(&account).await;
        assert_eq!(welcome.text(".flash"), "Willkommen in WG 3B!");
    });
}

/// Long enough for a loaded machine to hand the mail over; only a failure waits this long.
const MAIL_WAIT: Duration = Duration::from_secs(20);

fn the_reset_mail_is_in_the_persons_language(db: TestDb) {
    let smtp = FakeSmtp::start();
    let url = smtp.url.clone();
    with_app_configured(
        db,
        move |s| {
            s.smtp = Some(tally::config::SmtpSettings {
                url,
                from: "Tally <tally@example.org>".to_owned(),
            });
        },
        |app| async move {
            // Sam chose Spanish; someone asks for a link from a French browser.
            let sam = app.browser_accepting("es");
            sam.register("sam@example.org", "Sam").await;
            sam.post("/language", &[("lang", "es"), ("next", "/")])
                .await;
            let fr = app.browser_accepting("fr");
            let page = fr.get("/forgot").await;
            assert_eq!(page.text("h1"), "Mot de passe oublié ?");
            assert_eq!(
                page.text("main form button[type=submit]"),
                "M'envoyer un lien"
            );
            fr.post("/forgot", &[("email", "sam@example.org")])
                .await
                .assert_redirect_to("/signin");
            assert!(
                fr.get("/signin").await.text(".flash").starts_with(
                    "Si un compte existe pour cette adresse, nous y avons envoyé un lien."
                ),
                "the answer is in the asker's language"
            );
            let mail = tokio::task::block_in_place(|| smtp.next(MAIL_WAIT)).expect("a mail");
            let text = mail.text();
            assert!(text.contains("Hola, Sam:"), "{text}");
            assert!(
                text.contains("Abre este enlace para elegir una nueva:"),
                "{text}"
            );
            assert!(!text.contains("Hello Sam"), "{text}");
            assert!(mail.reset_token().is_some(), "{text}");
        },
    );
}

backend_tests!(
    the_sign_in_page_speaks_the_browsers_language,
    a_visitor_switches_the_sign_in_page_in_the_footer_and_keeps_the_language,
    the_language_chosen_in_the_settings_follows_the_person_to_a_new_browser,
    sign_in_and_sign_up_messages_are_in_spanish,
    a_missing_page_and_a_dead_reset_link_are_in_french,
    joining_an_account_speaks_german,
    the_reset_mail_is_in_the_persons_language,
);
