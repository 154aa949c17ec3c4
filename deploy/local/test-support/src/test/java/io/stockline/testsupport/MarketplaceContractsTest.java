package io.stockline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;

import io.stockline.testsupport.MarketplaceContracts.Marketplace;

/** Our marketplace contracts load from the classpath and refuse what the marketplaces refuse. */
class MarketplaceContractsTest {

    private static final String AMAZON_ITEM = "/listings/2021-08-01/items/A2SELLER0ID/SKU-1";
    private static final String AMAZON_ITEMS = "/listings/2021-08-01/items/A2SELLER0ID";
    private static final String EBAY_BULK_UPDATE = "/sell/inventory/v1/bulk_update_price_quantity";
    private static final String SHOPIFY = "/admin/api/2026-04/graphql.json";
    private static final String WOO_BATCH = "/wp-json/wc/v3/products/batch";

    @ParameterizedTest
    @EnumSource(Marketplace.class)
    void eachContractIsAnOpenApi3DocumentWithAHeaderNamingItsSource(Marketplace marketplace) {
        String text = MarketplaceContracts.contractText(marketplace);
        assertThat(text).startsWith("# Stockline's contract with ").contains("openapi: 3.0");
        assertThat(MarketplaceContracts.contractModel(marketplace).getPaths()).isNotEmpty();
        assertThat(MarketplaceContracts.contract(marketplace)).isNotNull();
    }

    private static java.util.List<String> errors(Marketplace marketplace, SimpleRequest request) {
        return MarketplaceContracts.errors(MarketplaceContracts.contract(marketplace).validateRequest(request));
    }

    private static String amazonPatch(String quantity) {
        return "{\"productType\":\"PRODUCT\",\"patches\":[{\"op\":\"replace\",\"path\":\"/attributes/fulfillment_availability\","
                + "\"value\":[{\"fulfillment_channel_code\":\"DEFAULT\",\"quantity\":" + quantity + "}]}]}";
    }

    @Test
    void amazonNeedsTheAccessTokenTheMarketplaceAndAProductType() {
        SimpleRequest valid = SimpleRequest.Builder.patch(AMAZON_ITEM).withQueryParam("marketplaceIds", "ATVPDKIKX0DER")
                .withHeader("x-amz-access-token", "Atza|t").withContentType("application/json").withBody(amazonPatch("3")).build();
        SimpleRequest noToken = SimpleRequest.Builder.patch(AMAZON_ITEM).withQueryParam("marketplaceIds", "ATVPDKIKX0DER")
                .withContentType("application/json").withBody(amazonPatch("3")).build();
        SimpleRequest noMarketplace = SimpleRequest.Builder.patch(AMAZON_ITEM).withHeader("x-amz-access-token", "Atza|t")
                .withContentType("application/json").withBody(amazonPatch("3")).build();
        SimpleRequest noProductType = SimpleRequest.Builder.patch(AMAZON_ITEM).withQueryParam("marketplaceIds", "ATVPDKIKX0DER")
                .withHeader("x-amz-access-token", "Atza|t").withContentType("application/json")
                .withBody("{\"patches\":[{\"op\":\"replace\",\"path\":\"/attributes/fulfillment_availability\",\"value\":[]}]}").build();
        SimpleRequest badOp = SimpleRequest.Builder.patch(AMAZON_ITEM).withQueryParam("marketplaceIds", "ATVPDKIKX0DER")
                .withHeader("x-amz-access-token", "Atza|t").withContentType("application/json")
                .withBody("{\"productType\":\"PRODUCT\",\"patches\":[{\"op\":\"set\",\"path\":\"/attributes/x\"}]}").build();

        assertThat(errors(Marketplace.AMAZON, valid)).isEmpty();
        assertThat(errors(Marketplace.AMAZON, noToken)).isNotEmpty();
        assertThat(errors(Marketplace.AMAZON, noMarketplace)).isNotEmpty();
        assertThat(errors(Marketplace.AMAZON, noProductType)).isNotEmpty();
        assertThat(errors(Marketplace.AMAZON, badOp)).isNotEmpty();
    }

