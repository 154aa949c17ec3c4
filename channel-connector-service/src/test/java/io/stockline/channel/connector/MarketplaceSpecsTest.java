package io.stockline.channel.connector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.model.SimpleRequest;

import io.stockline.testsupport.MarketplaceContracts.Marketplace;

/**
 * The spec checks the connector tests rely on do refuse requests the marketplaces would refuse: our contracts always,
 * the marketplaces' published specs where they are in reach (skipped, visibly, where they are not).
 */
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

    @Test
    void ourAmazonContractAcceptsTheConnectorsPatchAndRefusesOneWithoutProductTypeMarketplaceOrToken() {
        String body = "{\"productType\":\"PRODUCT\",\"patches\":[{\"op\":\"replace\",\"path\":\"/attributes/fulfillment_availability\","
                + "\"value\":[{\"fulfillment_channel_code\":\"DEFAULT\",\"quantity\":3}]}]}";
        SimpleRequest valid = SimpleRequest.Builder.patch(AMAZON_PATCH).withQueryParam("marketplaceIds", "ATVPDKIKX0DER")
                .withHeader("x-amz-access-token", "Atza|t").withContentType("application/json").withBody(body).build();
        SimpleRequest noProductType = SimpleRequest.Builder.patch(AMAZON_PATCH).withQueryParam("marketplaceIds", "ATVPDKIKX0DER")
                .withHeader("x-amz-access-token", "Atza|t").withContentType("application/json")
                .withBody("{\"patches\":[{\"op\":\"replace\",\"path\":\"/attributes/fulfillment_availability\",\"value\":[]}]}").build();
        SimpleRequest noMarketplace = SimpleRequest.Builder.patch(AMAZON_PATCH).withHeader("x-amz-access-token", "Atza|t")
                .withContentType("application/json").withBody(body).build();
        SimpleRequest noToken = SimpleRequest.Builder.patch(AMAZON_PATCH).withQueryParam("marketplaceIds", "ATVPDKIKX0DER")
                .withContentType("application/json").withBody(body).build();

        assertThat(MarketplaceSpecs.errors(MarketplaceSpecs.contract(Marketplace.AMAZON), valid)).isEmpty();
        assertThat(MarketplaceSpecs.errors(MarketplaceSpecs.contract(Marketplace.AMAZON), noProductType)).isNotEmpty();
        assertThat(MarketplaceSpecs.errors(MarketplaceSpecs.contract(Marketplace.AMAZON), noMarketplace)).isNotEmpty();
        assertThat(MarketplaceSpecs.errors(MarketplaceSpecs.contract(Marketplace.AMAZON), noToken)).isNotEmpty();
    }

    @Test
    void ourEbayContractAcceptsABulkQuantityUpdateAndRefusesAMistypedOne() {
        SimpleRequest valid = SimpleRequest.Builder.post("/sell/inventory/v1/bulk_update_price_quantity")
                .withContentType("application/json").withHeader("Authorization", "Bearer t")
                .withBody("{\"requests\":[{\"sku\":\"A\",\"shipToLocationAvailability\":{\"quantity\":3}}]}")
                .build();
        SimpleRequest mistyped = SimpleRequest.Builder.post("/sell/inventory/v1/bulk_update_price_quantity")
                .withContentType("application/json").withHeader("Authorization", "Bearer t")
                .withBody("{\"requests\":[{\"sku\":\"A\",\"shipToLocationAvailability\":{\"quantity\":\"three\"}}]}")
                .build();

        assertThat(MarketplaceSpecs.errors(MarketplaceSpecs.contract(Marketplace.EBAY), valid)).isEmpty();
        assertThat(MarketplaceSpecs.errors(MarketplaceSpecs.contract(Marketplace.EBAY), mistyped)).isNotEmpty();
    }
}
