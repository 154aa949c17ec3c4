package io.stockline.channel.domain;

/** An item's catalog status, as inventory publishes it on inventory.items. */
public enum ItemStatus {
    ACTIVE, DISCONTINUED
}
