package io.stockline.inventory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.TokenRefusals;

/** A token for another audience, expired, past the maximum age or signed with another key gets 401, never data. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class TokenRefusalTest extends TokenRefusals {

    TokenRefusalTest() {
        super("/api/v1/audit");
    }
}
