-- The W3C trace context (traceparent, tracestate) of the transaction that wrote each event: the platform's relay puts
-- it on the Kafka record, so the event's consumers continue that trace (platform OutboxTrace). Null: written outside
-- any trace; the record then carries no traceparent.
ALTER TABLE outbox ADD COLUMN traceparent TEXT, ADD COLUMN tracestate TEXT;

-- The trace context of the stock change that last set a pair's wanted quantity: the worker's marketplace call is made
-- in a span of that trace, so a receipt's trace reaches the marketplace request. Changes that coalesce into one
-- wanted quantity keep the latest change's context.
ALTER TABLE sync_state ADD COLUMN traceparent TEXT;
