package io.stockline.channel;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.stockline.testsupport.Tokens;

/** What the flow tests share: creating webhook channels through the API and reading what WireMock received. */
final class ChannelTesting {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One push as the webhook received it. */
    record Push(String sku, String listingId, long quantity, String idempotencyKey, ServeEvent event) {
    }

    private ChannelTesting() {
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a webhook channel posting to {@code /hooks/<id>}; {@code extra} is more JSON members, or empty. */
    static ValidatableResponse createWebhookChannel(String webhookBase, String id, String extra) {
        String body = """
                {"id":"%s","type":"WEBHOOK","endpoint":"%s%s","credentials":"%s"%s}"""
                .formatted(id, webhookBase, id, WebhookStub.SECRET_REF, extra.isBlank() ? "" : "," + extra);
        return given().header("Authorization", Tokens.bearer("admin")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/channels").then();
    }

    /** Every update the channel's webhook received (oldest first), optionally for one SKU. */
    static List<Push> pushes(WireMockServer server, String channel, String sku) {
        List<Push> pushes = new ArrayList<>();
        for (ServeEvent event : calls(server, channel)) {
            JsonNode body = body(event);
            for (JsonNode update : body.path("updates")) {
                if (sku == null || sku.equals(update.path("sku").asText())) {
                    pushes.add(new Push(update.path("sku").asText(), update.path("listingId").asText(),
                            update.path("quantity").asLong(), event.getRequest().getHeader("Idempotency-Key"), event));
                }
            }
        }
        return pushes;
    }

    static List<Long> quantities(WireMockServer server, String channel, String sku) {
        return pushes(server, channel, sku).stream().map(Push::quantity).toList();
    }

    /** The calls made to the channel's webhook, oldest first. */
    static List<ServeEvent> calls(WireMockServer server, String channel) {
        List<ServeEvent> events = new ArrayList<>();
        for (ServeEvent event : server.getAllServeEvents()) { // newest first
            if (event.getRequest().getUrl().equals("/hooks/" + channel)) {
                events.add(0, event);
            }
        }
        return events;
    }

    static JsonNode body(ServeEvent event) {
        return body(event.getRequest().getBodyAsString());
    }

    static JsonNode body(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }
}