    @Test
    void amazonErrorsComeAsAnErrorList() {
        OpenApiInteractionValidator amazon = MarketplaceContracts.contract(Marketplace.AMAZON);
        SimpleResponse errorList = SimpleResponse.Builder.status(429).withContentType("application/json")
                .withBody("{\"errors\":[{\"code\":\"QuotaExceeded\",\"message\":\"You exceeded your quota.\"}]}").build();
        SimpleResponse bare = SimpleResponse.Builder.status(429).withContentType("application/json")
                .withBody("{\"message\":\"slow down\"}").build();

        assertThat(MarketplaceContracts.errors(amazon.validateResponse(AMAZON_ITEM, com.atlassian.oai.validator.model.Request.Method.PATCH,
                errorList))).isEmpty();
        assertThat(MarketplaceContracts.errors(amazon.validateResponse(AMAZON_ITEM, com.atlassian.oai.validator.model.Request.Method.PATCH,
                bare))).isNotEmpty();
    }

    private static SimpleRequest amazonSearch(String identifiersType, int identifiers, String pageSize) {
        SimpleRequest.Builder search = SimpleRequest.Builder.get(AMAZON_ITEMS).withQueryParam("marketplaceIds", "ATVPDKIKX0DER")
                .withQueryParam("includedData", "fulfillmentAvailability,issues").withHeader("x-amz-access-token", "Atza|t");
        if (identifiersType != null) {
            search.withQueryParam("identifiersType", identifiersType);
        }
        if (identifiers > 0) {
            search.withQueryParam("identifiers", IntStream.range(0, identifiers).mapToObj(i -> "SKU-" + i).collect(Collectors.joining(",")));
        }
        if (pageSize != null) {
            search.withQueryParam("pageSize", pageSize);
        }
        return search.build();
    }

    @Test
    void amazonSearchesAtMost20SkusACallAndPagesAtMost20Items() {
        assertThat(errors(Marketplace.AMAZON, amazonSearch("SKU", 20, "20"))).isEmpty();
        assertThat(errors(Marketplace.AMAZON, amazonSearch(null, 0, null))).as("the seller's listings, default page").isEmpty();
        assertThat(errors(Marketplace.AMAZON, amazonSearch("SKU", 21, "20"))).as("21 identifiers").isNotEmpty();
        assertThat(errors(Marketplace.AMAZON, amazonSearch("SKU", 2, "21"))).as("pageSize 21").isNotEmpty();
        assertThat(errors(Marketplace.AMAZON, amazonSearch("SKU", 2, "0"))).as("pageSize 0").isNotEmpty();
        assertThat(errors(Marketplace.AMAZON, amazonSearch("SKU", 2, "abc"))).as("pageSize abc").isNotEmpty();
        assertThat(errors(Marketplace.AMAZON, amazonSearch("FOO", 2, "2"))).as("identifiersType FOO").isNotEmpty();
        assertThat(errors(Marketplace.AMAZON, SimpleRequest.Builder.get(AMAZON_ITEMS).withHeader("x-amz-access-token", "Atza|t")
                .withQueryParam("identifiersType", "SKU").withQueryParam("identifiers", "SKU-1").build())).as("no marketplaceIds")
                .isNotEmpty();
    }

    @Test
    void amazonSearchAnswersItemSearchResults() {
        OpenApiInteractionValidator amazon = MarketplaceContracts.contract(Marketplace.AMAZON);
        SimpleResponse results = SimpleResponse.Builder.status(200).withContentType("application/json")
                .withBody("{\"numberOfResults\":3,\"pagination\":{\"nextToken\":\"t2\"},\"items\":[{\"sku\":\"SKU-1\","
                        + "\"fulfillmentAvailability\":[{\"fulfillmentChannelCode\":\"DEFAULT\",\"quantity\":4}],\"issues\":[]}]}")
                .build();
        SimpleResponse noCount = SimpleResponse.Builder.status(200).withContentType("application/json")
                .withBody("{\"items\":[{\"sku\":\"SKU-1\"}]}").build();
        SimpleResponse itemWithoutSku = SimpleResponse.Builder.status(200).withContentType("application/json")
                .withBody("{\"numberOfResults\":1,\"items\":[{\"issues\":[]}]}").build();

        assertThat(MarketplaceContracts.errors(amazon.validateResponse(AMAZON_ITEMS, com.atlassian.oai.validator.model.Request.Method.GET,
                results))).isEmpty();
        assertThat(MarketplaceContracts.errors(amazon.validateResponse(AMAZON_ITEMS, com.atlassian.oai.validator.model.Request.Method.GET,
                noCount))).isNotEmpty();
        assertThat(MarketplaceContracts.errors(amazon.validateResponse(AMAZON_ITEMS, com.atlassian.oai.validator.model.Request.Method.GET,
                itemWithoutSku))).isNotEmpty();
    }

