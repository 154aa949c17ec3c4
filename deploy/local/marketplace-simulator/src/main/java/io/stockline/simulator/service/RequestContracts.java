package io.stockline.simulator.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.stockline.simulator.domain.Marketplace;

/**
 * The documents the simulator holds Amazon's and eBay's requests to, as the real APIs hold them: the marketplace's
 * published specification where one is named ({@code simulator.marketplace-specs}, else the folder named by
 * {@value #SPECS_LOCATION}), otherwise
 * our contract ({@code marketplace-contracts/*.yaml}, the same files the tests use, from test-support). Security is
 * left to the services (they answer 401/403 in the marketplace's own shape), and so are the OAuth token endpoints
 * (RFC 6749 errors, documented apart from these APIs).
 */
@Startup
@ApplicationScoped
public class RequestContracts {

    /** System property or environment variable naming the folder of the published specifications (as in test-support). */
    public static final String SPECS_LOCATION = "STOCKLINE_MARKETPLACE_SPECS";

    /** One refusal: the field (a JSON pointer into the body, or the parameter's name; "" when none) and why. */
    public record Violation(String field, String message) {
    }

    /** What a request was checked against ("published" or "contract") and what it broke (empty: nothing). */
    public record Verdict(String against, List<Violation> violations) {
        public boolean valid() {
            return violations.isEmpty();
        }
    }

    private record Validators(Optional<OpenApiInteractionValidator> published, String publishedName,
            OpenApiInteractionValidator contract) {
    }

    private static final String PATH_MISSING = "validation.request.path.missing";
    private static final String OPERATION_NOT_ALLOWED = "validation.request.operation.notAllowed";

    private final Map<Marketplace, Validators> validators = new EnumMap<>(Marketplace.class);

    public RequestContracts(@ConfigProperty(name = "simulator.marketplace-specs") Optional<String> configured) {
        Optional<Path> specs = specsDir(configured);
        validators.put(Marketplace.EBAY, validators(specs, "ebay-sell_inventory_v1_oas3.json", "/ebay/sell/inventory/v1",
                "ebay-sell-inventory-v1.yaml", "/ebay"));
        validators.put(Marketplace.AMAZON, validators(specs, "amazon-sp-api-listingsItems_2021-08-01.json", "/amazon",
                "amazon-listings-items-2021-08-01.yaml", "/amazon"));
    }

    /** Whether requests to the marketplace are checked against its published spec (rather than our contract). */
    public boolean againstPublished(Marketplace marketplace) {
        return validators.get(marketplace).published().isPresent();
    }

    /** Checks one request; a marketplace not held to a document here, or a path neither document knows, passes. */
    public Verdict check(Marketplace marketplace, Request request) {
        Validators held = validators.get(marketplace);
        if (held == null) {
            return new Verdict("none", List.of());
        }
        if (held.published().isPresent()) {
            ValidationReport report = held.published().get().validateRequest(request);
            if (!unknownOperation(report)) {
                return new Verdict("published " + held.publishedName(), violations(report));
            }
        }
        ValidationReport report = held.contract().validateRequest(request);
        return unknownOperation(report) ? new Verdict("none", List.of()) : new Verdict("contract", violations(report));
    }

    private static boolean unknownOperation(ValidationReport report) {
        return report.getMessages().stream().anyMatch(message -> PATH_MISSING.equals(message.getKey())
                || OPERATION_NOT_ALLOWED.equals(message.getKey()));
    }

    private static List<Violation> violations(ValidationReport report) {
        List<Violation> violations = new ArrayList<>();
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() != ValidationReport.Level.ERROR || aboutAuth(message)) {
                continue;
            }
            String field = message.getContext().flatMap(ValidationReport.MessageContext::getPointers)
                    .map(ValidationReport.MessageContext.Pointers::getInstance)
                    .filter(pointer -> !pointer.isBlank() && !"/".equals(pointer))
                    .map(RequestContracts::dotted)
                    .or(() -> message.getContext().flatMap(ValidationReport.MessageContext::getParameter).map(p -> p.getName()))
                    .orElse("");
            String text = message.getMessage();
            // a schema message about a missing property names it in its text: take the property as the field
            if (message.getKey().endsWith(".schema.required")) {
                int quote = text.indexOf("[\"");
                int end = quote < 0 ? -1 : text.indexOf("\"]", quote);
                if (end > quote + 2) {
                    String missing = text.substring(quote + 2, end).split("\",\"")[0];
                    field = field.isEmpty() ? missing : field + "." + missing;
                }
            }
            violations.add(new Violation(field, text));
        }
        return violations;
    }

    /** Credentials are the services' to judge (401/403 in the marketplace's shape), whether a scheme or a header parameter. */
    private static boolean aboutAuth(ValidationReport.Message message) {
        return message.getContext().flatMap(ValidationReport.MessageContext::getParameter)
                .map(parameter -> "header".equals(parameter.getIn()) && AUTH_HEADERS.contains(parameter.getName().toLowerCase()))
                .orElse(false);
    }

    private static final java.util.Set<String> AUTH_HEADERS = java.util.Set.of("authorization", "x-amz-access-token");

    /** "/requests/0/shipToLocationAvailability/quantity" -> "requests[0].shipToLocationAvailability.quantity". */
    static String dotted(String pointer) {
        StringBuilder field = new StringBuilder();
        for (String part : pointer.substring(pointer.startsWith("/") ? 1 : 0).split("/")) {
            String name = part.replace("~1", "/").replace("~0", "~");
            if (name.matches("\\d+")) {
                field.append('[').append(name).append(']');
            } else {
                field.append(field.isEmpty() ? "" : ".").append(name);
            }
        }
        return field.toString();
    }

    private static Validators validators(Optional<Path> specs, String publishedFile, String publishedBase, String contract,
            String contractBase) {
        Optional<Path> published = specs.map(dir -> dir.resolve(publishedFile)).filter(Files::isRegularFile);
        Optional<OpenApiInteractionValidator> publishedValidator = published.map(file -> OpenApiInteractionValidator
                .createForSpecificationUrl(file.toUri().toString()).withBasePathOverride(publishedBase)
                .withLevelResolver(levels()).build());
        Log.infof("requests under %s are validated against %s", contractBase,
                published.map(file -> "the published spec " + file).orElse("our contract marketplace-contracts/" + contract));
        return new Validators(publishedValidator, publishedFile, OpenApiInteractionValidator
                .createForInlineApiSpecification(resource("marketplace-contracts/" + contract))
                .withBasePathOverride(contractBase).withLevelResolver(levels()).build());
    }

    /** Auth is the services' to answer (401/403 in the marketplace's shape); everything else in the request counts. */
    private static LevelResolver levels() {
        return LevelResolver.create().withLevel("validation.request.security", ValidationReport.Level.IGNORE).build();
    }

    /**
     * The published specs' folder: the configured one, else {@value #SPECS_LOCATION}; nothing is looked for beyond what
     * is named (a clone has nothing beside it), and a named folder that is not there means our contract.
     */
    static Optional<Path> specsDir(Optional<String> configured) {
        String named = configured.filter(value -> !value.isBlank()).orElseGet(() -> {
            String property = System.getProperty(SPECS_LOCATION);
            return property != null && !property.isBlank() ? property : System.getenv(SPECS_LOCATION);
        });
        if (named == null || named.isBlank()) {
            return Optional.empty();
        }
        Path dir = Path.of(named).toAbsolutePath();
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }

    private static String resource(String name) {
        try (InputStream in = RequestContracts.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no " + name + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
