package io.stockline.simulator.service;

import java.util.LinkedHashMap;
import java.util.Map;

/** A marketplace's answer before it becomes an HTTP response: status, headers and a JSON (or text) body. */
public record Answer(int status, Map<String, String> headers, Object body) {

    public static Answer of(int status, Object body) {
        return new Answer(status, Map.of(), body);
    }

    public Answer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Answer(status, Map.copyOf(more), body);
    }
}