    private static String ebayRequests(int count, String quantity) {
        return IntStream.range(0, count).mapToObj(i -> "{\"sku\":\"E-" + i + "\",\"shipToLocationAvailability\":{\"quantity\":" + quantity + "}}")
                .collect(Collectors.joining(",", "{\"requests\":[", "]}"));
    }

    @Test
    void ebayTakesAtMost25SkusACallWithABearerToken() {
        SimpleRequest.Builder base = SimpleRequest.Builder.post(EBAY_BULK_UPDATE).withContentType("application/json");
        assertThat(errors(Marketplace.EBAY, SimpleRequest.Builder.post(EBAY_BULK_UPDATE).withContentType("application/json")
                .withHeader("Authorization", "Bearer v^1.1#t").withBody(ebayRequests(25, "3")).build())).isEmpty();
        assertThat(errors(Marketplace.EBAY, SimpleRequest.Builder.post(EBAY_BULK_UPDATE).withContentType("application/json")
                .withHeader("Authorization", "Bearer v^1.1#t").withBody(ebayRequests(26, "3")).build())).isNotEmpty();
        assertThat(errors(Marketplace.EBAY, SimpleRequest.Builder.post(EBAY_BULK_UPDATE).withContentType("application/json")
                .withHeader("Authorization", "Bearer v^1.1#t").withBody(ebayRequests(1, "\"three\"")).build())).isNotEmpty();
        assertThat(errors(Marketplace.EBAY, base.withBody(ebayRequests(1, "3")).build())).as("no Authorization").isNotEmpty();
    }

    @Test
    void ebayAnswersEachSkuWithItsOwnStatusCode() {
        OpenApiInteractionValidator ebay = MarketplaceContracts.contract(Marketplace.EBAY);
        SimpleResponse multiStatus = SimpleResponse.Builder.status(207).withContentType("application/json")
                .withBody("{\"responses\":[{\"sku\":\"A\",\"statusCode\":200},{\"sku\":\"B\",\"statusCode\":400,"
                        + "\"errors\":[{\"errorId\":25709,\"domain\":\"API_INVENTORY\",\"category\":\"REQUEST\",\"message\":\"Invalid value\"}]}]}")
                .build();
        SimpleResponse noStatusCode = SimpleResponse.Builder.status(207).withContentType("application/json")
                .withBody("{\"responses\":[{\"sku\":\"A\"}]}").build();

        assertThat(MarketplaceContracts.errors(ebay.validateResponse(EBAY_BULK_UPDATE,
                com.atlassian.oai.validator.model.Request.Method.POST, multiStatus))).isEmpty();
        assertThat(MarketplaceContracts.errors(ebay.validateResponse(EBAY_BULK_UPDATE,
                com.atlassian.oai.validator.model.Request.Method.POST, noStatusCode))).isNotEmpty();
    }

    private static String shopifyQuantities(int count) {
        String quantities = IntStream.range(0, count).mapToObj(i -> "{\"inventoryItemId\":\"gid://shopify/InventoryItem/" + (1000 + i)
                + "\",\"locationId\":\"gid://shopify/Location/1\",\"quantity\":" + i + ",\"changeFromQuantity\":null}")
                .collect(Collectors.joining(","));
        return "{\"query\":\"mutation M($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { userErrors { message } } }\","
                + "\"variables\":{\"input\":{\"name\":\"available\",\"reason\":\"correction\",\"quantities\":[" + quantities + "]}}}";
    }

