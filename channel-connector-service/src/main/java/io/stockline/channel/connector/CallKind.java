package io.stockline.channel.connector;

/** What a call to a marketplace does; an API may limit each operation on its own ({@link MarketplaceConnector#rateBucket}). */
public enum CallKind {
    /** Setting quantities ({@link MarketplaceConnector#push}). */
    PUSH,
    /** Reading quantities back ({@link MarketplaceConnector#read}, {@link MarketplaceConnector#readWithIssues}). */
    READ,
    /** Finding listings by SKU ({@link MarketplaceConnector#lookup}). */
    LOOKUP
}
