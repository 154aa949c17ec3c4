-- Variants: items of one product told apart by option values (size, colour, ...), stored as a JSON object.
ALTER TABLE item ADD COLUMN product TEXT;
ALTER TABLE item ADD COLUMN options TEXT NOT NULL DEFAULT '{}';
CREATE INDEX item_product ON item (product) WHERE product IS NOT NULL;
CREATE UNIQUE INDEX item_product_options ON item (product, options) WHERE product IS NOT NULL;