    @Test
    void shopifyTakesAtMost250QuantitiesWithTheAccessToken() {
        assertThat(errors(Marketplace.SHOPIFY, SimpleRequest.Builder.post(SHOPIFY).withContentType("application/json")
                .withHeader("X-Shopify-Access-Token", "shpat_t").withBody(shopifyQuantities(250)).build())).isEmpty();
        assertThat(errors(Marketplace.SHOPIFY, SimpleRequest.Builder.post(SHOPIFY).withContentType("application/json")
                .withHeader("X-Shopify-Access-Token", "shpat_t").withBody(shopifyQuantities(251)).build())).isNotEmpty();
        assertThat(errors(Marketplace.SHOPIFY, SimpleRequest.Builder.post(SHOPIFY).withContentType("application/json")
                .withBody(shopifyQuantities(1)).build())).as("no access token").isNotEmpty();
        assertThat(errors(Marketplace.SHOPIFY, SimpleRequest.Builder.post(SHOPIFY).withContentType("application/json")
                .withHeader("X-Shopify-Access-Token", "shpat_t").withBody("{\"variables\":{}}").build())).as("no query").isNotEmpty();
    }

    @Test
    void shopifyAnswersCarryTheThrottleStatus() {
        OpenApiInteractionValidator shopify = MarketplaceContracts.contract(Marketplace.SHOPIFY);
        SimpleResponse throttled = SimpleResponse.Builder.status(200).withContentType("application/json")
                .withBody("{\"errors\":[{\"message\":\"Throttled\",\"extensions\":{\"code\":\"THROTTLED\"}}],"
                        + "\"extensions\":{\"cost\":{\"requestedQueryCost\":10,\"throttleStatus\":"
                        + "{\"maximumAvailable\":2000.0,\"currentlyAvailable\":5,\"restoreRate\":100.0}}}}").build();
        SimpleResponse noThrottleStatus = SimpleResponse.Builder.status(200).withContentType("application/json")
                .withBody("{\"data\":{},\"extensions\":{\"cost\":{\"requestedQueryCost\":10}}}").build();

        assertThat(MarketplaceContracts.errors(shopify.validateResponse(SHOPIFY, com.atlassian.oai.validator.model.Request.Method.POST,
                throttled))).isEmpty();
        assertThat(MarketplaceContracts.errors(shopify.validateResponse(SHOPIFY, com.atlassian.oai.validator.model.Request.Method.POST,
                noThrottleStatus))).isNotEmpty();
    }

    private static String wooUpdates(int count) {
        return IntStream.range(0, count).mapToObj(i -> "{\"id\":" + (i + 1) + ",\"stock_quantity\":" + i + ",\"manage_stock\":true}")
                .collect(Collectors.joining(",", "{\"update\":[", "]}"));
    }

    @Test
    void wooCommerceTakesAtMost100ProductsABatchWithBasicAuth() {
        assertThat(errors(Marketplace.WOOCOMMERCE, SimpleRequest.Builder.post(WOO_BATCH).withContentType("application/json")
                .withAuthorization("Basic Y2tfeDpjc194").withBody(wooUpdates(100)).build())).isEmpty();
        assertThat(errors(Marketplace.WOOCOMMERCE, SimpleRequest.Builder.post(WOO_BATCH).withContentType("application/json")
                .withAuthorization("Basic Y2tfeDpjc194").withBody(wooUpdates(101)).build())).isNotEmpty();
        assertThat(errors(Marketplace.WOOCOMMERCE, SimpleRequest.Builder.post(WOO_BATCH).withContentType("application/json")
                .withBody(wooUpdates(1)).build())).as("no credentials").isNotEmpty();
    }

    @Test
    void thePublishedSpecsAreLookedForOnlyWhereTheyAreSaidToBe() {
        // either found (and then both files are there) or reported absent; never an exception
        assertThat(MarketplaceContracts.publishedSpecsPresent())
                .isEqualTo(MarketplaceContracts.publishedSpec(Marketplace.AMAZON).isPresent()
                        && MarketplaceContracts.publishedSpec(Marketplace.EBAY).isPresent());
        assertThat(MarketplaceContracts.publishedSpec(Marketplace.SHOPIFY)).isEmpty();
        assertThat(MarketplaceContracts.publishedSpec(Marketplace.WOOCOMMERCE)).isEmpty();
    }
}
