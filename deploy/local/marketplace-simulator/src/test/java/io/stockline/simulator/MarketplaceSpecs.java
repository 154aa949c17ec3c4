package io.stockline.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import io.restassured.response.Response;

/**
 * The marketplaces' published specifications (../shared/marketplace-specs beside the repository), as validators
 * of the requests the tests send and the simulator's answers.
 */
final class MarketplaceSpecs {

    static final OpenApiInteractionValidator AMAZON = validator("amazon-sp-api-listingsItems_2021-08-01.json", "/amazon");
    static final OpenApiInteractionValidator EBAY = validator("ebay-sell_inventory_v1_oas3.json", "/ebay/sell/inventory/v1");

    private MarketplaceSpecs() {
    }

    static Path specsDir() {
        String configured = System.getProperty("marketplace.specs.dir");
        if (configured != null && Files.isDirectory(Paths.get(configured))) {
            return Paths.get(configured);
        }
        // the shared folder sits beside the repository root: walk up from the module until it shows
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("marketplace-specs");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/marketplace-specs above " + Paths.get("").toAbsolutePath());
    }

    private static OpenApiInteractionValidator validator(String file, String basePath) {
        return OpenApiInteractionValidator.createForSpecificationUrl(specsDir().resolve(file).toUri().toString())
                .withBasePathOverride(basePath)
                .build();
    }

    /** Asserts that a request the test sent and the simulator's answer to it both keep to the spec. */
    static void assertConforms(OpenApiInteractionValidator spec, Request.Method method, String path, Map<String, String> query,
            Map<String, String> headers, String requestBody, Response response) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
        query.forEach(request::withQueryParam);
        headers.forEach(request::withHeader);
        if (requestBody != null) {
            request.withBody(requestBody);
        }
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode()).withBody(response.asString());
        response.headers().forEach(header -> answer.withHeader(header.getName(), header.getValue()));
        ValidationReport report = spec.validate(request.build(), answer.build());
        assertThat(report.getMessages()).as("spec violations of %s %s -> %d %s", method, path, response.statusCode(), response.asString())
                .isEmpty();
    }
}
