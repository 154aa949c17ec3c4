package io.stockline.simulator;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.atlassian.oai.validator.model.Request;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.stockline.testsupport.MarketplaceContracts;
import io.stockline.testsupport.MarketplaceContracts.Marketplace;

/**
 * Checks every answer the simulator gives for a marketplace (any call a test makes to /amazon, /ebay, /shopify or
 * /woocommerce) against our contract with that marketplace, and fails the call when it does not keep to it. The
 * requests are not checked here (tests send wrong ones on purpose); {@link MarketplaceSpecs#assertConforms} checks
 * the ones meant to be right. A 504 is the simulator's own stand-in for a timeout (no marketplace answers it).
 */
final class ContractFilter implements Filter {

    static final ContractFilter INSTANCE = new ContractFilter();

    /** How many answers were checked, so a test can see the filter is on. */
    static final AtomicInteger CHECKED = new AtomicInteger();

    private ContractFilter() {
    }

    /** Puts the filter on every RestAssured call of the tests (once). */
    static synchronized void install() {
        if (!RestAssured.filters().contains(INSTANCE)) {
            RestAssured.filters(INSTANCE);
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec, FilterContext context) {
        Response response = context.next(request, responseSpec);
        String path = URI.create(request.getURI()).getRawPath();
        Marketplace marketplace = null;
        for (Marketplace candidate : Marketplace.values()) {
            if (path.startsWith(MarketplaceSpecs.prefix(candidate) + "/")) {
                marketplace = candidate;
            }
        }
        if (marketplace == null || response.statusCode() == 504) {
            return response;
        }
        List<String> errors = MarketplaceContracts.errors(MarketplaceSpecs.contract(marketplace)
                .validateResponse(path, Request.Method.valueOf(request.getMethod().toUpperCase()), MarketplaceSpecs.answer(response)));
        CHECKED.incrementAndGet();
        if (!errors.isEmpty()) {
            throw new AssertionError("the simulator's answer to " + request.getMethod() + " " + path + " (" + response.statusCode() + " "
                    + response.asString() + ") breaks our " + marketplace + " contract: " + errors);
        }
        return response;
    }
}
