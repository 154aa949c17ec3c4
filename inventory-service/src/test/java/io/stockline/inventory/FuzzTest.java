package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.testsupport.OpenApiFuzzer;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/**
 * Issue 16's fuzzing for inventory-service (it consumes no topic): requests generated from
 * deploy/openapi/inventory-service.json, some naming a location and an item that exist, never get a 5xx and every
 * refusal is problem JSON with a status the operation documents. A bounded number by default;
 * {@code -Dstockline.fuzz.http-tries=10000} for the full run.
 */
@QuarkusTest
// a database and topics of its own (StocklineTestResource says how): what it makes at random no other class sees
@WithTestResource(value = StocklineTestResource.Isolated.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = { @ResourceArg(name = "service", value = "inventory"),
                @ResourceArg(name = "database", value = "inventory_fuzz") })
class FuzzTest {

    static final String SERVICE = "inventory-service";

    @TestHTTPResource("/")
    URL base;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String database;

    @Test
    void runsOnADatabaseOfItsOwn() {
        assertThat(database).contains("/inventory_fuzz_");
    }

    @Test
    void generatedRequestsNeverGetAServerErrorAndEveryRefusalIsAProblem() throws Exception {
        String admin = Tokens.mint("admin");
        given().auth().oauth2(admin).contentType("application/json")
                .body("{\"code\":\"FUZZ-WH\",\"name\":\"Fuzz warehouse\",\"type\":\"WAREHOUSE\"}").post("/api/v1/locations")
                .then().statusCode(201);
        given().auth().oauth2(admin).contentType("application/json").body("{\"sku\":\"FUZZ-SKU\",\"name\":\"Fuzz item\"}")
                .post("/api/v1/items").then().statusCode(201);
        new OpenApiFuzzer(SERVICE).known("sku", "FUZZ-SKU").known("location", "FUZZ-WH").known("code", "FUZZ-WH")
                .known("toLocation", "FUZZ-WH").run(base.toURI(), OpenApiFuzzer.tries(2_000)).assertNothingFound();
    }
}
