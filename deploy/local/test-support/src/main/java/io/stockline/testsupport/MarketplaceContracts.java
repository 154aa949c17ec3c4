package io.stockline.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.ValidationReport;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.ParseOptions;

/**
 * Stockline's own contracts with the marketplaces it calls ({@code marketplace-contracts/*.yaml} on the classpath,
 * in this module), as request and response validators for the connector and simulator tests.
 * <p>
 * The marketplaces' published specifications (Amazon's and eBay's) are optional extras: where the system property
 * or environment variable {@value #SPECS_LOCATION} names their folder (.ci/run sets it when the project's copy is in
 * reach), the tests also validate against them and check that our contracts
 * agree with them; without them those checks are skipped with a JUnit assumption, never passed silently. Nothing
 * outside the repository is needed for the build.
 */
public final class MarketplaceContracts {

    /** System property or environment variable naming the folder of the published specifications. */
    public static final String SPECS_LOCATION = "STOCKLINE_MARKETPLACE_SPECS";

    /** The message an upstream check is skipped with. */
    public static final String NOT_BESIDE = "published specs not beside the repository";

    /** The marketplaces Stockline calls: our contract, and the published spec where the marketplace publishes one. */
    public enum Marketplace {
        AMAZON("amazon-listings-items-2021-08-01.yaml", "amazon-sp-api-listingsItems_2021-08-01.json"),
        EBAY("ebay-sell-inventory-v1.yaml", "ebay-sell_inventory_v1_oas3.json"),
        SHOPIFY("shopify-admin-graphql.yaml", null),
        WOOCOMMERCE("woocommerce-rest-v3.yaml", null),
        BIGCOMMERCE("bigcommerce-rest-v3.yaml", null);

        private final String contract;
        private final String published;

        Marketplace(String contract, String published) {
            this.contract = contract;
            this.published = published;
        }

        /** Our contract's resource name, under {@code marketplace-contracts/}. */
        public String contract() {
            return contract;
        }

        /** The published spec's file name, if the marketplace publishes one. */
        public Optional<String> published() {
            return Optional.ofNullable(published);
        }
    }

    private static final Map<Marketplace, OpenApiInteractionValidator> CONTRACTS = new java.util.concurrent.ConcurrentHashMap<>();

    private MarketplaceContracts() {
    }

