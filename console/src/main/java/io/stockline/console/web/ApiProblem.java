package io.stockline.console.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.stockline.platform.problem.RuleViolation;

/**
 * A service's refusal as a page shows it: the problem's title and detail, and each field's message beside its field,
 * word for word as the API says it.
 */
public record ApiProblem(int status, String title, String detail, Map<String, String> fields) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ApiProblem of(WebApplicationException refusal) {
        Response response = refusal.getResponse();
        int status = response.getStatus();
        try {
            String body = response.readEntity(String.class);
            JsonNode problem = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
            Map<String, String> fields = new LinkedHashMap<>();
            for (JsonNode violation : problem.path("violations")) {
                String field = violation.path("field").asText("");
                String message = violation.path("message").asText("");
                fields.merge(field, message, (a, b) -> a + "; " + b);
            }
            if (problem.hasNonNull("field") && !fields.containsKey(problem.get("field").asText())) {
                fields.put(problem.get("field").asText(), problem.path("detail").asText(""));
            }
            return new ApiProblem(status, problem.path("title").asText(defaultTitle(status)),
                    problem.path("detail").asText(""), fields);
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return new ApiProblem(status, defaultTitle(status), "", Map.of());
        }
    }

    /** A refusal of the console's own, worded as the services word theirs. */
    public static ApiProblem of(RuleViolation refusal) {
        String title = refusal.title() != null ? refusal.title() : refusal.kind().title();
        if (refusal.field() == null) {
            return new ApiProblem(refusal.status(), title, refusal.getMessage(), Map.of());
        }
        return new ApiProblem(refusal.status(), title, refusal.field() + ": " + refusal.getMessage(),
                Map.of(refusal.field(), refusal.getMessage()));
    }

    /** The message for {@code field}, or null. */
    public String on(String field) {
        return fields.get(field);
    }

    /** The same problem with {@code prefix} in its field names replaced, for a form that names its fields apart. */
    public ApiProblem renamed(String prefix, String replacement) {
        Map<String, String> renamed = new LinkedHashMap<>();
        fields.forEach((field, message) -> renamed.merge(field.startsWith(prefix)
                ? replacement + field.substring(prefix.length()) : field, message, (a, b) -> a + "; " + b));
        return new ApiProblem(status, title, detail, renamed);
    }

    /** Every field's message, for a page with no field to show them beside. */
    public List<String> messages() {
        return others(List.of());
    }

    /** Messages about fields the form does not show (so none is lost). */
    public List<String> others(List<String> shown) {
        List<String> others = new ArrayList<>();
        fields.forEach((field, message) -> {
            if (!shown.contains(field)) {
                others.add(field.isEmpty() ? message : field + ": " + message);
            }
        });
        return others;
    }

    private static String defaultTitle(int status) {
        return switch (status) {
            case 401 -> "Your sign-in has expired";
            case 403 -> "Your role may not do this";
            case 404 -> "Not found";
            default -> status >= 500 ? "The service could not answer" : "Refused";
        };
    }
}
