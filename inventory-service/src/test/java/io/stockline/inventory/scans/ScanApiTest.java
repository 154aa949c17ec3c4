package io.stockline.inventory.scans;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.stockline.inventory.domain.Gtin;
import io.stockline.testsupport.StocklineTestResource;

/** Handheld and RFID batches become receipt, pick and count lines; misreads are refused, naming the read. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class ScanApiTest {

    private static final Random RANDOM = new Random();
    /** Company prefix 0614141, partition 5, filter 3: the tag's header bits before the item reference. */
    private static final String TAG_GTIN = "80614141123458";

    @AfterEach
    void ledgerStillExplainsEveryBalance() {
        given().get("/api/v1/audit").then().statusCode(200).body("consistent", equalTo(true));
    }

    /** A random GTIN-13 with its right check digit. */
    private static String gtin13() {
        StringBuilder digits = new StringBuilder("2");
        for (int i = 0; i < 11; i++) {
            digits.append(RANDOM.nextInt(10));
        }
        return digits.append(Gtin.checkDigit(digits)).toString();
    }

    private static String location() {
        String code = "SCAN-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(Map.of("code", code, "name", "Dock " + code, "type", "WAREHOUSE"))
                .post("/api/v1/locations").then().statusCode(201);
        return code;
    }

    private static String item(String... barcodes) {
        String sku = "SCAN-" + UUID.randomUUID().toString().substring(0, 12);
        given().contentType(ContentType.JSON).body(Map.of("sku", sku, "name", "Scanned " + sku, "barcodes", List.of(barcodes)))
                .post("/api/v1/items").then().statusCode(201);
        return sku;
    }

    /** SGTIN-96 tags of GTIN 80614141123458 (the Tag Data Standard's example item) with the given serial. */
    private static String tag(long serial) {
        // header 30, filter 3, partition 5, company prefix 0614141 (24 bits), item reference 812345 (20 bits)
        java.math.BigInteger bits = java.math.BigInteger.valueOf(0x30).shiftLeft(88)
                .or(java.math.BigInteger.valueOf(3).shiftLeft(85))
                .or(java.math.BigInteger.valueOf(5).shiftLeft(82))
                .or(java.math.BigInteger.valueOf(614141).shiftLeft(58))
                .or(java.math.BigInteger.valueOf(812345).shiftLeft(38))
                .or(java.math.BigInteger.valueOf(serial));
        String hex = bits.toString(16).toUpperCase();
        return "0".repeat(24 - hex.length()) + hex;
    }

    private static Response scan(String purpose, String location, long windowMillis, List<Map<String, Object>> reads) {
        return given().contentType(ContentType.JSON).body(Map.of("purpose", purpose, "location", location,
                "duplicateWindowMillis", windowMillis, "reads", reads)).post("/api/v1/scans");
    }

    private static Map<String, Object> read(String code, Instant at, String reader) {
        Map<String, Object> read = new HashMap<>();
        read.put("code", code);
        read.put("at", at.toString());
        read.put("reader", reader);
        return read;
    }

    @Test
    void tenThousandReadsWithDuplicatesBecomeTheRightReceiptLines() {
        String dock = location();
        String mugGtin = gtin13();
        String mug = item(mugGtin);
        String upcA = gtin13().substring(1); // a UPC-A: 12 digits, its check digit still right (leading 2 dropped → recompute)
        upcA = upcA.substring(0, 11) + Gtin.checkDigit(upcA.substring(0, 11));
        String plate = item(upcA);
        String tagged = item(TAG_GTIN);
        String unknown = gtin13();
        Instant start = Instant.parse("2026-11-30T09:00:00Z");
        List<Map<String, Object>> reads = new ArrayList<>();
        // 1,200 mugs scanned one by one, 2 s apart on two handhelds; every third label read twice within 150 ms
        for (int unit = 0; unit < 1_200; unit++) {
            String reader = unit % 2 == 0 ? "HH-1" : "HH-2";
            Instant at = start.plusSeconds(2L * unit);
            reads.add(read(mugGtin, at, reader));
            if (unit % 3 == 0) {
                reads.add(read(mugGtin, at.plusMillis(150), reader));
            }
        }
        // 600 plates, scanned under their EAN-13 form (a leading 0) although the item carries the UPC-A
        for (int unit = 0; unit < 600; unit++) {
            reads.add(read("0" + upcA, start.plusSeconds(3L * unit), "HH-3"));
        }
        // 1,000 tagged units through an RFID gate, each tag read six times or more
        int tagReads = 10_000 - reads.size() - 5;
        for (int i = 0; i < tagReads; i++) {
            reads.add(read(tag(100_000 + i % 1_000), start.plusMillis(10L * i), "GATE-1"));
        }
        // 5 reads of a product no item carries, far apart: 5 units reported, not dropped
        for (int i = 0; i < 5; i++) {
            reads.add(read(unknown, start.plusSeconds(60L * i), "HH-1"));
        }
        Collections.shuffle(reads, RANDOM);
        assertThat(reads).hasSize(10_000);

        JsonPath result = scan("RECEIPT", dock, 500, reads).then().statusCode(200).extract().jsonPath();

        assertThat(result.getInt("reads")).isEqualTo(10_000);
        assertThat(result.getLong("counted")).isEqualTo(1_200 + 600 + 1_000 + 5);
        assertThat(result.getInt("duplicates")).isEqualTo(10_000 - (1_200 + 600 + 1_000 + 5));
        Map<String, Integer> lines = new HashMap<>();
        result.getList("lines", Map.class).forEach(line -> lines.put((String) line.get("sku"), (Integer) line.get("quantity")));
        assertThat(lines).containsOnly(Map.entry(mug, 1_200), Map.entry(plate, 600), Map.entry(tagged, 1_000));
        assertThat(result.getList("unknown.code")).containsExactly(Gtin.toGtin14(unknown));
        assertThat(result.getList("unknown.quantity")).containsExactly(5);
    }

    @Test
    void aBadCheckDigitRefusesTheBatchNamingTheRead() {
        String dock = location();
        String good = gtin13();
        item(good);
        String bad = good.substring(0, 12) + (char) ('0' + (good.charAt(12) - '0' + 1) % 10);
        Instant now = Instant.now();
        scan("COUNT", dock, 1000, List.of(read(good, now, "HH"), read(bad, now, "HH")))
                .then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("violations[0].field", equalTo("reads[1].code"))
                .body("violations[0].message", containsString(bad));
    }

    @Test
    void aBarcodeLookupRefusesAMisreadAndFindsAUpcByItsEan13() {
        String upcA = gtin13().substring(1, 12);
        upcA = upcA + Gtin.checkDigit(upcA);
        String sku = item(upcA);
        given().queryParam("barcode", "0" + upcA).get("/api/v1/items").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].sku", equalTo(sku));
        String misread = upcA.substring(0, 11) + (char) ('0' + (upcA.charAt(11) - '0' + 1) % 10);
        given().queryParam("barcode", misread).get("/api/v1/items").then().statusCode(400)
                .body("violations[0].field", equalTo("barcode")).body("violations[0].message", containsString(misread));
        // and an item cannot carry a number with a wrong check digit, nor another item's number in another length
        given().contentType(ContentType.JSON).body(Map.of("sku", "SCAN-" + UUID.randomUUID(), "name", "Misread",
                "barcodes", List.of(misread))).post("/api/v1/items")
                .then().statusCode(400).body("violations[0].field", equalTo("barcodes[0]"));
        given().contentType(ContentType.JSON).body(Map.of("sku", "SCAN-" + UUID.randomUUID().toString().substring(0, 8),
                "name", "Same number", "barcodes", List.of("00" + upcA))).post("/api/v1/items")
                .then().statusCode(409).body("violations[0].field", equalTo("barcodes[0]"));
    }

    @Test
    void badBatchesGetAProblemNamingTheField() {
        String dock = location();
        given().contentType(ContentType.JSON).body(Map.of("purpose", "COUNT", "location", dock, "reads", List.of()))
                .post("/api/v1/scans").then().statusCode(400).body("violations[0].field", containsString("reads"));
        given().contentType(ContentType.JSON).body(Map.of("purpose", "COUNT", "location", "NOWHERE-" + UUID.randomUUID(),
                "reads", List.of(Map.of("code", "BIN-1")))).post("/api/v1/scans")
                .then().statusCode(404).body("violations[0].field", equalTo("location"));
        given().contentType(ContentType.JSON).body(Map.of("purpose", "COUNT", "location", dock, "duplicateWindowMillis", -1,
                "reads", List.of(Map.of("code", "BIN-1")))).post("/api/v1/scans")
                .then().statusCode(400).body("violations[0].field", containsString("duplicateWindowMillis"));
        given().contentType(ContentType.JSON).body(Map.of("purpose", "SHELVE", "location", dock,
                "reads", List.of(Map.of("code", "BIN-1")))).post("/api/v1/scans")
                .then().statusCode(400).body(containsString("purpose"));
    }
}
