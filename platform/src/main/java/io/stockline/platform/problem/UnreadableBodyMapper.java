package io.stockline.platform.problem;

import java.util.stream.Collectors;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * A body that is JSON but not of the expected shape (an array or a string where an object belongs, cut short inside a
 * value) is a 400 problem naming the field where reading stopped. Quarkus' own mapper for it answered 400 without a
 * body, which the fuzz tests found; a wrong value of a known field (InvalidFormatException) and an unknown field keep
 * quarkus-resteasy-problem's more specific mappers.
 */
public class UnreadableBodyMapper {

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response map(MismatchedInputException unreadable) {
        String field = unreadable.getPath().stream().map(UnreadableBodyMapper::step).collect(Collectors.joining("."))
                .replace(".[", "[");
        HttpProblem.Builder problem = HttpProblem.builder().withStatus(400).withTitle("Bad Request");
        if (field.isEmpty()) {
            return problem.withDetail("the body is not a JSON object of the expected shape").build().toResponse();
        }
        return problem.withDetail("the value of " + field + " cannot be read").with("field", field).build().toResponse();
    }

    private static String step(JsonMappingException.Reference reference) {
        return reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]";
    }
}
