//! The event store and migrations, on every backend.

mod common;

use common::*;
use diesel::prelude::*;
use tally::clock::now_micros;
use tally::domain::*;
use tally::event_sourcing::{Aggregate, EventEnvelope, Metadata};
use tally::infrastructure::event_store::{self, StoreError};
use tally::infrastructure::schema::events;
use uuid::Uuid;

fn envelope(aggregate: Uuid, version: i64, event: AccountEvent) -> EventEnvelope<AccountEvent> {
    EventEnvelope {
        position: None,
        event_id: Uuid::now_v7(),
        aggregate_type: SharedAccount::TYPE,
        aggregate_id: aggregate,
        version,
        recorded_at: now_micros(),
        metadata: Metadata {
            user_id: Some(Uuid::now_v7()),
            request_id: Some("req-42".into()),
            import: None,
        },
        event,
    }
}

fn renamed(name: &str) -> AccountEvent {
    AccountEvent::AccountRenamed {
        name: AccountName::parse(name).expect("name"),
    }
}

fn appended_events_come_back_exactly(db: TestDb) {
    let mut conn = db.conn();
    let aggregate = Uuid::now_v7();
    let mut written = vec![
        envelope(
            aggregate,
            1,
            AccountEvent::AccountOpened {
                name: AccountName::parse("Flat").expect("name"),
                currency: eur(),
            },
        ),
        envelope(aggregate, 2, renamed("Flat 2 — Zoë's")),
    ];
    event_store::append(&mut conn, &mut written).expect("append");
    assert!(
        written.iter().all(|e| e.position.is_some()),
        "positions assigned"
    );
    assert!(written[0].position < written[1].position, "positions grow");
    let read = event_store::load::<SharedAccount>(&mut conn, aggregate, 0).expect("load");
    assert_eq!(read, written, "every field survives, microseconds included");
    let after_first = event_store::load::<SharedAccount>(&mut conn, aggregate, 1).expect("load");
    assert_eq!(after_first, written[1..].to_vec());
}

fn a_taken_version_is_a_conflict(db: TestDb) {
    let mut conn = db.conn();
    let aggregate = Uuid::now_v7();
    event_store::append(&mut conn, &mut [envelope(aggregate, 1, renamed("A"))]).expect("first");
    let err = event_store::append(&mut conn, &mut [envelope(aggregate, 1, renamed("B"))])
        .expect_err("same version refused");
    assert!(matches!(err, StoreError::Conflict), "got {err:?}");
    let count: i64 = events::table.count().get_result(&mut conn).expect("count");
    assert_eq!(count, 1);
    // The same version of another aggregate is fine.
    event_store::append(&mut conn, &mut [envelope(Uuid::now_v7(), 1, renamed("C"))])
        .expect("other aggregate");
}

fn an_unknown_event_type_is_reported_not_guessed(db: TestDb) {
    let mut conn = db.conn();
    let aggregate = Uuid::now_v7();
    diesel::insert_into(events::table)
        .values((
            events::event_id.eq(Uuid::now_v7().as_bytes().as_slice()),
            events::aggregate_type.eq(SharedAccount::TYPE),
            events::aggregate_id.eq(aggregate.as_bytes().as_slice()),
            events::version.eq(1_i64),
            events::event_type.eq("account_exploded"),
            events::schema_version.eq(1),
            events::payload.eq("{}"),
            events::metadata.eq("{}"),
            events::recorded_at.eq(now_micros().naive_utc()),
        ))
        .execute(&mut conn)
        .expect("raw insert");
    let err = event_store::load::<SharedAccount>(&mut conn, aggregate, 0).expect_err("refused");
    assert!(matches!(err, StoreError::Decode { .. }), "got {err:?}");
}

/// How many migrations the project has (the same for both backends).
fn migration_count() -> usize {
    let count = |backend: &str| {
        std::fs::read_dir(format!(
            "{}/migrations/{backend}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("migrations folder")
        .filter(|entry| entry.as_ref().is_ok_and(|e| e.path().is_dir()))
        .count()
    };
    assert_eq!(count("sqlite"), count("mysql"), "one migration per backend");
    count("sqlite")
}

fn migrations_revert_and_reapply(db: TestDb) {
    let mut conn = db.conn();
    let reverted = conn.revert_all_migrations().expect("down.sql files work");
    assert_eq!(reverted, migration_count());
    assert!(
        events::table.count().get_result::<i64>(&mut conn).is_err(),
        "events table gone"
    );
    assert_eq!(conn.run_migrations().expect("up again"), migration_count());
    assert_eq!(conn.run_migrations().expect("nothing pending"), 0);
}

/// Several processes starting at once against an empty database (instances on each node of
/// a cluster): the migration lock lets one apply the migrations; the others wait and find
/// nothing pending. Without it two ran `CREATE TABLE` and one failed.
fn migrations_started_at_once_apply_once(db: TestDb) {
    let reverted = db
        .conn()
        .revert_all_migrations()
        .expect("down.sql files work");
    assert_eq!(reverted, migration_count());
    let start = std::sync::Arc::new(std::sync::Barrier::new(3));
    let runners: Vec<_> = (0..3)
        .map(|_| {
            let url = db.url.clone();
            let start = start.clone();
            std::thread::spawn(move || {
                // Wait at the barrier even when the connection failed: a runner that panics
                // before it would leave the others waiting for ever.
                let conn = url.connect();
                start.wait();
                conn?.run_migrations()
            })
        })
        .collect();
    let applied: Vec<usize> = runners
        .into_iter()
        .map(|r| r.join().expect("runner").expect("migrations apply"))
        .collect();
    assert_eq!(
        applied.iter().sum::<usize>(),
        migration_count(),
        "applied per process: {applied:?}"
    );
    let mut conn = db.conn();
    assert_eq!(conn.run_migrations().expect("nothing pending"), 0);
    assert_eq!(
        events::table
            .count()
            .get_result::<i64>(&mut conn)
            .expect("events table"),
        0
    );
}

backend_tests!(
    migrations_started_at_once_apply_once,
    appended_events_come_back_exactly,
    a_taken_version_is_a_conflict,
    an_unknown_event_type_is_reported_not_guessed,
    migrations_revert_and_reapply,
);
