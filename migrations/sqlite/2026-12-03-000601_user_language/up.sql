-- The language each person chose for tally's pages (en, es, fr, de); NULL until they
-- choose one (their browser's Accept-Language meanwhile).
ALTER TABLE users ADD COLUMN language VARCHAR(8) NULL;
