package io.stockline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenApiCoverageTest {

    private static final String DOCUMENT = """
            {"openapi": "3.1.0", "paths": {
              "/api/v1/items": {"get": {}, "post": {}},
              "/api/v1/items/{sku}": {"get": {}, "delete": {}},
              "/api/v1/items/{sku}/history": {"get": {}},
              "/api/v1/items/export.csv": {"get": {}}
            }}""";

    @Test
    void anOperationCountsOnlyOnceItAnsweredA2xx() {
        String exchanges = """
                GET /api/v1/items 200
                POST /api/v1/items 422
                GET /api/v1/items/A-1 200
                DELETE /api/v1/items/A-1 404
                GET /api/v1/items/A-1/history?from=2026-01-01 200
                """;

        assertThat(OpenApiCoverage.unexercised(DOCUMENT, exchanges))
                .containsExactly("DELETE /api/v1/items/{sku}", "GET /api/v1/items/export.csv", "POST /api/v1/items");
    }

    @Test
    void aFixedPathWinsOverATemplateThatAlsoMatchesIt() {
        assertThat(OpenApiCoverage.unexercised(DOCUMENT, "GET /api/v1/items/export.csv 200\n"))
                .contains("GET /api/v1/items/{sku}")
                .doesNotContain("GET /api/v1/items/export.csv");
    }

    @Test
    void nothingRecordedLeavesEveryOperationUncovered() {
        assertThat(OpenApiCoverage.unexercised(DOCUMENT, "")).hasSize(6);
    }
}
