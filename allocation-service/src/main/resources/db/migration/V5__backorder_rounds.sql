-- A PENDING row reopened from BACKORDERED by the backorder sweep (not by an order event, which its consumer retries
-- until it is decided): a round left unfinished (inventory away, the instance killed) is taken up again by the next
-- sweep, and when still short it says nothing new (its backordered event went out already).
ALTER TABLE allocation ADD COLUMN backorder_round BOOLEAN NOT NULL DEFAULT false;
