package io.stockline.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Run by each service's failsafe (it scans this jar: {@code dependenciesToScan}) after its unit tests: every operation
 * of the service's OpenAPI document was answered with a 2xx by some test, and so held to the document. The service's
 * pom names it ({@value #SERVICE}) and the file of exchanges its surefire run wrote ({@value OpenApiCoverage#EXCHANGES});
 * when surefire ran a selection ({@code -Dtest=...}, passed as {@value #SELECTED}) the record is partial and the check
 * is skipped.
 */
class OpenApiCoverageIT {

    static final String SERVICE = "stockline.openapi.coverage";
    static final String SELECTED = "stockline.openapi.selected";

    @Test
    void everyDocumentedOperationAnsweredASuccessInTheTests() {
        String service = System.getProperty(SERVICE, "");
        assumeTrue(!service.isBlank(), "this module names no OpenAPI document to cover");
        String selected = System.getProperty(SELECTED, "");
        assumeTrue(selected.isBlank() || selected.startsWith("${"),
                "surefire ran a selection of the tests (-Dtest=" + selected + "): the record of exchanges is partial");
        OpenApiCoverage.assertEveryOperationSucceeded(service, Path.of(System.getProperty(OpenApiCoverage.EXCHANGES)));
    }
}
