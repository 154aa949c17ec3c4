-- The W3C trace context (traceparent, tracestate) of the transaction that wrote each event: the platform's relay puts
-- it on the Kafka record, so the event's consumers continue that trace (platform OutboxTrace). Null: written outside
-- any trace; the record then carries no traceparent.
ALTER TABLE outbox ADD COLUMN traceparent TEXT, ADD COLUMN tracestate TEXT;
