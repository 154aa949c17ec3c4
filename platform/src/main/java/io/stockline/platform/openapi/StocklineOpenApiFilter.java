package io.stockline.platform.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * What every Stockline OpenAPI document says the same way (registered by the platform's {@code mp.openapi.filter}):
 * the role each operation needs, from the scopes Quarkus derives from its {@code @RolesAllowed}, in its description
 * and as {@code x-stockline-role}; the problem JSON (RFC 9457) of every 4xx and 5xx answer, as the
 * {@code Problem} schema, since the platform's mappers answer every failure that way; the refusals every operation can
 * answer (400 and 422 for one taking input, 409 for one changing state, 404 for one naming a resource in its path); and, since Jackson writes an absent
 * value as {@code null}, that a property a schema does not require may be {@code null}. The services' REST tests hold
 * every exchange to the document so written (test-support's {@code OpenApiConformance}).
 */
public class StocklineOpenApiFilter implements OASFilter {

    public static final String ROLE_EXTENSION = "x-stockline-role";
    public static final String PROBLEM = "Problem";
    public static final String PROBLEM_JSON = "application/problem+json";

    /** The answer schemas quarkus-resteasy-problem registers; every error answer here is the one Problem instead. */
    private static final List<String> REPLACED = List.of("HttpProblem", "HttpValidationProblem", "Violation");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSchema(PROBLEM, problem());
        if (openAPI.getServers() == null || openAPI.getServers().isEmpty()) {
            openAPI.addServer(OASFactory.createServer().url("/").description("The service that serves this document"));
        }
        Set<String> tagged = new TreeSet<>();
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            for (PathItem item : openAPI.getPaths().getPathItems().values()) {
                if (item.getOperations() != null) {
                    for (Operation operation : item.getOperations().values()) {
                        documentRefusals(item, operation);
                        describe(operation);
                        if (operation.getTags() != null) {
                            tagged.addAll(operation.getTags());
                        }
                    }
                }
            }
        }
        qualifyDuplicateIds(openAPI);
        // every tag an operation names is declared, so tools group by it (an @Tag on the resource describes it)
        Set<String> declared = new TreeSet<>();
        if (openAPI.getTags() != null) {
            openAPI.getTags().forEach(tag -> declared.add(tag.getName()));
        }
        tagged.stream().filter(tag -> !declared.contains(tag))
                .forEach(tag -> openAPI.addTag(OASFactory.createTag().name(tag).description("Operations on " + tag.toLowerCase() + ".")));
        if (components.getSchemas() != null) {
            REPLACED.forEach(components::removeSchema);
            components.getSchemas().values().forEach(StocklineOpenApiFilter::optionalMayBeNull);
        }
    }

    /**
     * The answers every operation of a kind can give, documented where its resource left them out: 400 when it takes
     * a body or parameters (a value of the wrong type is refused before any resource code runs) and 422 (a
     * {@code RuleViolation} of a business rule), 409 when it changes state (a conflict with it), 404 when its path,
     * body or parameters name a resource (a name that names none, or is no id at all).
     */
    static void documentRefusals(PathItem item, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        List<Parameter> parameters = new ArrayList<>();
        if (item.getParameters() != null) {
            parameters.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            parameters.addAll(operation.getParameters());
        }
        boolean input = operation.getRequestBody() != null || !parameters.isEmpty();
        boolean named = parameters.stream().anyMatch(parameter -> parameter.getIn() == Parameter.In.PATH);
        boolean changes = operation != item.getGET() && operation != item.getHEAD() && operation != item.getOPTIONS();
        if (input && !operation.getResponses().hasAPIResponse("400")) {
            operation.getResponses().addAPIResponse("400", OASFactory.createAPIResponse()
                    .description("Bad input: the problem's `violations` name the field or parameter at fault."));
        }
        if (input && !operation.getResponses().hasAPIResponse("422")) {
            operation.getResponses().addAPIResponse("422", OASFactory.createAPIResponse()
                    .description("Well-formed, but a business rule refuses it (the problem's `violations` name the field)."));
        }
        if (changes && !operation.getResponses().hasAPIResponse("409")) {
            operation.getResponses().addAPIResponse("409", OASFactory.createAPIResponse()
                    .description("It conflicts with the current state (exists already, not enough stock, a document in "
                            + "another state); the problem's `violations` name the field."));
        }
        // a body or a query names things too (the SKU and location of a movement)
        if ((named || input) && !operation.getResponses().hasAPIResponse("404")) {
            operation.getResponses().addAPIResponse("404", OASFactory.createAPIResponse()
                    .description("Nothing is known by a name it gives (the problem's `violations` name the field or parameter)."));
        }
    }

    /**
     * Marks every property the schema does not require as nullable ({@code "type": [..., "null"]}, or a reference as
     * {@code anyOf} it and {@code null}): the services write an absent value as {@code null}, and a client generated
     * from the document must take it. A decimal (a number without a format, a BigDecimal) may be a string too.
     * Inline object schemas, array items and map values are walked too.
     */
    static void optionalMayBeNull(Schema schema) {
        if (schema == null) {
            return;
        }
        if (schema.getItems() != null) {
            optionalMayBeNull(schema.getItems());
        }
        if (schema.getAdditionalPropertiesSchema() != null) {
            optionalMayBeNull(schema.getAdditionalPropertiesSchema());
        }
        if (schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        for (Map.Entry<String, Schema> property : schema.getProperties().entrySet()) {
            Schema value = property.getValue();
            optionalMayBeNull(value);
            // a number without a format is a BigDecimal, which Jackson also reads from a string ("3.20"): money is
            // often sent so to keep its precision
            if (value.getType() != null && value.getType().contains(SchemaType.NUMBER) && value.getFormat() == null
                    && !value.getType().contains(SchemaType.STRING)) {
                value.addType(SchemaType.STRING);
            }
            if (required.contains(property.getKey())) {
                continue;
            }
            if (value.getRef() != null) {
                String ref = value.getRef();
                value.setRef(null);
                value.setAnyOf(List.of(OASFactory.createSchema().ref(ref), OASFactory.createSchema().addType(SchemaType.NULL)));
            } else if (value.getType() != null && !value.getType().isEmpty() && !value.getType().contains(SchemaType.NULL)) {
                value.addType(SchemaType.NULL);
            }
        }
    }

    /**
     * Operation ids come from method names, and two resources may both have a {@code create}: a duplicate becomes
     * its first tag plus the name ({@code purchaseOrdersCreate}), so generated clients keep one method per operation.
     */
    static void qualifyDuplicateIds(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        List<Operation> operations = openAPI.getPaths().getPathItems().values().stream()
                .filter(item -> item.getOperations() != null)
                .flatMap(item -> item.getOperations().values().stream()).toList();
        Map<String, Long> counts = operations.stream().filter(operation -> operation.getOperationId() != null)
                .collect(java.util.stream.Collectors.groupingBy(Operation::getOperationId,
                        java.util.stream.Collectors.counting()));
        for (Operation operation : operations) {
            String id = operation.getOperationId();
            if (id != null && counts.get(id) > 1 && operation.getTags() != null && !operation.getTags().isEmpty()) {
                String tag = operation.getTags().get(0).replaceAll("[^A-Za-z0-9]+", " ").strip();
                StringBuilder qualified = new StringBuilder();
                for (String word : tag.split(" ")) {
                    if (!word.isEmpty()) {
                        qualified.append(qualified.length() == 0 ? Character.toLowerCase(word.charAt(0))
                                : Character.toUpperCase(word.charAt(0))).append(word.substring(1));
                    }
                }
                operation.setOperationId(qualified.toString() + Character.toUpperCase(id.charAt(0)) + id.substring(1));
            }
        }
    }

    static void describe(Operation operation) {
        String role = role(operation.getSecurity());

        // the role goes into the extension and the description, not the scopes: a bearer scheme has no scopes
        if (operation.getSecurity() != null) {
            for (SecurityRequirement requirement : operation.getSecurity()) {
                if (requirement.getSchemes() != null) {
                    List.copyOf(requirement.getSchemes().keySet()).forEach(scheme -> requirement.addScheme(scheme, List.<String>of()));
                }
            }
        }
        operation.addExtension(ROLE_EXTENSION, role == null ? "none" : role);
        String needs = role == null ? "No token needed."
                : "Needs a bearer token with the `" + role + "` role" + including(role) + ".";
        String description = operation.getDescription();
        operation.setDescription(description == null || description.isBlank() ? needs : description.strip() + "\n\n" + needs);
        if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
            for (Map.Entry<String, APIResponse> answer : operation.getResponses().getAPIResponses().entrySet()) {
                if (answer.getKey().startsWith("4") || answer.getKey().startsWith("5")) {
                    answer.getValue().setContent(OASFactory.createContent().addMediaType(PROBLEM_JSON,
                            OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM))));
                }
            }
        }
    }

    private static String including(String role) {
        return switch (role) {
            case "viewer" -> " (operator and admin include it)";
            case "operator" -> " (admin includes it)";
            default -> "";
        };
    }

    /** The lowest role among the scopes of the operation's security requirements (they are alternatives). */
    static String role(List<SecurityRequirement> security) {
        if (security == null) {
            return null;
        }
        List<String> order = List.of("viewer", "operator", "admin");
        String lowest = null;
        for (SecurityRequirement requirement : security) {
            if (requirement.getSchemes() == null) {
                continue;
            }
            for (List<String> scopes : requirement.getSchemes().values()) {
                for (String scope : scopes == null ? List.<String>of() : scopes) {
                    if (lowest == null || rank(order, scope) < rank(order, lowest)) {
                        lowest = scope;
                    }
                }
            }
        }
        return lowest;
    }

    private static int rank(List<String> order, String role) {
        int at = order.indexOf(role);
        return at < 0 ? order.size() : at;
    }

    static Schema problem() {
        Schema violation = OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("One part of the request at fault.")
                .addProperty("field", string("The field, parameter or header at fault, e.g. `quantity`."))
                .addProperty("in", string("Where it sits in the request.")
                        .enumeration(List.of("body", "path", "query", "header")))
                .addProperty("message", string("What is wrong with it."));
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("RFC 9457 problem details: every 4xx and 5xx answer of a Stockline API.")
                .addProperty("type", string("A URI naming the kind of problem (`about:blank` when the status says it all)."))
                .addProperty("title", string("A short summary of the kind of problem, e.g. `Insufficient stock`."))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .description("The HTTP status code."))
                .addProperty("detail", string("What went wrong with this request."))
                .addProperty("instance", string("The path of the request."))
                .addProperty("field", string("The body field whose value could not be read (of the wrong type, or "
                        + "outside its enumeration), when the body was refused before its fields were checked."))
                .addProperty("violations", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .description("The parts of the request at fault (400, 404, 409 and 422 answers).")
                        .items(violation))
                .addExample(Map.of("title", "Insufficient stock", "status", 409, "instance", "/api/v1/reservations",
                        "violations", List.of(Map.of("field", "lines[0].quantity", "in", "body",
                                "message", "only 3 available at WH1"))));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }
}
