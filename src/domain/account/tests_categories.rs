//! Categories and the time zone, one given / when / then scenario per rule, and replaying
//! expense events written before categories existed (schema version 1).

use super::tests::{Flat, account, expense, fold, recorded};
use super::*;
use crate::domain::ids::{CategoryId, ExpenseId};
use crate::domain::names::CategoryName;
use crate::domain::time_zone::TimeZone;
use crate::event_sourcing::DomainEvent;

fn name(s: &str) -> CategoryName {
    CategoryName::parse(s).expect("valid category name")
}

fn default_id(index: usize) -> CategoryId {
    CategoryId(uuid::Uuid::from_u128(DEFAULT_CATEGORIES[index].0))
}

#[test]
fn every_account_starts_with_the_default_categories() {
    let state = fold(&Flat::new().opened());
    let names: Vec<&str> = state.categories.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "Rent",
            "Utilities",
            "Internet & phone",
            "Groceries",
            "Household",
            "Eating out",
            "Transport",
            "Other"
        ]
    );
    assert!(state.categories.iter().all(|c| !c.archived));
}

#[test]
fn adding_a_category_records_it() {
    let id = CategoryId::new();
    account(Flat::new().opened())
        .when(AccountCommand::AddCategory {
            category_id: id,
            name: name("Cleaner"),
        })
        .then(vec![AccountEvent::CategoryAdded {
            category_id: id,
            name: name("Cleaner"),
        }]);
}

#[test]
fn adding_a_category_whose_name_differs_only_in_case_is_refused() {
    account(Flat::new().opened())
        .when(AccountCommand::AddCategory {
            category_id: CategoryId::new(),
            name: name("GROCERIES"),
        })
        .then_error(AccountError::CategoryNameTaken {
            name: "Groceries".to_owned(),
            archived: false,
        });
}

#[test]
fn adding_the_name_of_an_archived_category_suggests_restoring_it() {
    let given = super::tests::with(
        Flat::new().opened(),
        [AccountEvent::CategoryArchived {
            category_id: default_id(6),
        }],
    );
    let outcome = account(given).when(AccountCommand::AddCategory {
        category_id: CategoryId::new(),
        name: name("transport"),
    });
    let error = outcome.0.expect_err("refused");
    assert_eq!(
        error,
        AccountError::CategoryNameTaken {
            name: "Transport".to_owned(),
            archived: true
        }
    );
    assert!(error.to_string().contains("restore it"), "{error}");
}

#[test]
fn adding_the_same_category_twice_changes_nothing_and_reusing_its_id_is_refused() {
    let id = CategoryId::new();
    let given = super::tests::with(
        Flat::new().opened(),
        [AccountEvent::CategoryAdded {
            category_id: id,
            name: name("Cleaner"),
        }],
    );
    account(given.clone())
        .when(AccountCommand::AddCategory {
            category_id: id,
            name: name("Cleaner"),
        })
        .then_nothing();
    account(given)
        .when(AccountCommand::AddCategory {
            category_id: id,
            name: name("Gardener"),
        })
        .then_error(AccountError::CategoryIdTaken);
}

#[test]
fn renaming_a_category_records_the_new_name_and_refuses_a_taken_one() {
    account(Flat::new().opened())
        .when(AccountCommand::RenameCategory {
            category_id: default_id(0),
            name: name("Rent & service charge"),
        })
        .then(vec![AccountEvent::CategoryRenamed {
            category_id: default_id(0),
            name: name("Rent & service charge"),
        }]);
    account(Flat::new().opened())
        .when(AccountCommand::RenameCategory {
            category_id: default_id(0),
            name: name("other"),
        })
        .then_error(AccountError::CategoryNameTaken {
            name: "Other".to_owned(),
            archived: false,
        });
    account(Flat::new().opened())
        .when(AccountCommand::RenameCategory {
            category_id: default_id(0),
            name: name("Rent"),
        })
        .then_nothing();
}

#[test]
fn a_category_may_change_only_the_case_of_its_own_name() {
    account(Flat::new().opened())
        .when(AccountCommand::RenameCategory {
            category_id: default_id(0),
            name: name("RENT"),
        })
        .then(vec![AccountEvent::CategoryRenamed {
            category_id: default_id(0),
            name: name("RENT"),
        }]);
}

