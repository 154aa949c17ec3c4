package io.stockline.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import io.restassured.response.Response;
import io.stockline.testsupport.MarketplaceContracts;
import io.stockline.testsupport.MarketplaceContracts.Marketplace;

/**
 * The contracts the requests the tests send and the simulator's answers keep to: always ours
 * ({@link MarketplaceContracts}, in test-support's marketplace-contracts), and the marketplaces' published
 * specifications too where they are in reach ({@link MarketplaceContracts#publishedSpecsDir()}). The simulator
 * serves each marketplace under a prefix of its own (/amazon, /ebay, /shopify, /woocommerce).
 */
final class MarketplaceSpecs {

    static final Marketplace AMAZON = Marketplace.AMAZON;
    static final Marketplace EBAY = Marketplace.EBAY;

    private static final Map<Marketplace, OpenApiInteractionValidator> CONTRACTS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<Marketplace, Optional<OpenApiInteractionValidator>> PUBLISHED = new java.util.concurrent.ConcurrentHashMap<>();

    private MarketplaceSpecs() {
    }

    /** Where the simulator serves a marketplace. */
    static String prefix(Marketplace marketplace) {
        return "/" + marketplace.name().toLowerCase();
    }

    /** Our contract, under the simulator's prefix for the marketplace. */
    static OpenApiInteractionValidator contract(Marketplace marketplace) {
        return CONTRACTS.computeIfAbsent(marketplace, m -> MarketplaceContracts.contract(m, prefix(m)));
    }

    /** The published spec under the simulator's prefix, where the marketplace publishes one and it is in reach. */
    static Optional<OpenApiInteractionValidator> published(Marketplace marketplace) {
        return PUBLISHED.computeIfAbsent(marketplace, m -> MarketplaceContracts.publishedSpec(m).map(spec -> {
            String base = m == Marketplace.EBAY ? prefix(m) + "/sell/inventory/v1" : prefix(m);
            return OpenApiInteractionValidator.createForSpecificationUrl(spec.toUri().toString()).withBasePathOverride(base).build();
        }));
    }

    /** Asserts that a request the test sent and the simulator's answer to it both keep to our contract and the published spec. */
    static void assertConforms(Marketplace marketplace, Request.Method method, String path, Map<String, String> query,
            Map<String, String> headers, String requestBody, Response response) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
        query.forEach(request::withQueryParam);
        headers.forEach(request::withHeader);
        if (requestBody != null) {
            request.withBody(requestBody);
        }
        SimpleRequest built = request.build();
        assertThat(contract(marketplace).validate(built, answer(response)).getMessages())
                .as("violations of our %s contract by %s %s -> %d %s", marketplace, method, path, response.statusCode(), response.asString())
                .filteredOn(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .isEmpty();
        published(marketplace).ifPresent(spec -> assertThat(spec.validate(built, answer(response)).getMessages())
                .as("spec violations of %s %s -> %d %s", method, path, response.statusCode(), response.asString())
                .isEmpty());
    }

    static SimpleResponse answer(Response response) {
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode()).withBody(response.asString());
        response.headers().forEach(header -> answer.withHeader(header.getName(), header.getValue()));
        return answer.build();
    }
}
