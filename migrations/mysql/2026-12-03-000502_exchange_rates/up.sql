-- Reference rates an account's members uploaded (the ECB's CSV): per day, each currency's units
-- per euro as JSON ({"USD":"1.0707",…}). Not event sourced: a helper that proposes the rate an
-- expense in another currency is recorded at; the expense's event keeps the rate it used.
CREATE TABLE exchange_rates (
    account_id BINARY(16) NOT NULL,
    rate_date DATE NOT NULL,
    rates TEXT NOT NULL,
    PRIMARY KEY (account_id, rate_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
