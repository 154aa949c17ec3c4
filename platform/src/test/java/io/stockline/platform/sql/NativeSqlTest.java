package io.stockline.platform.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class NativeSqlTest {

    @Test
    void namedParametersBecomePostgresPositionsOncePerName() {
        NativeSql.Parsed parsed = NativeSql.parse(
                "UPDATE t SET a = :quantity WHERE sku = ANY(CAST(:skus AS text[])) AND (CAST(:quantity AS bigint) IS NULL)");

        assertEquals("UPDATE t SET a = $1 WHERE sku = ANY(CAST($2 AS text[])) AND (CAST($1 AS bigint) IS NULL)",
                parsed.text());
        assertEquals(Map.of("quantity", 0, "skus", 1), parsed.indexes());
    }

    @Test
    void castsLiteralsAndQuotedNamesAreLeftAlone() {
        NativeSql.Parsed parsed = NativeSql.parse(
                "SELECT x::text, ':not' , \"col:name\", now() - INTERVAL '1 hour' FROM t WHERE id = :id");

        assertEquals("SELECT x::text, ':not' , \"col:name\", now() - INTERVAL '1 hour' FROM t WHERE id = $1",
                parsed.text());
        assertEquals(Map.of("id", 0), parsed.indexes());
    }

    @Test
    void aParameterTheStatementDoesNotHoldIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> NativeSql.of("SELECT 1 WHERE :a = 1").set("b", 2));

        assertEquals("the statement has no parameter :b", refused.getMessage());
    }

    @Test
    void aListForAValueIsRefusedForAnArray() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> NativeSql.of("SELECT 1 WHERE sku IN (:skus)").set("skus", List.of("A", "B")));

        assertEquals(":skus is a collection; bind an array", refused.getMessage());
    }

    @Test
    void aStatementOutsideADatabaseScopeIsRefused() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> NativeSql.of("SELECT 1 WHERE :a = 1").set("a", 1).rows().await().indefinitely());

        assertEquals("a statement outside a database scope (@WithTransaction, @WithConnection or Transactions):"
                + " SELECT 1 WHERE $1 = 1", refused.getMessage());
    }
}
