package io.stockline.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every Amazon and eBay request is held to the marketplace's API document before the simulator acts on it (the
 * published spec where it is in reach, else our contract: both refuse what these tests send), and a malformed one is
 * refused as the real API refuses it, naming the field, changing nothing, and counted as an invalid request.
 */
@QuarkusTest
class RequestValidationTest {

    private static final String BULK_UPDATE = "/ebay/sell/inventory/v1/bulk_update_price_quantity";
    private static final String AMAZON_ITEM = "/amazon/listings/2021-08-01/items/{seller}/{sku}";
    private static final String AMAZON_ITEMS = "/amazon/listings/2021-08-01/items/{seller}";

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    @Test
    void aMalformedEbayBodyIsRefusedWithEbaysErrorContainerNamingTheField() {
        Sim.seed("ebay", "", "E-V1", 3);
        String token = Sim.ebayToken();
        given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body("{\"requests\":[{\"sku\":\"E-V1\",\"shipToLocationAvailability\":{\"quantity\":\"ten\"}}]}")
                .post(BULK_UPDATE)
                .then().statusCode(400)
                .body("errors[0].errorId", equalTo(25709))
                .body("errors[0].domain", equalTo("API_INVENTORY"))
                .body("errors[0].category", equalTo("REQUEST"))
                .body("errors[0].message", containsString("requests[0].shipToLocationAvailability.quantity"))
                .body("errors[0].parameters[0].name", equalTo("fieldName"))
                .body("errors[0].parameters[0].value", equalTo("requests[0].shipToLocationAvailability.quantity"));
        given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body("{\"requests\":{\"sku\":\"E-V1\"}}").post(BULK_UPDATE)
                .then().statusCode(400).body("errors[0].errorId", equalTo(25709))
                .body("errors[0].parameters[0].value", equalTo("requests"));

        assertThat(Sim.quantity("ebay", "E-V1")).isEqualTo(3);
        Sim.stats().then().body("invalidRequests.ebay", equalTo(2))
                .body("calls.ebay.bulkUpdatePriceQuantity", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aMalformedAmazonBodyIsRefusedWithInvalidInputNamingTheField() {
        Sim.seed("amazon", "A2SELLER", "SKU-V1", 5);
        String token = Sim.amazonToken();
        given().header("x-amz-access-token", token).contentType("application/json").queryParam("marketplaceIds", "ATVPDKIKX0DER")
                .body("""
                        {"productType":"PRODUCT","patches":[{"op":"explode","path":"/attributes/fulfillment_availability",
                         "value":[{"fulfillment_channel_code":"DEFAULT","quantity":1}]}]}""")
                .patch(AMAZON_ITEM, "A2SELLER", "SKU-V1")
                .then().statusCode(400)
                .header("x-amzn-RequestId", notNullValue())
                .body("errors[0].code", equalTo("InvalidInput"))
                .body("errors[0].message", containsString("patches[0].op"))
                .body("errors[0].details", notNullValue());
        given().header("x-amz-access-token", token).contentType("application/json").queryParam("marketplaceIds", "ATVPDKIKX0DER")
                .body("{\"productType\":\"PRODUCT\",\"patches\":\"replace everything\"}")
                .patch(AMAZON_ITEM, "A2SELLER", "SKU-V1")
                .then().statusCode(400).body("errors[0].code", equalTo("InvalidInput"))
                .body("errors[0].message", containsString("patches"));

        assertThat(Sim.quantity("amazon", "SKU-V1")).isEqualTo(5);
        Sim.stats().then().body("invalidRequests.amazon", equalTo(2));
    }

    @Test
    void anAmazonCallWithoutTheRequiredMarketplaceIdsIsRefusedNamingIt() {
        String token = Sim.amazonToken();
        given().header("x-amz-access-token", token).contentType("application/json")
                .body("""
                        {"productType":"PRODUCT","patches":[{"op":"replace","path":"/attributes/fulfillment_availability",
                         "value":[{"fulfillment_channel_code":"DEFAULT","quantity":4}]}]}""")
                .patch(AMAZON_ITEM, "A2SELLER", "SKU-V2")
                .then().statusCode(400).body("errors[0].code", equalTo("InvalidInput"))
                .body("errors[0].message", containsString("marketplaceIds"));
        Sim.listings("amazon", "SKU-V2").then().body("listings.size()", equalTo(0));
    }

    @Test
    void aMalformedAmazonSearchIsRefusedWithInvalidInputNamingTheParameter() {
        Sim.seed("amazon", "A2SELLER", "SKU-V4", 5);
        String token = Sim.amazonToken();
        given().header("x-amz-access-token", token).queryParam("marketplaceIds", "ATVPDKIKX0DER")
                .queryParam("identifiersType", "SKU").queryParam("identifiers", "SKU-V4").queryParam("pageSize", "abc")
                .get(AMAZON_ITEMS, "A2SELLER")
                .then().statusCode(400)
                .header("x-amzn-RequestId", notNullValue())
                .body("errors[0].code", equalTo("InvalidInput"))
                .body("errors[0].message", containsString("pageSize"))
                .body("errors[0].details", notNullValue());
        given().header("x-amz-access-token", token).queryParam("marketplaceIds", "ATVPDKIKX0DER")
                .queryParam("identifiersType", "FOO").queryParam("identifiers", "SKU-V4")
                .get(AMAZON_ITEMS, "A2SELLER")
                .then().statusCode(400).body("errors[0].code", equalTo("InvalidInput"))
                .body("errors[0].message", containsString("identifiersType"));

        // refused before the marketplace saw them: no search was made
        Sim.stats().then().body("invalidRequests.amazon", equalTo(2))
                .body("calls.amazon.searchListingsItems", org.hamcrest.Matchers.nullValue());
        given().header("x-amz-access-token", token).queryParam("marketplaceIds", "ATVPDKIKX0DER")
                .queryParam("identifiersType", "SKU").queryParam("identifiers", "SKU-V4").queryParam("pageSize", "1")
                .get(AMAZON_ITEMS, "A2SELLER")
                .then().statusCode(200).body("items[0].sku", equalTo("SKU-V4"));
    }

    @Test
    void wellFormedRequestsPassToTheMarketplace() {
        String token = Sim.ebayToken();
        given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body("{\"requests\":[{\"sku\":\"E-V3\",\"shipToLocationAvailability\":{\"quantity\":7}}]}").post(BULK_UPDATE)
                .then().statusCode(200).body("responses[0].statusCode", equalTo(200));
        assertThat(Sim.quantity("ebay", "E-V3")).isEqualTo(7);
        Sim.stats().then().body("invalidRequests.size()", equalTo(0));
    }
}
