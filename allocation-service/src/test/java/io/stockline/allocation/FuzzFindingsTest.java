package io.stockline.allocation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.testsupport.EventFuzzing;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/**
 * What FuzzTest found, one regression test each: a NUL character in a path or body text reached PostgreSQL, which
 * refused it (SQLSTATE 22021), and the service answered 500; it is bad input, a 400 problem. A body that is JSON but
 * not an object got a 400 without a body, and a refusal of bean validation came as application/json when the request
 * sent no Accept header (as the JDK's client does): both are problem JSON now. A record of a type nobody reads on
 * inventory.stock-changed was read as a stock change (and dead-lettered when its numbers broke the contract); it is
 * ignored now, as the contract says.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "allocation"))
@QuarkusTestResource(InventoryMock.class)
class FuzzFindingsTest {

    @TestHTTPResource("/")
    URL base;

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;

    @Test
    void aRecordOfATypeNobodyReadsOnStockChangedIsIgnored() {
        String sku = "FOREIGN-" + UUID.randomUUID();
        String foreign = """
                {"eventId":"%s","sku":"%s","location":"WH1","version":-2,"movementType":"RECEIPT","onHand":1,"available":1,\
                "committed":0,"reserved":0,"damaged":0,"qualityControl":0,"safetyStock":0,"incoming":0,"inTransit":0,\
                "occurredAt":"2026-11-29T10:15:30Z"}""".formatted(UUID.randomUUID(), sku);
        EventFuzzing.assertTypeNobodyReadsIsIgnored(stockChangedTopic, sku, foreign);
    }

    @Test
    void aNulInAnOrderIdIsABadRequestNotAServerError() {
        given().auth().oauth2(Tokens.mint("viewer")).urlEncodingEnabled(false).get("/api/v1/allocations/a%00b")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("0x00"));
    }

    @Test
    void aNulInAChannelOfRoutingIsABadRequestNotAServerError() {
        given().auth().oauth2(Tokens.mint("viewer")).urlEncodingEnabled(false).get("/api/v1/routing/%00")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aNulInThePreviewedChannelIsABadRequestNotAServerError() {
        given().auth().oauth2(Tokens.mint("viewer")).contentType("application/json")
                .body("{\"channel\":\"\\u0000\",\"orderId\":\"SHOP-1001\",\"lines\":[{\"line\":0,\"quantity\":2,\"sku\":\"TSHIRT-RED-M\"}]}")
                .post("/api/v1/allocations/preview").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aBodyThatIsNotAnObjectIsAProblem() throws Exception {
        HttpResponse<String> answer = send("POST", "/api/v1/allocations/preview", "viewer", "[");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.body()).contains("\"status\":400");
        assertThat(send("PUT", "/api/v1/routing/web", "admin", "\"just a string\"").headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void aBeanValidationRefusalIsProblemJsonWithoutAnAcceptHeader() throws Exception {
        HttpResponse<String> answer = send("PUT", "/api/v1/routing/web", "admin", "{\"shortage\":\"NOPE\",\"rules\":[]}");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.body()).contains("shortage");
    }

    /** A request as the JDK's client sends it: no Accept header. */
    private HttpResponse<String> send(String method, String path, String role, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + Tokens.mint(role)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
