-- Item search (ItemRepository.search) asks for SKUs starting with the text, names containing it and the exact barcode.
-- Each arm gets an index of its own, so a search reads the matching rows rather than every item at each keystroke.
-- pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it without being a superuser, as
-- deploy/local's stockline role (the tests' databases are its own) and CloudNativePG's inventory owner are. Debian's
-- PostgreSQL, CloudNativePG's image and io.zonky's embedded binaries ship it with the other contrib modules.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- A name containing the text: trigrams answer LIKE '%text%' once the text has three characters or more. Shorter texts
-- have no trigram; for those the query may walk the SKU order until it has enough matches, or read the table.
CREATE INDEX item_name_trigrams ON item USING gin (lower(name) gin_trgm_ops);

-- A SKU starting with the text: text_pattern_ops compares by bytes, so LIKE 'text%' becomes a range scan whatever
-- the database's collation.
CREATE INDEX item_sku_lower_prefix ON item (lower(sku) text_pattern_ops);

-- The exact barcode needs nothing new: item_barcode's primary key is the barcode.
