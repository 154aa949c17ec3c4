package io.stockline.inventory;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.concurrent.*;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.stockline.testsupport.StocklineTestResource;

@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class ZzExploreTest {
    static void p(String what, Response r) {
        System.out.println("EXPLORE " + what + " -> " + r.statusCode() + " " + r.contentType() + " " + r.asString());
    }

    @Test
    void explore() throws Exception {
        String sku = Api.item();
        String loc = Api.location();
        p("receipt", Api.move("RECEIPT", sku, loc, 5));
        p("oversell", Api.move("SALE", sku, loc, 6));
        p("zero", Api.move("SALE", sku, loc, 0));
        p("negative", Api.move("SALE", sku, loc, -1));
        p("unknown sku", Api.move("SALE", "nope", loc, 1));
        p("unknown loc", Api.move("SALE", sku, "nope", 1));
        p("reserve", Api.move("RESERVE", sku, loc, 1));
        p("no key", given().contentType(ContentType.JSON).body(Api.movement("SALE", sku, loc, 1)).post("/api/v1/movements"));
        p("bad type", given().contentType(ContentType.JSON).header("Idempotency-Key", Api.key()).body(Map.of("type", "BOGUS", "sku", sku, "location", loc, "quantity", 1)).post("/api/v1/movements"));
        p("malformed", given().contentType(ContentType.JSON).header("Idempotency-Key", Api.key()).body("{\"type\": \"SALE\", ").post("/api/v1/movements"));
        p("string qty", given().contentType(ContentType.JSON).header("Idempotency-Key", Api.key()).body("{\"type\": \"SALE\", \"sku\":\"x\",\"location\":\"y\",\"quantity\":\"abc\"}").post("/api/v1/movements"));
        p("empty body", given().contentType(ContentType.JSON).header("Idempotency-Key", Api.key()).post("/api/v1/movements"));
        p("dup loc", given().contentType(ContentType.JSON).body(Map.of("code", loc, "name", "x", "type", "WAREHOUSE")).post("/api/v1/locations"));
        p("dup item", given().contentType(ContentType.JSON).body(Map.of("sku", sku, "name", "x")).post("/api/v1/items"));
        String bc = Api.unique("BC");
        p("item bc", given().contentType(ContentType.JSON).body(Map.of("sku", Api.unique("SKU"), "name", "x", "barcodes", List.of(bc))).post("/api/v1/items"));
        p("item bc dup", given().contentType(ContentType.JSON).body(Map.of("sku", Api.unique("SKU"), "name", "x", "barcodes", List.of(bc))).post("/api/v1/items"));
        String bc2 = Api.unique("BC");
        p("item bc same twice", given().contentType(ContentType.JSON).body(Map.of("sku", Api.unique("SKU"), "name", "x", "barcodes", List.of(bc2, bc2))).post("/api/v1/items"));
        p("lookup", given().queryParam("barcode", bc).get("/api/v1/items"));
        p("get item", given().get("/api/v1/items/" + sku));
        p("get item missing", given().get("/api/v1/items/nope"));
        p("stock missing", given().get("/api/v1/stock/nope"));
        p("reserve unknown loc", Api.reserve(Api.key(), "o1", List.of(Api.line(1, sku, "nope", 1))));
        p("reserve unknown sku", Api.reserve(Api.key(), "o1", List.of(Api.line(1, "nope", loc, 1))));
        p("reserve short", Api.reserve(Api.key(), "o1", List.of(Api.line(1, sku, loc, 100))));
        p("reserve no loc short", Api.reserve(Api.key(), "o1", List.of(Api.line(1, sku, null, 100))));
        p("release unknown", Api.release("00000000-0000-0000-0000-000000000000"));
        p("release bad uuid", Api.release("xyz"));
        p("reserve zero", Api.reserve(Api.key(), "o1", List.of(Api.line(1, sku, loc, 0))));
        p("overflow1", Api.move("RECEIPT", sku, loc, Long.MAX_VALUE));
        p("overflow2", Api.move("RECEIPT", sku, loc, Long.MAX_VALUE));
        // concurrent same key
        String k = Api.key();
        String sku2 = Api.item();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Response>> fs = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) fs.add(pool.submit(() -> Api.move(k, "RECEIPT", sku2, loc, 3)));
        for (Future<Response> f : fs) p("same key concurrent", f.get());
        p("stock after", given().get("/api/v1/stock/" + sku2));
        String k2 = Api.key();
        Api.moved("RECEIPT", sku2, loc, 100);
        fs.clear();
        for (int i = 0; i < 8; i++) fs.add(pool.submit(() -> Api.reserve(k2, "o2", List.of(Api.line(1, sku2, loc, 1)))));
        for (Future<Response> f : fs) p("same key reserve concurrent", f.get());
        String sku3 = Api.unique("SKU");
        fs.clear();
        for (int i = 0; i < 8; i++) fs.add(pool.submit(() -> given().contentType(ContentType.JSON).body(Map.of("sku", sku3, "name", "x")).post("/api/v1/items")));
        for (Future<Response> f : fs) p("same item concurrent", f.get());
        pool.shutdown();
    }
}
