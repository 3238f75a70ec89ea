-- Files uploaded to the import page, kept between the preview and the confirmation (an hour
-- at most) so that what is imported is exactly what was previewed: the confirm form names the
-- file by its SHA-256, the bytes never travel back through the browser. Keyed by uploader.
CREATE TABLE import_uploads (
    user_id BLOB NOT NULL,
    file_hash TEXT NOT NULL,
    bytes BLOB NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, file_hash)
);
CREATE INDEX import_uploads_created ON import_uploads (created_at);
