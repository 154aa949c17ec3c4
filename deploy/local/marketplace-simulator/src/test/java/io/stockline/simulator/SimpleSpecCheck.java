package io.stockline.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import io.restassured.response.Response;

/** Checks only an answer against the spec, for requests that break it on purpose. */
final class SimpleSpecCheck {

    private SimpleSpecCheck() {
    }

    static void responseOnly(OpenApiInteractionValidator spec, Request.Method method, String path, Map<String, String> query,
            Response response) {
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode()).withBody(response.asString());
        response.headers().forEach(header -> answer.withHeader(header.getName(), header.getValue()));
        ValidationReport report = spec.validateResponse(path, method, answer.build());
        assertThat(report.getMessages()).as("spec violations of the answer %d %s", response.statusCode(), response.asString()).isEmpty();
    }
}
