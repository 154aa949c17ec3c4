package io.stockline.platform.problem;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkiverse.resteasy.problem.validation.HttpValidationProblem;
import io.quarkiverse.resteasy.problem.validation.Violation;

/**
 * A request that breaks a rule in several places at once (every bad line of an uploaded file), so the caller can
 * mend them all in one go: one problem JSON whose {@code violations} name each field at fault. A
 * {@link RuleViolation} of the first, so code that handles one handles this too.
 */
public class RuleViolations extends RuleViolation {

    /** One part of the request at fault. */
    public record FieldError(String field, String message) {
    }

    private final List<FieldError> errors;

    public RuleViolations(Kind kind, In in, List<FieldError> errors) {
        super(kind, in, errors.get(0).field(),
                errors.get(0).message() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""), null);
        this.errors = List.copyOf(errors);
    }

    /** Bad input in the body: 400. */
    public static RuleViolations invalid(List<FieldError> errors) {
        return new RuleViolations(Kind.INVALID, In.BODY, errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Takes precedence over {@link RuleViolationMapper} for this subtype: every field, not only the first. */
    public static class Mapper {

        @ServerExceptionMapper
        public Response map(RuleViolations violations) {
            Violation.In in = RuleViolationMapper.where(violations.in());
            return new HttpValidationProblem(violations.status(), violations.title(), violations.errors().stream()
                    .map(error -> in.field(error.field()).message(error.message())).toList()).toResponse();
        }
    }
}
