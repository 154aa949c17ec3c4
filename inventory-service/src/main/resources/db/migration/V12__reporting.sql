-- "When does it come back?" reads the open purchase order lines, transfer lines and supplier items of one SKU; the
-- unique keys lead with the order, transfer or supplier, so each needs an index by SKU. Transit times are measured
-- per route on the latest transfers that have arrived, so only those are indexed by route.
CREATE INDEX purchase_order_line_sku ON purchase_order_line (sku);
CREATE INDEX transfer_line_sku ON transfer_line (sku);
CREATE INDEX supplier_item_sku ON supplier_item (sku);
CREATE INDEX transfer_route_arrived ON transfer (from_location, to_location, shipped_at DESC)
    WHERE status IN ('PARTIALLY_RECEIVED', 'RECEIVED', 'CLOSED');
