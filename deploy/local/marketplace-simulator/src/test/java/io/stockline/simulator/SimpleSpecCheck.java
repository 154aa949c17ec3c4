package io.stockline.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.ValidationReport;

import io.restassured.response.Response;
import io.stockline.testsupport.MarketplaceContracts.Marketplace;

/** Checks only an answer against our contract and the published spec, for requests that break them on purpose. */
final class SimpleSpecCheck {

    private SimpleSpecCheck() {
    }

    static void responseOnly(Marketplace marketplace, Request.Method method, String path, Map<String, String> query,
            Response response) {
        assertThat(MarketplaceSpecs.contract(marketplace).validateResponse(path, method, MarketplaceSpecs.answer(response)).getMessages())
                .as("violations of our %s contract by the answer %d %s", marketplace, response.statusCode(), response.asString())
                .filteredOn(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .isEmpty();
        MarketplaceSpecs.published(marketplace).ifPresent(spec -> {
            ValidationReport report = spec.validateResponse(path, method, MarketplaceSpecs.answer(response));
            assertThat(report.getMessages()).as("spec violations of the answer %d %s", response.statusCode(), response.asString()).isEmpty();
        });
    }
}
