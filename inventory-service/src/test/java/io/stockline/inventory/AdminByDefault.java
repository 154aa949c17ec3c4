package io.stockline.inventory;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.stockline.testsupport.Tokens;

/**
 * Every API test calls as an admin unless it sends a token of its own, so that the tests of behaviour are
 * not about tokens; RoleMatrixTest switches it off to call without one. Registered in META-INF/services.
 */
public class AdminByDefault implements QuarkusTestBeforeEachCallback {

    private static final String ADMIN = Tokens.bearer("admin");
    private static volatile boolean enabled = true;
    private static boolean installed;

    private static final Filter ADD_ADMIN_TOKEN = (request, response, context) -> {
        if (enabled && !request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", ADMIN);
        }
        return context.next(request, response);
    };

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        enabled = true;
        synchronized (AdminByDefault.class) {
            if (!installed) {
                RestAssured.filters(ADD_ADMIN_TOKEN);
                installed = true;
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
