package io.stockline.channel.connector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.model.SimpleRequest;

/** The spec check the connector tests rely on does refuse requests the marketplaces would refuse. */
class MarketplaceSpecsTest {

    private static final String AMAZON_PATCH = "/listings/2021-08-01/items/A2SELLER0ID/SKU-1";

    @Test
    void amazonsSpecAcceptsAFulfillmentAvailabilityPatch() {
        SimpleRequest request = SimpleRequest.Builder.patch(AMAZON_PATCH).withQueryParam("marketplaceIds", "ATVPDKIKX0DER")
                .withContentType("application/json")
                .withBody("{\"productType\":\"PRODUCT\",\"patches\":[{\"op\":\"replace\",\"path\":\"/attributes/fulfillment_availability\","
                        + "\"value\":[{\"fulfillment_channel_code\":\"DEFAULT\",\"quantity\":3}]}]}")
                .build();

        assertThat(MarketplaceSpecs.errors(MarketplaceSpecs.amazon(), request)).isEmpty();
    }

    @Test
    void amazonsSpecRefusesAPatchWithoutProductTypeOrMarketplace() {
        SimpleRequest noProductType = SimpleRequest.Builder.patch(AMAZON_PATCH).withQueryParam("marketplaceIds", "ATVPDKIKX0DER")
                .withContentType("application/json")
                .withBody("{\"patches\":[{\"op\":\"replace\",\"path\":\"/attributes/fulfillment_availability\",\"value\":[]}]}")
                .build();
        SimpleRequest noMarketplace = SimpleRequest.Builder.patch(AMAZON_PATCH).withContentType("application/json")
                .withBody("{\"productType\":\"PRODUCT\",\"patches\":[{\"op\":\"replace\",\"path\":\"/attributes/x\"}]}")
                .build();

        assertThat(MarketplaceSpecs.errors(MarketplaceSpecs.amazon(), noProductType)).isNotEmpty();
        assertThat(MarketplaceSpecs.errors(MarketplaceSpecs.amazon(), noMarketplace)).isNotEmpty();
    }

    @Test
    void ebaysSpecAcceptsABulkQuantityUpdateAndRefusesAMistypedOne() {
        SimpleRequest valid = SimpleRequest.Builder.post("/sell/inventory/v1/bulk_update_price_quantity")
                .withContentType("application/json").withHeader("Authorization", "Bearer t")
                .withBody("{\"requests\":[{\"sku\":\"A\",\"shipToLocationAvailability\":{\"quantity\":3}}]}")
                .build();
        SimpleRequest mistyped = SimpleRequest.Builder.post("/sell/inventory/v1/bulk_update_price_quantity")
                .withContentType("application/json").withHeader("Authorization", "Bearer t")
                .withBody("{\"requests\":[{\"sku\":\"A\",\"shipToLocationAvailability\":{\"quantity\":\"three\"}}]}")
                .build();

        assertThat(MarketplaceSpecs.errors(MarketplaceSpecs.ebay(), valid)).isEmpty();
        assertThat(MarketplaceSpecs.errors(MarketplaceSpecs.ebay(), mistyped)).isNotEmpty();
    }
}