#[test]
fn archiving_and_restoring_toggle_and_repeat_harmlessly() {
    let archived = super::tests::with(
        Flat::new().opened(),
        [AccountEvent::CategoryArchived {
            category_id: default_id(1),
        }],
    );
    assert!(
        fold(&archived)
            .category(default_id(1))
            .expect("known")
            .archived
    );
    account(archived.clone())
        .when(AccountCommand::ArchiveCategory {
            category_id: default_id(1),
        })
        .then_nothing();
    account(archived)
        .when(AccountCommand::RestoreCategory {
            category_id: default_id(1),
        })
        .then(vec![AccountEvent::CategoryRestored {
            category_id: default_id(1),
        }]);
    account(Flat::new().opened())
        .when(AccountCommand::ArchiveCategory {
            category_id: CategoryId::new(),
        })
        .then_error(AccountError::UnknownCategory);
}

#[test]
fn an_expense_may_have_a_category_of_the_account() {
    let f = Flat::new();
    let details = ExpenseDetails {
        category: Some(default_id(3)),
        ..expense(f.sam, &[f.sam], 1000)
    };
    let events = account(f.opened())
        .when(AccountCommand::RecordExpense {
            expense_id: ExpenseId::new(),
            details: details.clone(),
        })
        .0
        .expect("accepted");
    assert!(
        matches!(&events[..], [AccountEvent::ExpenseRecorded { details: d, .. }] if d.category == Some(default_id(3)))
    );
    account(f.opened())
        .when(AccountCommand::RecordExpense {
            expense_id: ExpenseId::new(),
            details: ExpenseDetails {
                category: Some(CategoryId::new()),
                ..details
            },
        })
        .then_error(AccountError::UnknownCategory);
}

#[test]
fn a_new_expense_cannot_get_an_archived_category_but_one_that_has_it_keeps_it() {
    let f = Flat::new();
    let id = ExpenseId::new();
    let details = ExpenseDetails {
        category: Some(default_id(5)),
        ..expense(f.sam, &[f.sam], 1000)
    };
    let given = super::tests::with(
        f.opened(),
        [
            recorded(id, &details),
            AccountEvent::CategoryArchived {
                category_id: default_id(5),
            },
        ],
    );
    account(given.clone())
        .when(AccountCommand::RecordExpense {
            expense_id: ExpenseId::new(),
            details: details.clone(),
        })
        .then_error(AccountError::CategoryArchived("Eating out".to_owned()));
    // Correcting the amount of the expense that already has it is fine.
    let outcome = account(given).when(AccountCommand::CorrectExpense {
        expense_id: id,
        details: ExpenseDetails {
            amount: crate::domain::money::Money(1200),
            ..details
        },
        expected_revision: Some(1),
    });
    assert!(outcome.0.is_ok(), "{:?}", outcome.0);
}

#[test]
fn setting_the_time_zone_records_it_once() {
    let madrid = TimeZone::parse("Europe/Madrid").expect("known");
    account(Flat::new().opened())
        .when(AccountCommand::SetTimeZone { time_zone: madrid })
        .then(vec![AccountEvent::TimeZoneSet { time_zone: madrid }]);
    account(Flat::new().opened())
        .when(AccountCommand::SetTimeZone {
            time_zone: TimeZone::UTC,
        })
        .then_nothing();
}

/// Payloads as version 1 wrote them, before categories and schedules: they still replay.
#[test]
fn expense_events_written_at_schema_version_one_replay_without_category_or_schedule() {
    let f = Flat::new();
    let id = ExpenseId::new();
    let v1_recorded = format!(
        r#"{{"expense_id":"{id}","details":{{"payer":"{sam}","amount":1000,"description":"Dinner","date":"2026-11-20","split":{{"mode":"equally","participants":["{sam}","{alex}"]}}}},"shares":[{{"member_id":"{sam}","amount":500}},{{"member_id":"{alex}","amount":500}}]}}"#,
        sam = f.sam,
        alex = f.alex
    );
    let v1_corrected = v1_recorded.replace("1000", "1200").replace("500", "600");
    let recorded = AccountEvent::from_stored(event_types::EXPENSE_RECORDED, 1, &v1_recorded)
        .expect("version 1 decodes");
    let corrected = AccountEvent::from_stored(event_types::EXPENSE_CORRECTED, 1, &v1_corrected)
        .expect("version 1 decodes");
    let AccountEvent::ExpenseRecorded {
        details,
        from_schedule,
        ..
    } = &recorded
    else {
        panic!("{recorded:?}");
    };
    assert_eq!(details.category, None);
    assert_eq!(*from_schedule, None);
    let mut history = f.opened();
    history.push(super::tests::added(f.alex, "Alex"));
    history.extend([recorded, corrected]);
    let state = fold(&history);
    assert_eq!(super::tests::net(&state, f.sam), 600);
    assert_eq!(super::tests::net(&state, f.alex), -600);
    // Version 4 does not exist yet.
    assert!(AccountEvent::from_stored(event_types::EXPENSE_RECORDED, 4, &v1_recorded).is_err());
}
