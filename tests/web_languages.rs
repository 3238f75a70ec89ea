//! Every page in every language: each GET route of `tally::web::routes::all()` is rendered for
//! a member whose browser asks for Spanish, French or German, and its HTML must carry the
//! right `<html lang>` and none of the English messages' words (what a template or the code
//! would show if a message were left out or written in English). The English words looked
//! for are derived from the English messages, so a new message is covered the moment it is
//! added.

mod common;

use common::TestDb;
use common::web::*;
use reqwest::StatusCode;
use scraper::{Html, Node};
use std::collections::BTreeSet;
use tally::domain::{AccountId, MemberId, MemberName};
use tally::i18n::{Lang, message_ids};
use tally::web::routes;

/// Pieces of the English messages that would give away English on another language's page:
/// the text between variables, when it has a word of five letters or two words, and the
/// language has no message with the same text (a word like "Total" may be the same).
fn english_giveaways(lang: Lang) -> Vec<(String, String)> {
    let mut theirs = String::new();
    for (_, id) in message_ids(lang) {
        theirs.push_str(&lang.t(&id));
        theirs.push('\n');
    }
    let mut out = BTreeSet::new();
    for (_, id) in message_ids(Lang::En) {
        // Each language is offered in its own name ("English") on every page.
        if id == "language-name" {
            continue;
        }
        let english = Lang::En.t(&id);
        // Without arguments a variable shows as `{$name}`; the text around it is the message's.
        for piece in english.split(['{', '}']) {
            let piece = piece.trim_matches(|c: char| !c.is_alphanumeric());
            if piece.starts_with('$') || piece.is_empty() {
                continue;
            }
            let words: Vec<&str> = piece.split_whitespace().collect();
            let long_word = words
                .iter()
                .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 5);
            if !(words.len() >= 2 || long_word) {
                continue;
            }
            if theirs.contains(piece) {
                continue;
            }
            out.insert((piece.to_owned(), id.clone()));
        }
    }
    out.into_iter().collect()
}

/// What a person reads on a page: its text and the attributes read out or shown.
fn readable(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut out = Vec::new();
    for node in doc.tree.nodes() {
        match node.value() {
            Node::Text(text) => {
                let inside_script = node.ancestors().any(|a| {
                    a.value()
                        .as_element()
                        .is_some_and(|e| matches!(e.name(), "script" | "style"))
                });
                if !inside_script && !text.trim().is_empty() {
                    out.push(text.trim().to_owned());
                }
            }
            Node::Element(e) => {
                for attribute in ["aria-label", "placeholder", "title", "alt"] {
                    if let Some(v) = e.attr(attribute) {
                        out.push(v.to_owned());
                    }
                }
                if e.name() == "input" && matches!(e.attr("type"), Some("submit" | "button")) {
                    out.extend(e.attr("value").map(str::to_owned));
                }
            }
            _ => {}
        }
    }
    out
}

fn html_lang(html: &str) -> Option<String> {
    let doc = Html::parse_document(html);
    let selector = scraper::Selector::parse("html").expect("selector");
    doc.select(&selector)
        .next()
        .and_then(|e| e.value().attr("lang").map(str::to_owned))
}

/// The account's path parameters, filled with things that exist.
struct Fixtures {
    account: AccountId,
    expense: String,
    transfer: String,
    member: MemberId,
    schedule: String,
    category: String,
}

impl Fixtures {
    fn fill(&self, pattern: &str) -> Option<String> {
        let mut path = pattern.to_owned();
        for (name, value) in [
            ("{account_id}", self.account.to_string()),
            ("{expense_id}", self.expense.clone()),
            ("{transfer_id}", self.transfer.clone()),
            ("{member_id}", self.member.to_string()),
            ("{schedule_id}", self.schedule.clone()),
            ("{category_id}", self.category.clone()),
        ] {
            path = path.replace(name, &value);
        }
        // Invite and reset links need tokens of their own; the pages are visited below.
        (!path.contains('{')).then_some(path)
    }
}

