-- Rebound's first schema: accounts, setbacks, drafts, what was set aside, installation secrets.
-- Applied once by core/storage/postgres.py (recorded in schema_migrations), in one transaction.

-- One row per account. user_id is core.storage.backend.user_id(username): the username trimmed,
-- NFC-normalised, case-folded and hashed, so "Sam", "SAM" and "straße"/"STRASSE" are one name,
-- exactly as the files backend's folder names. email_id is email_id(email), likewise folded;
-- NULL for an account without an email. Both are unique by constraint: two servers registering
-- the same name or email at once end with one account.
CREATE TABLE accounts (
    user_id    text PRIMARY KEY CHECK (user_id ~ '^u[0-9a-f]{40}$'),
    username   text NOT NULL,
    email_id   text UNIQUE CHECK (email_id ~ '^e[0-9a-f]{40}$'),
    -- The core.storage.Account record as JSON (json, not jsonb: kept as written, any character).
    record     json NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now()
);

-- One row per setback: the JSON document whose top-level keys are its stages, as bytes (the
-- store may hand over ciphertext). A save locks the row, replaces one key and writes a new
-- version, all in one transaction, so saves of different stages never undo each other.
CREATE TABLE setbacks (
    user_id    text NOT NULL REFERENCES accounts (user_id) ON DELETE CASCADE,
    setback_id text NOT NULL CHECK (setback_id ~ '^[0-9a-f]{32}$'),
    doc        bytea NOT NULL,
    version    uuid NOT NULL DEFAULT gen_random_uuid(),
    written_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, setback_id)
);

-- One unsaved draft per setback and stage. Tied to the account, not the setback row, so that
-- setting a damaged setback aside never takes its drafts with it; deleting a setback deletes
-- its drafts in the same transaction.
CREATE TABLE drafts (
    user_id    text NOT NULL REFERENCES accounts (user_id) ON DELETE CASCADE,
    setback_id text NOT NULL CHECK (setback_id ~ '^[0-9a-f]{32}$'),
    stage      text NOT NULL CHECK (stage ~ '^[a-z_]{1,40}$'),
    raw        bytea NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, setback_id, stage)
);

-- Setbacks that could not be read, moved here whole (never deleted) with the reason.
CREATE TABLE set_aside (
    id           bigserial PRIMARY KEY,
    user_id      text NOT NULL REFERENCES accounts (user_id) ON DELETE CASCADE,
    setback_id   text NOT NULL,
    reason       text NOT NULL,
    doc          bytea NOT NULL,
    set_aside_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX set_aside_by_person ON set_aside (user_id);

-- Installation secrets (the cookie signing key), made once and shared by every server.
CREATE TABLE secrets (
    name    text PRIMARY KEY CHECK (name ~ '^[a-z_]{1,40}$'),
    value   text NOT NULL,
    made_at timestamptz NOT NULL DEFAULT now()
);
