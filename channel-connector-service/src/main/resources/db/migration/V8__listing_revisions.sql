-- Revisions sent per listing per marketplace day (issue 15): eBay blocks a listing revised 250 times in one calendar
-- day (Pacific time), so the worker counts every listing it sends here, in the transaction that lets it go, and holds
-- a listing's pushes from 240 on. Kept in the database: a count lost at a restart could let a listing over the cap.
CREATE TABLE channel_listing_revision (
    channel    TEXT NOT NULL REFERENCES channel (id) ON DELETE CASCADE,
    listing_id TEXT NOT NULL,
    day        DATE NOT NULL,
    revisions  INT NOT NULL,
    PRIMARY KEY (channel, day, listing_id)
);

-- A pair held back (a listing at its day's revision cap) until this time; its wanted quantity keeps moving meanwhile.
ALTER TABLE sync_state ADD COLUMN held_until TIMESTAMPTZ;
