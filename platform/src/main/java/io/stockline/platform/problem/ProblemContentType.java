package io.stockline.platform.problem;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * Every problem answer is {@code application/problem+json}. A refusal made while a resource method was chosen (bean
 * validation of its body) took the method's {@code application/json} when the request sent no {@code Accept}, which
 * the fuzz tests found; clients tell a problem from a resource by this type.
 */
public class ProblemContentType {

    public static final String PROBLEM_JSON = "application/problem+json";

    @ServerResponseFilter
    public void problemJson(ContainerResponseContext response) {
        if (response.getStatus() >= 400 && response.getEntity() instanceof HttpProblem
                && (response.getMediaType() == null || !response.getMediaType().getSubtype().equals("problem+json"))) {
            response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON);
        }
    }
}
