package io.stockline.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.junit.jupiter.api.Test;

class StocklineOpenApiFilterTest {

    private static Operation operation(String id, String tag, String role) {
        Operation operation = OASFactory.createOperation().operationId(id).addTag(tag)
                .responses(OASFactory.createAPIResponses()
                        .addAPIResponse("200", OASFactory.createAPIResponse().description("OK"))
                        .addAPIResponse("409", OASFactory.createAPIResponse().description("Conflict")));
        if (role != null) {
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer", List.of(role)));
        }
        return operation;
    }

    private static OpenAPI document(Operation a, Operation b) {
        return OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/a", OASFactory.createPathItem().POST(a))
                .addPathItem("/b", OASFactory.createPathItem().POST(b)));
    }

    @Test
    void statesTheRoleAndTheProblemOfEveryErrorAnswer() {
        Operation reserve = operation("reserve", "Reservations", "operator");
        Operation open = operation("health", "Health", null);
        OpenAPI openAPI = document(reserve, open);

        new StocklineOpenApiFilter().filterOpenAPI(openAPI);

        assertThat(reserve.getExtensions()).containsEntry("x-stockline-role", "operator");
        assertThat(reserve.getDescription()).contains("`operator` role");
        assertThat(reserve.getSecurity().get(0).getScheme("bearer")).isEmpty();
        assertThat(open.getExtensions()).containsEntry("x-stockline-role", "none");
        assertThat(reserve.getResponses().getAPIResponse("409").getContent().getMediaType("application/problem+json")
                .getSchema().getRef()).isEqualTo("#/components/schemas/Problem");
        assertThat(reserve.getResponses().getAPIResponse("200").getContent()).isNull();
        assertThat(openAPI.getComponents().getSchemas()).containsKey("Problem");
        assertThat(openAPI.getTags()).extracting(tag -> tag.getName()).containsExactly("Health", "Reservations");
    }

    @Test
    void qualifiesDuplicateOperationIdsByTheirTag() {
        Operation orders = operation("create", "Purchase orders", "operator");
        Operation suppliers = operation("create", "Suppliers", "admin");

        new StocklineOpenApiFilter().filterOpenAPI(document(orders, suppliers));

        assertThat(orders.getOperationId()).isEqualTo("purchaseOrdersCreate");
        assertThat(suppliers.getOperationId()).isEqualTo("suppliersCreate");
    }
}
