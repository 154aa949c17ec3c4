package io.stockline.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
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

    @Test
    void documentsTheRefusalsEveryOperationOfItsKindCanGive() {
        Operation read = operation("item", "Items", "viewer");
        read.addParameter(OASFactory.createParameter().name("sku").in(Parameter.In.PATH));
        Operation list = operation("items", "Items", "viewer");
        list.addParameter(OASFactory.createParameter().name("limit").in(Parameter.In.QUERY));
        Operation plain = operation("health", "Health", "viewer");

        new StocklineOpenApiFilter().filterOpenAPI(OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/items/{sku}", OASFactory.createPathItem().GET(read))
                .addPathItem("/items", OASFactory.createPathItem().GET(list))
                .addPathItem("/health", OASFactory.createPathItem().GET(plain))));

        assertThat(read.getResponses().getAPIResponses()).containsKeys("400", "404", "409", "422");
        assertThat(read.getResponses().getAPIResponse("404").getContent().getMediaType("application/problem+json")
                .getSchema().getRef()).isEqualTo("#/components/schemas/Problem");
        assertThat(list.getResponses().getAPIResponses()).containsKeys("400", "404", "422");
        assertThat(plain.getResponses().getAPIResponses()).doesNotContainKeys("400", "404", "422");

        Operation create = OASFactory.createOperation().operationId("create").responses(OASFactory.createAPIResponses()
                .addAPIResponse("201", OASFactory.createAPIResponse().description("Created")));
        Operation find = OASFactory.createOperation().operationId("find").responses(OASFactory.createAPIResponses()
                .addAPIResponse("200", OASFactory.createAPIResponse().description("OK")));
        new StocklineOpenApiFilter().filterOpenAPI(OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/things", OASFactory.createPathItem().POST(create).GET(find))));
        assertThat(create.getResponses().getAPIResponses()).containsKey("409");
        assertThat(find.getResponses().getAPIResponses()).doesNotContainKey("409");
    }

    @Test
    void aPropertyNotRequiredMayBeNull() {
        Schema item = OASFactory.createSchema().addType(SchemaType.OBJECT).required(List.of("sku"))
                .addProperty("sku", OASFactory.createSchema().addType(SchemaType.STRING))
                .addProperty("note", OASFactory.createSchema().addType(SchemaType.STRING))
                .addProperty("unitCost", OASFactory.createSchema().addType(SchemaType.NUMBER))
                .addProperty("weight", OASFactory.createSchema().addType(SchemaType.NUMBER).format("double"))
                .addProperty("since", OASFactory.createSchema().ref("OffsetDateTime"))
                .addProperty("lines", OASFactory.createSchema().addType(SchemaType.ARRAY).items(OASFactory.createSchema()
                        .addType(SchemaType.OBJECT).addProperty("lot", OASFactory.createSchema().addType(SchemaType.STRING))));
        OpenAPI openAPI = OASFactory.createOpenAPI().components(OASFactory.createComponents().addSchema("Item", item));

        new StocklineOpenApiFilter().filterOpenAPI(openAPI);

        assertThat(item.getProperties().get("sku").getType()).containsExactly(SchemaType.STRING);
        assertThat(item.getProperties().get("note").getType()).containsExactly(SchemaType.STRING, SchemaType.NULL);
        assertThat(item.getProperties().get("unitCost").getType()).containsExactlyInAnyOrder(SchemaType.NUMBER, SchemaType.NULL, SchemaType.STRING);
        assertThat(item.getProperties().get("weight").getType()).containsExactly(SchemaType.NUMBER, SchemaType.NULL);
        Schema since = item.getProperties().get("since");
        assertThat(since.getRef()).isNull();
        assertThat(since.getAnyOf()).extracting(Schema::getRef).containsExactly("#/components/schemas/OffsetDateTime", null);
        assertThat(since.getAnyOf().get(1).getType()).containsExactly(SchemaType.NULL);
        assertThat(item.getProperties().get("lines").getType()).containsExactly(SchemaType.ARRAY, SchemaType.NULL);
        assertThat(item.getProperties().get("lines").getItems().getProperties().get("lot").getType())
                .containsExactly(SchemaType.STRING, SchemaType.NULL);
    }
}
