package io.stockline.simulator.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.stockline.simulator.service.Answer;

/** Turns a marketplace's answer into the HTTP response. */
final class Responses {

    private Responses() {
    }

    static Response of(Answer answer) {
        Response.ResponseBuilder response = Response.status(answer.status()).entity(answer.body());
        if (!answer.headers().containsKey("Content-Type")) {
            response.type(MediaType.APPLICATION_JSON_TYPE);
        }
        answer.headers().forEach(response::header);
        return response.build();
    }
}