fn every_page_in_every_language(db: TestDb) {
    with_app(db, |app| async move {
        let a = app.me();
        a.register("alex@example.org", "Alex").await;
        let account_path = a.open_account("Flat X", "Alex").await;
        let account: AccountId = account_path
            .trim_start_matches("/accounts/")
            .parse()
            .expect("account id");
        let dashboard = a.get(&account_path).await;
        let alex: MemberId = dashboard
            .attr("#payer option[selected]", "value")
            .expect("Alex's member id")
            .parse()
            .expect("member id");
        let mut conn = app.db.conn();
        let morgan = MemberId::new();
        common::run(
            &mut conn,
            account,
            tally::domain::AccountCommand::AddMember {
                member_id: morgan,
                name: MemberName::parse("Morgan").expect("name"),
                user_id: None,
            },
        );
        let flat = common::Flat {
            account,
            members: vec![alex, morgan],
            opener: tally::domain::UserId::new(),
        };
        let expense = common::record(
            &mut conn,
            &flat,
            common::expense(alex, 123_456, "Mercadona", &[alex, morgan]),
        );
        let transfer = tally::domain::TransferId::new();
        common::run(
            &mut conn,
            account,
            tally::domain::AccountCommand::RecordTransfer {
                transfer_id: transfer,
                details: tally::domain::TransferDetails {
                    from: morgan,
                    to: alex,
                    amount: tally::domain::Money(500),
                    date: common::today(),
                },
            },
        );
        let schedule = tally::domain::ScheduleId::new();
        common::run(
            &mut conn,
            account,
            tally::domain::AccountCommand::CreateSchedule {
                schedule_id: schedule,
                details: tally::domain::ScheduleDetails {
                    expense: common::expense(alex, 90_000, "Piso", &[alex, morgan]),
                    recurrence: tally::domain::Recurrence::monthly(),
                    until: None,
                },
            },
        );
        let category = tally::domain::CategoryId::new();
        common::run(
            &mut conn,
            account,
            tally::domain::AccountCommand::AddCategory {
                category_id: category,
                name: tally::domain::CategoryName::parse("Cleaner").expect("name"),
            },
        );
        let fixtures = Fixtures {
            account,
            expense: expense.to_string(),
            transfer: transfer.to_string(),
            member: morgan,
            schedule: schedule.to_string(),
            category: category.to_string(),
        };
        let invite = invite_token(&a.get(&format!("{account_path}/members")).await.body)
            .expect("an invite link on the members page");

        let mut problems = Vec::new();
        let mut pages = 0;
        for lang in [Lang::Es, Lang::Fr, Lang::De] {
            let giveaways = english_giveaways(lang);
            let member = app.browser_in(lang);
            member.sign_in("alex@example.org").await;
            let visitor = app.browser_in(lang);
            let mut visits: Vec<(&Browser, String)> = Vec::new();
            for route in routes::all() {
                if route.method != "get" {
                    continue;
                }
                let Some(path) = fixtures.fill(route.path) else {
                    continue;
                };
                let who = if matches!(route.access, routes::Access::Public) {
                    &visitor
                } else {
                    &member
                };
                visits.push((who, path));
            }
            visits.push((&visitor, format!("/join/{invite}")));
            visits.push((&member, format!("/join/{invite}")));
            visits.push((&member, "/no/such/page".to_owned()));
            visits.push((&member, format!("{account_path}/expenses/new?amount=x")));
            for (who, path) in visits {
                let page = who.get(&path).await;
                let is_html = page
                    .headers
                    .get(reqwest::header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|v| v.starts_with("text/html"));
                if !is_html || page.status == StatusCode::SEE_OTHER {
                    continue;
                }
                pages += 1;
                if html_lang(&page.body).as_deref() != Some(lang.code()) {
                    problems.push(format!(
                        "{}: {path}: <html lang> is not {}",
                        lang.code(),
                        lang.code()
                    ));
                }
                for text in readable(&page.body) {
                    for (piece, id) in &giveaways {
                        if text.contains(piece.as_str()) {
                            problems.push(format!(
                                "{}: {path}: English \"{piece}\" (from {id}) in \"{text}\"",
                                lang.code()
                            ));
                        }
                    }
                }
            }
        }
        println!("{pages} pages checked in Spanish, French and German");
        assert!(pages > 60, "only {pages} pages were checked");
        problems.sort();
        problems.dedup();
        assert!(
            problems.is_empty(),
            "English left on translated pages:\n{}",
            problems.join("\n")
        );
    });
}

backend_tests!(every_page_in_every_language);
