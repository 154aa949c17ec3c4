package io.stockline.simulator.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What an injected failure looks like: a server error, the marketplace's rate-limit answer, or no timely answer. */
public enum FaultKind {
    SERVER_ERROR("500"), RATE_LIMITED("429"), TIMEOUT("TIMEOUT");

    private final String label;

    FaultKind(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static FaultKind fromLabel(Object value) {
        String text = String.valueOf(value).trim();
        for (FaultKind kind : values()) {
            if (kind.label.equalsIgnoreCase(text) || kind.name().equalsIgnoreCase(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown fault kind '" + text + "': use 500, 429 or TIMEOUT");
    }
}
