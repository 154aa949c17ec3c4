package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.stockline.inventory.repository.ItemRepository;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.TestDatabase;

/** The search box's query: what it finds, in which order, and that it reads indexes rather than every item. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class ItemSearchTest {

    private static void create(String sku, String name, String... barcodes) {
        given().contentType(ContentType.JSON).body(Map.of("sku", sku, "name", name, "barcodes", List.of(barcodes)))
                .post("/api/v1/items").then().statusCode(201);
    }

    private static List<String> search(String text, int limit) {
        return given().queryParam("q", text).queryParam("limit", limit).get("/api/v1/items").then().statusCode(200)
                .extract().jsonPath().getList("sku", String.class);
    }

    @Test
    void skuStartsComeBeforeNamePartsEachBySkuAndTheLimitCutsThatOrder() {
        String stem = unique("Q").toLowerCase(Locale.ROOT);
        String sku = stem.toUpperCase(Locale.ROOT);
        String bothSkuAndName = sku + "-A";
        String skuOnly = sku + "-B";
        // SKUs that sort before and after the prefix matches: the order is by kind of match first
        String nameBefore = unique("AAA");
        String nameAfter = unique("ZZZ");
        create(skuOnly, "Plain");
        create(bothSkuAndName, "Also " + stem);
        create(nameBefore, "Cup called " + sku);
        create(nameAfter, "mug " + stem + " too");
        create(unique("MISS"), "Unrelated");

        assertThat(search(stem, 50)).containsExactly(bothSkuAndName, skuOnly, nameBefore, nameAfter);
        assertThat(search(sku, 50)).containsExactly(bothSkuAndName, skuOnly, nameBefore, nameAfter);
        assertThat(search(stem, 3)).containsExactly(bothSkuAndName, skuOnly, nameBefore);
        // The name arm's first two by SKU are nameBefore and bothSkuAndName: the prefix matches still win both places
        assertThat(search(stem, 2)).containsExactly(bothSkuAndName, skuOnly);
        assertThat(search(stem, 1)).containsExactly(bothSkuAndName);
    }

    @Test
    void aWholeBarcodeFindsItsItemAndPartOfOneDoesNot() {
        String coded = unique("BAR");
        String barcode = unique("EAN");
        create(coded, "Coded", barcode);

        assertThat(search(barcode, 50)).containsExactly(coded);
        given().queryParam("q", barcode.substring(0, barcode.length() - 1)).get("/api/v1/items").then()
                .statusCode(200).body("sku", empty());
    }

    @Test
    void percentUnderscoreAndTheEscapeCharacterAreMatchedAsText() {
        String stem = unique("W").toLowerCase(Locale.ROOT);
        String sku = stem.toUpperCase(Locale.ROOT);
        create(sku + "-1", stem + " 100% wool");
        create(sku + "-2", stem + " 100x wool");
        create(sku + "-3", stem + " 1_0");
        create(sku + "-4", stem + " 1x0");
        create(sku + "-5", stem + " wow!x");
        create(sku + "-6", stem + " wowx");
        create(sku + "_7", "Plain");
        create(sku + "X8", "Plain");

        assertThat(search(stem + " 100%", 50)).containsExactly(sku + "-1");
        assertThat(search(stem + " 1_0", 50)).containsExactly(sku + "-3");
        assertThat(search(stem + " wow!x", 50)).containsExactly(sku + "-5");
        assertThat(search(stem + "_", 50)).containsExactly(sku + "_7");
        given().queryParam("q", "%" + stem).get("/api/v1/items").then().statusCode(200).body("sku", empty());
        given().queryParam("q", stem + " 100% wool").get("/api/v1/items").then().statusCode(200)
                .body("sku", contains(sku + "-1"));
    }

    @Test
    void eachArmOfTheSearchReadsItsIndexNotEveryItem() throws Exception {
        String family = unique("PLAN").toLowerCase(Locale.ROOT);
        try (Connection connection = TestDatabase.connect();
                Statement statement = connection.createStatement()) {
            try {
                // A catalogue where reading every item costs more than reading an index: 20,000 items with barcodes,
                // eleven of them named with a word no other has. On 5,000 PostgreSQL rightly reads the table for a
                // long text (a SKU's worth of trigrams to look up); VACUUM moves the new rows out of the trigram
                // index's pending list, as autovacuum does
                statement.execute("""
                        INSERT INTO item (sku, name)
                        SELECT '%1$s-' || lpad(n::text, 5, '0'),
                               (ARRAY['Red','Blue','Green','Black','White'])[1 + n %% 5] || ' '
                               || (ARRAY['cotton','linen','ceramic','steel','oak','wool'])[1 + (n / 5) %% 6] || ' '
                               || (ARRAY['t-shirt','mug','cap','tote bag','sock','pen','lamp'])[1 + (n / 30) %% 7]
                               || CASE WHEN n %% 1700 = 0 THEN ' quokka' ELSE '' END || ' ' || n
                        FROM generate_series(1, 20000) n""".formatted(family));
                statement.execute("""
                        INSERT INTO item_barcode (barcode, sku)
                        SELECT '%1$s-ean-' || n, '%1$s-' || lpad(n::text, 5, '0') FROM generate_series(1, 20000) n"""
                        .formatted(family));
                statement.execute("VACUUM ANALYZE item");
                statement.execute("VACUUM ANALYZE item_barcode");

                for (String text : List.of("quokka", family.toUpperCase(Locale.ROOT) + "-0123", family + "-ean-77")) {
                    JsonNode plan = explain(connection, ItemRepository.SearchTerms.of(text), 50);
                    List<JsonNode> nodes = new ArrayList<>();
                    collect(plan, nodes);
                    assertThat(nodes).as(text + ": " + plan)
                            .noneMatch(node -> node.path("Node Type").asText().equals("Seq Scan"));
                    Set<String> indexes = new HashSet<>();
                    nodes.forEach(node -> {
                        if (node.has("Index Name")) {
                            indexes.add(node.get("Index Name").asText());
                        }
                    });
                    assertThat(indexes).as(text + ": " + plan)
                            .contains("item_sku_lower_prefix", "item_name_trigrams", "item_barcode_pkey");
                }
                assertThat(search("quokka", 50)).contains(family + "-01700", family + "-03400");
            } finally {
                statement.execute("DELETE FROM item_barcode WHERE sku LIKE '" + family + "-%'");
                statement.execute("DELETE FROM item WHERE sku LIKE '" + family + "-%'");
                statement.execute("ANALYZE item");
            }
        }
    }

    /** EXPLAIN of the repository's own statement, its named parameters bound as the service binds them. */
    private static JsonNode explain(Connection connection, ItemRepository.SearchTerms terms, int limit)
            throws Exception {
        Map<String, Object> values = Map.of("prefix", terms.prefix(), "infix", terms.infix(),
                "barcode", terms.barcode(), "limit", limit);
        Matcher parameter = Pattern.compile(":(\\w+)").matcher(ItemRepository.SEARCH);
        List<Object> bound = new ArrayList<>();
        StringBuilder sql = new StringBuilder("EXPLAIN (FORMAT JSON) ");
        while (parameter.find()) {
            bound.add(values.get(parameter.group(1)));
            parameter.appendReplacement(sql, "?");
        }
        parameter.appendTail(sql);
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < bound.size(); i++) {
                statement.setObject(i + 1, bound.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new ObjectMapper().readTree(rows.getString(1)).get(0).get("Plan");
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode> nodes) {
        nodes.add(node);
        node.path("Plans").forEach(child -> collect(child, nodes));
    }
}
