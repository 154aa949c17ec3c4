-- The console lists allocations newest change first (GET /api/v1/allocations), page after page by
-- (updated_at, order_id)
CREATE INDEX allocation_recent ON allocation (updated_at DESC, order_id DESC);
