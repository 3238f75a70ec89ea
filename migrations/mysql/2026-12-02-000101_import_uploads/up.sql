-- Files uploaded to the import page, kept between the preview and the confirmation (an hour
-- at most) so that what is imported is exactly what was previewed: the confirm form names the
-- file by its SHA-256, the bytes never travel back through the browser. Keyed by uploader.
-- MEDIUMBLOB holds 16 MiB, above the 10 MiB upload limit.
CREATE TABLE import_uploads (
    user_id BINARY(16) NOT NULL,
    file_hash CHAR(64) NOT NULL,
    bytes MEDIUMBLOB NOT NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (user_id, file_hash),
    KEY import_uploads_created (created_at)
) ENGINE=InnoDB;
