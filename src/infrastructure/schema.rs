//! Diesel table definitions, written by hand so both backends share them
//! (`Timestamp` for DATETIME(6), `Binary` for UUIDs).

diesel::table! {
    events (position) {
        position -> BigInt,
        event_id -> Binary,
        aggregate_type -> Text,
        aggregate_id -> Binary,
        version -> BigInt,
        event_type -> Text,
        schema_version -> Integer,
        payload -> Text,
        metadata -> Text,
        recorded_at -> Timestamp,
        subject_id -> Nullable<Binary>,
    }
}

diesel::table! {
    snapshots (aggregate_id) {
        aggregate_id -> Binary,
        aggregate_type -> Text,
        version -> BigInt,
        schema_version -> Integer,
        state -> Text,
        taken_at -> Timestamp,
    }
}

diesel::table! {
    snapshot_history (aggregate_id, version) {
        aggregate_id -> Binary,
        version -> BigInt,
        aggregate_type -> Text,
        schema_version -> Integer,
        state -> Text,
        taken_at -> Timestamp,
        latest -> Nullable<Text>,
    }
}

diesel::table! {
    accounts (account_id) {
        account_id -> Binary,
        name -> Text,
        currency_code -> Text,
        minor_units -> SmallInt,
        version -> BigInt,
        opened_at -> Timestamp,
        updated_at -> Timestamp,
        time_zone -> Text,
        expense_count -> BigInt,
        live_expense_count -> BigInt,
        live_expense_total -> BigInt,
        roster_version -> BigInt,
    }
}

diesel::table! {
    members (member_id) {
        member_id -> Binary,
        account_id -> Binary,
        join_order -> Integer,
        name -> Text,
        user_id -> Nullable<Binary>,
        active -> Bool,
        paid -> BigInt,
        owed -> BigInt,
        sent -> BigInt,
        received -> BigInt,
        net -> BigInt,
    }
}

diesel::table! {
    expenses (expense_id) {
        expense_id -> Binary,
        account_id -> Binary,
        payer_id -> Binary,
        amount -> BigInt,
        description -> Text,
        expense_date -> Date,
        split_mode -> Text,
        split -> Text,
        participant_count -> Integer,
        deleted -> Bool,
        revision -> Integer,
        recorded_position -> BigInt,
        recorded_at -> Timestamp,
        updated_at -> Timestamp,
        category_id -> Nullable<Binary>,
        schedule_id -> Nullable<Binary>,
        kind -> Text,
        paid_in -> Nullable<Text>,
        abroad -> Bool,
    }
}

diesel::table! {
    expense_shares (expense_id, member_id) {
        expense_id -> Binary,
        member_id -> Binary,
        account_id -> Binary,
        amount -> BigInt,
    }
}

diesel::table! {
    transfers (transfer_id) {
        transfer_id -> Binary,
        account_id -> Binary,
        from_member_id -> Binary,
        to_member_id -> Binary,
        amount -> BigInt,
        transfer_date -> Date,
        recorded_position -> BigInt,
        recorded_at -> Timestamp,
        deleted -> Bool,
        revision -> Integer,
    }
}

diesel::table! {
    user_accounts (user_id, account_id) {
        user_id -> Binary,
        account_id -> Binary,
        member_id -> Binary,
    }
}

diesel::table! {
    users (user_id) {
        user_id -> Binary,
        email -> Text,
        email_key -> Text,
        display_name -> Text,
        password_hash -> Text,
        created_at -> Timestamp,
        time_zone -> Nullable<Text>,
        language -> Nullable<Text>,
    }
}

diesel::table! {
    user_sessions (token_hash) {
        token_hash -> Binary,
        user_id -> Binary,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
    }
}

diesel::table! {
    sign_in_attempts (bucket) {
        bucket -> Binary,
        window_start -> Timestamp,
        attempts -> Integer,
    }
}

diesel::table! {
    account_invites (account_id) {
        account_id -> Binary,
        nonce -> Binary,
        token_hash -> Binary,
        created_at -> Timestamp,
    }
}

diesel::table! {
    categories (account_id, category_id) {
        account_id -> Binary,
        category_id -> Binary,
        name -> Text,
        archived -> Bool,
        sort_order -> Integer,
    }
}

diesel::table! {
    schedules (schedule_id) {
        schedule_id -> Binary,
        account_id -> Binary,
        description -> Text,
        amount -> BigInt,
        payer_id -> Binary,
        category_id -> Nullable<Binary>,
        split_mode -> Text,
        recurrence_unit -> Text,
        recurrence_every -> Integer,
        start_date -> Date,
        until_date -> Nullable<Date>,
        status -> Text,
        next_date -> Nullable<Date>,
        paused_because -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    monthly_totals (account_id, month, member_id, category_id) {
        account_id -> Binary,
        month -> Date,
        member_id -> Binary,
        category_id -> Binary,
        paid -> BigInt,
        owed -> BigInt,
    }
}

diesel::table! {
    password_resets (token_hash) {
        token_hash -> Binary,
        user_id -> Binary,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    import_uploads (user_id, file_hash) {
        user_id -> Binary,
        file_hash -> Text,
        bytes -> Binary,
        created_at -> Timestamp,
    }
}

diesel::table! {
    exchange_rates (account_id, rate_date) {
        account_id -> Binary,
        rate_date -> Date,
        rates -> Text,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    categories,
    schedules,
    monthly_totals,
    events,
    accounts,
    members,
    expenses,
    expense_shares,
    transfers,
    user_accounts,
    users,
    user_sessions,
    sign_in_attempts,
    account_invites,
    password_resets,
    import_uploads,
    snapshots,
    snapshot_history,
);
