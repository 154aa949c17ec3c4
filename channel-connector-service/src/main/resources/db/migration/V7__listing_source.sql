-- Where a SKU's listing came from: a seller's import (pinned: a lookup never replaces it) or a lookup by SKU on the
-- marketplace (issue 15). Mappings from before this were all imported.
ALTER TABLE channel_listing
    ADD COLUMN source   TEXT NOT NULL DEFAULT 'IMPORTED' CHECK (source IN ('IMPORTED', 'FOUND')),
    ADD COLUMN found_at TIMESTAMPTZ;
