package io.stockline.channel.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Predicate;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.stockline.testsupport.MarketplaceContracts;
import io.stockline.testsupport.MarketplaceContracts.Marketplace;

/**
 * The contracts a request WireMock recorded must keep to: always ours ({@link MarketplaceContracts}, in
 * test-support's {@code marketplace-contracts}), and where they are in reach the marketplaces' own published API
 * specifications as well (see {@link MarketplaceContracts#publishedSpecsDir()}).
 */
final class MarketplaceSpecs {

    private static OpenApiInteractionValidator amazon;
    private static OpenApiInteractionValidator ebay;

    private MarketplaceSpecs() {
    }

    /** Our contract with a marketplace, paths as the marketplace serves them (as the WireMock stubs do). */
    static OpenApiInteractionValidator contract(Marketplace marketplace) {
        return MarketplaceContracts.contract(marketplace);
    }

    /** Amazon SP-API Listings Items 2021-08-01 as Amazon publishes it (Swagger 2.0); skips the test when not in reach. */
    static synchronized OpenApiInteractionValidator amazon() {
        if (amazon == null) {
            amazon = MarketplaceContracts.published(Marketplace.AMAZON, null);
        }
        return amazon;
    }

    /** eBay Sell Inventory v1 as eBay publishes it (OpenAPI 3.0), its operations under /sell/inventory/v1; skips when not in reach. */
    static synchronized OpenApiInteractionValidator ebay() {
        if (ebay == null) {
            ebay = MarketplaceContracts.published(Marketplace.EBAY, EbayConnector.BASE_PATH);
        }
        return ebay;
    }

    /**
     * Fails unless every recorded request keeps to our contract and, where the published spec is in reach, to the
     * published spec as well ({@code publishedPaths} picks the requests the published spec covers: its token
     * endpoint is documented elsewhere).
     */
    static void assertAllValid(Marketplace marketplace, List<LoggedRequest> requests, Predicate<LoggedRequest> publishedPaths) {
        assertAllValid(contract(marketplace), requests);
        if (MarketplaceContracts.publishedSpec(marketplace).isPresent()) {
            List<LoggedRequest> covered = requests.stream().filter(publishedPaths).toList();
            if (!covered.isEmpty()) {
                assertAllValid(marketplace == Marketplace.AMAZON ? amazon() : ebay(), covered);
            }
        }
    }

    /** Fails unless every recorded request is valid against the spec; returns how many were checked. */
    static int assertAllValid(OpenApiInteractionValidator validator, List<LoggedRequest> requests) {
        assertThat(requests).as("requests to validate").isNotEmpty();
        for (LoggedRequest request : requests) {
            ValidationReport report = validator.validateRequest(toRequest(request));
            assertThat(report.getMessages())
                    .as("%s %s against %s", request.getMethod(), request.getUrl(), validator)
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

}
