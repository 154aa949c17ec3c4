package io.stockline.testsupport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.stockline.platform.events.EventContract;

/**
 * For integrators: checks a file of events their system would send (CloudEvents in the JSON event format, one per
 * line or as one JSON array: {@code specversion}, {@code id}, {@code type}, {@code source}, {@code data} ...) against
 * deploy/asyncapi.yaml, as Stockline's own producers are checked: the attributes against the CloudEvent headers,
 * the data against the type's payload schema read strictly (a field the document does not name is reported too).
 * Prints one line per event and exits 1 when any event breaks the contract. Run by {@code deploy/local/validate-events}.
 */
public final class ValidateEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ValidateEvents() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: validate-events <file of CloudEvents, JSON lines or a JSON array>");
            System.exit(2);
        }
        System.exit(validate(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8), EventContract.bundled(), System.out));
    }

    /** Validates every event of {@code text}, prints a line for each, and answers the exit code (0: all kept). */
    public static int validate(String text, EventContract contract, PrintStream out) {
        List<String> events = new ArrayList<>();
        String trimmed = text.strip();
        if (trimmed.startsWith("[")) {
            try {
                JSON.readTree(trimmed).forEach(event -> events.add(event.toString()));
            } catch (IOException e) {
                out.println("not a JSON array: " + e.getMessage());
                return 1;
            }
        } else {
            trimmed.lines().filter(line -> !line.isBlank()).forEach(events::add);
        }
        int broken = 0;
        for (int i = 0; i < events.size(); i++) {
            List<String> problems = problems(events.get(i), contract);
            if (problems.isEmpty()) {
                out.println("event " + (i + 1) + ": ok");
            } else {
                broken++;
                out.println("event " + (i + 1) + ": " + String.join("; ", problems));
            }
        }
        out.println(events.size() + " events, " + broken + " breaking deploy/asyncapi.yaml");
        return broken == 0 && !events.isEmpty() ? 0 : 1;
    }

    private static List<String> problems(String text, EventContract contract) {
        JsonNode event;
        try {
            event = JSON.readTree(text);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!event.isObject()) {
            return List.of("not a JSON object");
        }
        String type = event.path("type").asText("");
        if (!contract.knows(type)) {
            return List.of("type '" + type + "' is not a message of the document (it knows " + contract.types() + ")");
        }
        List<String> problems = new ArrayList<>();
        ObjectNode headers = JSON.createObjectNode();
        event.properties().forEach(attribute -> {
            if (!attribute.getKey().equals("data") && attribute.getValue().isValueNode()) {
                headers.put("ce_" + attribute.getKey(), attribute.getValue().asText());
            }
        });
        contract.headerViolations(type, headers).forEach(problem -> problems.add("attributes " + problem));
        if (!event.has("data")) {
            problems.add("no data");
        } else {
            contract.strictViolations(type, event.get("data")).forEach(problem -> problems.add("data " + problem));
        }
        return problems;
    }
}
