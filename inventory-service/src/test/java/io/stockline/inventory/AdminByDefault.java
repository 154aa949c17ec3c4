package io.stockline.inventory;

import java.util.List;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.stockline.testsupport.Tokens;

/**
 * Every API test calls as an admin unless it sends a token of its own, so that the tests of behaviour are
 * not about tokens; RoleMatrixTest switches it off to call without one. Registered in META-INF/services.
 */
public class AdminByDefault implements QuarkusTestBeforeEachCallback {

    private static final String ADMIN = Tokens.bearer("admin");
    private static final Filter ADD_ADMIN_TOKEN = new AddAdminToken();
    private static volatile boolean enabled = true;

    private static final class AddAdminToken implements Filter {
        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                FilterContext context) {
            if (enabled && !request.getHeaders().hasHeaderWithName("Authorization")) {
                request.header("Authorization", ADMIN);
            }
            return context.next(request, response);
        }
    }

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        enabled = true;
        synchronized (RestAssured.class) {
            if (!RestAssured.filters().contains(ADD_ADMIN_TOKEN)) {
                // A class with test resources of its own (FuzzTest) restarts Quarkus, which loads this class again
                // while RestAssured keeps its filters: the filter of the earlier load reads that load's switch,
                // which nothing turns off any more, and would give RoleMatrixTest's calls "without a token" one.
                List<Filter> others = RestAssured.filters().stream()
                        .filter(filter -> !filter.getClass().getName().equals(AddAdminToken.class.getName())).toList();
                RestAssured.replaceFiltersWith(others);
                RestAssured.filters(ADD_ADMIN_TOKEN);
            }
        }
    }

    static void off() {
        enabled = false;
    }

    /** Back to calling as an admin, for a test that switched it off for a few calls. */
    static void on() {
        enabled = true;
    }
}
