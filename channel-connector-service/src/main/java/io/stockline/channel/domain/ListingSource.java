package io.stockline.channel.domain;

/** Where a SKU's listing mapping came from: a seller's import (pinned, never replaced by a lookup) or a lookup by SKU. */
public enum ListingSource {
    IMPORTED, FOUND
}
