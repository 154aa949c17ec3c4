-- Idempotency keys belong to the caller that sent them (the subject of its token): two callers may use the same key
-- without meeting, and no caller can claim a key another one will use. Every keyed table already records that
-- caller as its actor, so the keys that exist stay where they are, now scoped to whoever sent them.
DROP INDEX movement_idempotency_key;
CREATE UNIQUE INDEX movement_idempotency_key ON movement (actor, idempotency_key) WHERE idempotency_key IS NOT NULL;

ALTER TABLE purchase_receipt DROP CONSTRAINT purchase_receipt_idempotency_key_key;
ALTER TABLE purchase_receipt ADD CONSTRAINT purchase_receipt_idempotency_key UNIQUE (actor, idempotency_key);

ALTER TABLE transfer_receipt DROP CONSTRAINT transfer_receipt_idempotency_key_key;
ALTER TABLE transfer_receipt ADD CONSTRAINT transfer_receipt_idempotency_key UNIQUE (actor, idempotency_key);

-- A reservation belongs to the caller that made it: only that caller (or an admin) releases or commits it.
-- Reservations made before this are owned by whoever made them, as their ledger says (the actor of their RESERVE
-- movements, which carry the reservation's id as reference), so allocation keeps finishing the holds it made and
-- an operator the ones they made. One with no such movement (none is expected) is owned by nobody a token can name:
-- only an admin finishes it, and the expiry sweep still expires it.
ALTER TABLE reservation ADD COLUMN owner TEXT;
UPDATE reservation r SET owner = made.actor
FROM (SELECT DISTINCT ON (reference) reference, actor FROM movement WHERE type = 'RESERVE' ORDER BY reference, id) made
WHERE made.reference = r.id::text;
UPDATE reservation SET owner = 'system:unknown-owner' WHERE owner IS NULL;
ALTER TABLE reservation ALTER COLUMN owner SET NOT NULL;
ALTER TABLE reservation DROP CONSTRAINT reservation_idempotency_key_key;
ALTER TABLE reservation ADD CONSTRAINT reservation_idempotency_key UNIQUE (owner, idempotency_key);
