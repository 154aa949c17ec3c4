-- The ledger export reads a date range: without this it would scan the whole ledger for a recent day.
CREATE INDEX movement_created_at ON movement (created_at);