    /** Our contract's text. */
    public static String contractText(Marketplace marketplace) {
        String resource = "marketplace-contracts/" + marketplace.contract();
        try (InputStream in = MarketplaceContracts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** A validator of our contract, with the paths as the marketplace serves them. */
    public static OpenApiInteractionValidator contract(Marketplace marketplace) {
        return CONTRACTS.computeIfAbsent(marketplace, m -> OpenApiInteractionValidator
                .createForInlineApiSpecification(contractText(m)).build());
    }

    /** A validator of our contract with every path under {@code prefix} (the simulator serves /amazon/..., /ebay/...). */
    public static OpenApiInteractionValidator contract(Marketplace marketplace, String prefix) {
        return OpenApiInteractionValidator.createForInlineApiSpecification(contractText(marketplace))
                .withBasePathOverride(prefix).build();
    }

    /** Our contract as a parsed model. */
    public static OpenAPI contractModel(Marketplace marketplace) {
        return parse(new OpenAPIParser().readContents(contractText(marketplace), null, options()), marketplace.contract());
    }

    /**
     * The folder of the published specifications: {@value #SPECS_LOCATION} (system property, then environment).
     */
    public static Optional<Path> publishedSpecsDir() {
        String configured = System.getProperty(SPECS_LOCATION);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(SPECS_LOCATION);
        }
        if (configured == null || configured.isBlank()) {
            return Optional.empty();
        }
        Path dir = Path.of(configured).toAbsolutePath();
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }

    /** The published spec's file, where the marketplace publishes one and it is in reach. */
    public static Optional<Path> publishedSpec(Marketplace marketplace) {
        return marketplace.published().flatMap(file -> publishedSpecsDir().map(dir -> dir.resolve(file)))
                .filter(Files::isRegularFile);
    }

    /** Whether the published specs (Amazon's and eBay's) are in reach. */
    public static boolean publishedSpecsPresent() {
        return publishedSpec(Marketplace.AMAZON).isPresent() && publishedSpec(Marketplace.EBAY).isPresent();
    }

    /** Skips the calling test (visibly, as a failed assumption) unless the published specs are in reach. */
    public static void assumePublishedSpecs() {
        Assumptions.assumeTrue(publishedSpecsPresent(), NOT_BESIDE);
    }

    /** A validator of the marketplace's published spec; skips the calling test when it is not in reach. */
    public static OpenApiInteractionValidator published(Marketplace marketplace, String basePathOverride) {
        Optional<Path> spec = publishedSpec(marketplace);
        Assumptions.assumeTrue(spec.isPresent(), NOT_BESIDE);
        OpenApiInteractionValidator.Builder builder = OpenApiInteractionValidator.createForSpecificationUrl(spec.get().toUri().toString());
        if (basePathOverride != null) {
            builder.withBasePathOverride(basePathOverride);
        }
        return builder.build();
    }

    /** The published spec as a parsed model (Swagger 2.0 converted to OpenAPI 3); skips when it is not in reach. */
    public static OpenAPI publishedModel(Marketplace marketplace) {
        Optional<Path> spec = publishedSpec(marketplace);
        Assumptions.assumeTrue(spec.isPresent(), NOT_BESIDE);
        return parse(new OpenAPIParser().readLocation(spec.get().toUri().toString(), null, options()), spec.get().toString());
    }

    /** The ERROR-level messages of a report. */
    public static List<String> errors(ValidationReport report) {
        return report.getMessages().stream().filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(message -> message.getKey() + ": " + message.getMessage()).toList();
    }

    /**
     * Where our contract disagrees with the published spec: an operation of ours (path and method, the published
     * server's base path included) that is not theirs; a parameter of ours that they do not define, or define with
     * another type or location; a request field we require that they do not define (or define with another type); a
     * field our responses require that their response for the same status does not define with the same type.
     * Operations marked {@code x-stockline-not-in-published-spec} (token endpoints documented elsewhere) and auth
     * headers (their security schemes) are left out. Empty when they agree.
     */
    public static List<String> disagreements(Marketplace marketplace) {
        OpenAPI ours = contractModel(marketplace);
        OpenAPI theirs = publishedModel(marketplace);
        String theirBase = basePath(theirs);
        List<String> problems = new ArrayList<>();
        ours.getPaths().forEach((path, ourItem) -> ourItem.readOperationsMap().forEach((method, ourOperation) -> {
            if (ourOperation.getExtensions() != null && ourOperation.getExtensions().containsKey("x-stockline-not-in-published-spec")) {
                return;
            }
            String where = method + " " + path;
            PathItem theirItem = null;
            if (path.startsWith(theirBase)) {
                theirItem = theirs.getPaths().get(path.substring(theirBase.length()).isEmpty() ? "/" : path.substring(theirBase.length()));
            }
            Operation theirOperation = theirItem == null ? null : theirItem.readOperationsMap().get(method);
            if (theirOperation == null) {
                problems.add(where + ": no such operation in the published spec");
                return;
            }
            if (ourOperation.getOperationId() != null && !ourOperation.getOperationId().equals(theirOperation.getOperationId())) {
                problems.add(where + ": operationId " + ourOperation.getOperationId() + " is " + theirOperation.getOperationId() + " there");
            }
            List<Parameter> theirParameters = new ArrayList<>();
            addAll(theirParameters, theirItem.getParameters());
            addAll(theirParameters, theirOperation.getParameters());
            List<Parameter> ourParameters = new ArrayList<>();
            addAll(ourParameters, ourItem.getParameters());
            addAll(ourParameters, ourOperation.getParameters());
            for (Parameter ourParameter : ourParameters) {
                if ("header".equals(ourParameter.getIn()) && AUTH_HEADERS.contains(ourParameter.getName().toLowerCase())) {
                    continue;
                }
                Parameter theirParameter = theirParameters.stream()
                        .filter(p -> p.getName().equalsIgnoreCase(ourParameter.getName()) && p.getIn().equals(ourParameter.getIn()))
                        .findFirst().orElse(null);
                if (theirParameter == null) {
                    problems.add(where + ": parameter " + ourParameter.getIn() + " " + ourParameter.getName() + " is not defined there");
                } else if (!sameType(ourParameter.getSchema(), theirParameter.getSchema())) {
                    problems.add(where + ": parameter " + ourParameter.getName() + " is " + type(ourParameter.getSchema()) + " here, "
                            + type(theirParameter.getSchema()) + " there");
                } else if (Boolean.TRUE.equals(theirParameter.getRequired()) && !Boolean.TRUE.equals(ourParameter.getRequired())) {
                    problems.add(where + ": parameter " + ourParameter.getName() + " is required there but not here");
                }
            }
            for (Parameter theirParameter : theirParameters) {
                boolean ourHasIt = ourParameters.stream().anyMatch(p -> p.getName().equalsIgnoreCase(theirParameter.getName()));
                boolean contentType = "header".equals(theirParameter.getIn()) && "content-type".equalsIgnoreCase(theirParameter.getName());
                if (Boolean.TRUE.equals(theirParameter.getRequired()) && !ourHasIt && !contentType) {
                    problems.add(where + ": required parameter " + theirParameter.getName() + " is missing here");
                }
            }
            Schema<?> ourBody = body(ourOperation.getRequestBody() == null ? null : ourOperation.getRequestBody().getContent());
            Schema<?> theirBody = body(theirOperation.getRequestBody() == null ? null : theirOperation.getRequestBody().getContent());
            if (ourBody != null) {
                if (theirBody == null) {
                    problems.add(where + ": the published spec has no request body");
                } else {
                    compare(where + " request", ourBody, theirBody, true, problems, new HashSet<>());
                }
            }
            if (ourOperation.getResponses() != null) {
                ourOperation.getResponses().forEach((status, ourResponse) -> {
                    ApiResponse theirResponse = theirOperation.getResponses() == null ? null : theirOperation.getResponses().get(status);
                    Schema<?> ourSchema = body(ourResponse.getContent());
                    Schema<?> theirSchema = theirResponse == null ? null : body(theirResponse.getContent());
                    if (ourSchema != null && theirSchema != null) {
                        compare(where + " " + status, ourSchema, theirSchema, false, problems, new HashSet<>());
                    }
                });
            }
        }));
        return problems;
    }

    private static final Set<String> AUTH_HEADERS = Set.of("authorization", "x-amz-access-token");

    private static void compare(String where, Schema<?> ours, Schema<?> theirs, boolean request, List<String> problems, Set<String> seen) {
        if (!seen.add(where)) {
            return;
        }
        if (!sameType(ours, theirs)) {
            problems.add(where + ": " + type(ours) + " here, " + type(theirs) + " there");
            return;
        }
        if (ours.getItems() != null && theirs.getItems() != null) {
            compare(where + "[]", ours.getItems(), theirs.getItems(), request, problems, seen);
        }
        if (ours.getProperties() == null) {
            return;
        }
        List<String> ourRequired = ours.getRequired() == null ? List.of() : ours.getRequired();
        Map<String, Schema> theirProperties = theirs.getProperties() == null ? Map.of() : theirs.getProperties();
        ours.getProperties().forEach((name, ourProperty) -> {
            Schema<?> theirProperty = theirProperties.get(name);
            boolean required = ourRequired.contains(name);
            if (theirProperty == null) {
                if (required || request) {
                    problems.add(where + "." + name + ": " + (required ? "required here, " : "") + "not defined there");
                }
                return;
            }
            compare(where + "." + name, ourProperty, theirProperty, request, problems, seen);
        });
    }

    private static boolean sameType(Schema<?> ours, Schema<?> theirs) {
        String ourType = type(ours);
        String theirType = type(theirs);
        return ourType == null || theirType == null || ourType.equals(theirType);
    }

    private static String type(Schema<?> schema) {
        return schema == null ? null : schema.getType();
    }

    private static Schema<?> body(io.swagger.v3.oas.models.media.Content content) {
        if (content == null || content.isEmpty()) {
            return null;
        }
        MediaType json = content.get("application/json");
        MediaType media = json != null ? json : content.values().iterator().next();
        return media.getSchema();
    }

    private static String basePath(OpenAPI api) {
        if (api.getServers() == null || api.getServers().isEmpty()) {
            return "";
        }
        io.swagger.v3.oas.models.servers.Server server = api.getServers().get(0);
        String url = server.getUrl();
        if (server.getVariables() != null) {
            for (var variable : server.getVariables().entrySet()) {
                url = url.replace("{" + variable.getKey() + "}", variable.getValue().getDefault());
            }
        }
        String path = url.replaceFirst("^[a-z]+://[^/]*", "");
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static <T> void addAll(List<T> into, List<T> from) {
        if (from != null) {
            into.addAll(from);
        }
    }

    private static ParseOptions options() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        return options;
    }

    private static OpenAPI parse(io.swagger.v3.parser.core.models.SwaggerParseResult result, String what) {
        if (result.getOpenAPI() == null) {
            throw new IllegalStateException("cannot read " + what + ": " + result.getMessages());
        }
        return result.getOpenAPI();
    }
}
