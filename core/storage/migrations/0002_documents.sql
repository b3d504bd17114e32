-- A few named documents per person (the prep sheet, "prep"), kept as the bytes the store hands
-- over (perhaps ciphertext), and the documents that could not be read, moved aside whole.
-- Applied once by core/storage/postgres.py (recorded in schema_migrations), in one transaction.

-- One row per person and document name; saving replaces the row in one statement.
CREATE TABLE documents (
    user_id    text NOT NULL REFERENCES accounts (user_id) ON DELETE CASCADE,
    name       text NOT NULL CHECK (name ~ '^[a-z_]{1,40}$'),
    raw        bytea NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, name)
);

-- Documents that could not be read, moved here whole (never deleted); they go with the account.
CREATE TABLE documents_set_aside (
    id           bigserial PRIMARY KEY,
    user_id      text NOT NULL REFERENCES accounts (user_id) ON DELETE CASCADE,
    name         text NOT NULL,
    raw          bytea NOT NULL,
    set_aside_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_set_aside_by_person ON documents_set_aside (user_id);
