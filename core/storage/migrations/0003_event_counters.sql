-- Event counters for the sign-in and sign-up limits (Backend.count_event), shared by every server.
-- key_id is a digest of what is counted (a client address, a folded username), never the text
-- itself. last_at is the time of the last counted event (the window runs from it); touched_at is
-- when the row was last written, by this database's clock, so rows nobody touched for two days
-- can be removed at start whatever times the callers passed.
CREATE TABLE event_counters (
    key_id     text PRIMARY KEY CHECK (key_id ~ '^c[0-9a-f]{40}$'),
    count      integer NOT NULL CHECK (count >= 0),
    last_at    timestamptz NOT NULL,
    touched_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_counters_by_touch ON event_counters (touched_at);
