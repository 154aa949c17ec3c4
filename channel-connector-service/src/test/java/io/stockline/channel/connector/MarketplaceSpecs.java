package io.stockline.channel.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * The marketplaces' own published API specifications ({@code shared/marketplace-specs} beside the repository),
 * and a check that a request WireMock recorded is one they allow.
 */
final class MarketplaceSpecs {

    private static OpenApiInteractionValidator amazon;
    private static OpenApiInteractionValidator ebay;

    private MarketplaceSpecs() {
    }

    /** Amazon SP-API Listings Items 2021-08-01 (Swagger 2.0). */
    static synchronized OpenApiInteractionValidator amazon() {
        if (amazon == null) {
            amazon = OpenApiInteractionValidator
                    .createForSpecificationUrl(spec("amazon-sp-api-listingsItems_2021-08-01.json").toUri().toString())
                    .build();
        }
        return amazon;
    }

    /** eBay Sell Inventory v1 (OpenAPI 3.0); its server puts the operations under /sell/inventory/v1. */
    static synchronized OpenApiInteractionValidator ebay() {
        if (ebay == null) {
            ebay = OpenApiInteractionValidator
                    .createForSpecificationUrl(spec("ebay-sell_inventory_v1_oas3.json").toUri().toString())
                    .withBasePathOverride(EbayConnector.BASE_PATH)
                    .build();
        }
        return ebay;
    }

    /** Fails unless every recorded request is valid against the spec; returns how many were checked. */
    static int assertAllValid(OpenApiInteractionValidator validator, List<LoggedRequest> requests) {
        assertThat(requests).as("requests to validate").isNotEmpty();
        for (LoggedRequest request : requests) {
            ValidationReport report = validator.validateRequest(toRequest(request));
            assertThat(report.getMessages())
                    .as("%s %s against the marketplace's spec", request.getMethod(), request.getUrl())
                    .filteredOn(message -> message.getLevel() == ValidationReport.Level.ERROR)
                    .isEmpty();
        }
        return requests.size();
    }

    /** The spec's ERROR-level complaints about one request. */
    static List<String> errors(OpenApiInteractionValidator validator, SimpleRequest request) {
        return validator.validateRequest(request).getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(ValidationReport.Message::getMessage).toList();
    }

    private static SimpleRequest toRequest(LoggedRequest recorded) {
        String url = recorded.getUrl();
        int query = url.indexOf('?');
        SimpleRequest.Builder request = new SimpleRequest.Builder(recorded.getMethod().getName(),
                query < 0 ? url : url.substring(0, query));
        recorded.getQueryParams().forEach((name, parameter) -> request.withQueryParam(name, parameter.values()));
        recorded.getHeaders().all().forEach(header -> request.withHeader(header.key(), header.values()));
        if (recorded.getBody() != null && recorded.getBody().length > 0) {
            request.withBody(recorded.getBodyAsString());
        }
        return request.build();
    }

    /** The spec file, found in shared/marketplace-specs beside the first folder above the module that has one. */
    static Path spec(String file) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared").resolve("marketplace-specs").resolve(file);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no shared/marketplace-specs/" + file + " above " + Path.of("").toAbsolutePath());
    }
}
