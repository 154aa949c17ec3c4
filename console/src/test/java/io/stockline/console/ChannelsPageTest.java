package io.stockline.console;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.testsupport.InjectWireMock;

/**
 * The channels page over the connector's stub: every channel's status comes from one call however many channels
 * there are, and a status that cannot be read leaves the channel listed as UNKNOWN, the page saying why.
 */
@QuarkusTest
@QuarkusTestResource(value = ServicesStub.class, restrictToAnnotatedClass = true)
class ChannelsPageTest {

    private static final Pattern ROW = Pattern.compile("<tr data-channel=\"([^\"]+)\" data-state=\"([^\"]+)\"");

    @InjectWireMock
    WireMockServer services;

    @BeforeEach
    void forgetCalls() {
        services.resetRequests();
    }

    @AfterEach
    void backToDefaults() {
        services.resetAll();
        new ServicesStub().stubDefaults(services);
    }

    @ParameterizedTest(name = "{0} channels")
    @ValueSource(ints = { 1, 3, 30 })
    void thePageAsksForEveryChannelsStatusInOneCall(int count) {
        List<String> channels = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        IntStream.rangeClosed(1, count).forEach(n -> {
            String id = "shop-%02d".formatted(n);
            channels.add("""
                    {"id":"%s","type":"SHOPIFY","enabled":true,"locations":["WH-1"]}""".formatted(id));
            // no lastSuccessAt: none of them has pushed yet
            statuses.add("""
                    {"channelId":"%s","channelType":"SHOPIFY","state":"%s","pending":%d,"lagSeconds":0,"rejected":0,
                     "consecutiveFailures":0,"failuresLastHour":0}""".formatted(id, n % 2 == 0 ? "LAGGING" : "OK", n));
        });
        services.stubFor(get(urlPathEqualTo("/api/v1/channels")).atPriority(1)
                .willReturn(ServicesStub.json(200, "[" + String.join(",", channels) + "]")));
        services.stubFor(get(urlPathEqualTo("/api/v1/channel-status")).atPriority(1)
                .willReturn(ServicesStub.json(200, "[" + String.join(",", statuses) + "]")));

        List<String[]> rows = rows(Session.as("viewer").request().get("/channels").then().statusCode(200).extract()
                .asString());
        assertThat(rows).hasSize(count);
        assertThat(rows).allSatisfy(row -> assertThat(row[1])
                .isEqualTo(Integer.parseInt(row[0].substring("shop-".length())) % 2 == 0 ? "LAGGING" : "OK"));
        // the table's own refresh (htmx) reads them the same way
        Session.as("viewer").request().header("HX-Request", "true").get("/channels").then().statusCode(200);

        services.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/channel-status")));
        services.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/channels")));
        services.verify(0, getRequestedFor(urlPathMatching("/api/v1/channels/[^/]+/status")));
    }

    @Test
    void whenNoStatusCanBeReadEveryChannelIsListedAsUnknownAndThePageSaysWhy() {
        services.stubFor(get(urlPathEqualTo("/api/v1/channel-status")).atPriority(1).willReturn(ServicesStub.json(503, """
                {"type":"about:blank","title":"Service Unavailable","status":503,"detail":"the database is not answering"}""")));

        String page = Session.as("admin").request().get("/channels").then().statusCode(200).extract().asString();

        assertThat(rows(page)).extracting(row -> row[0] + " " + row[1])
                .containsExactly("shopify UNKNOWN", "amazon UNKNOWN", "ebay UNKNOWN");
        assertThat(page).contains("id=\"problem\">Sync status could not be read, so every channel shows UNKNOWN: "
                + "Service Unavailable: the database is not answering</p>");
        assertThat(page).as("an admin may still ask for a reconciliation").contains("/channels/shopify/reconcile");
        services.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/channel-status")));
        services.verify(0, getRequestedFor(urlPathMatching("/api/v1/channels/[^/]+/status")));
    }

    @Test
    void aChannelMissingFromTheAnswerIsUnknownAndTheOthersShowTheirs() {
        services.stubFor(get(urlPathEqualTo("/api/v1/channel-status")).atPriority(1).willReturn(ServicesStub.json(200,
                "[" + ServicesStub.EBAY_STATUS + "," + ServicesStub.SHOPIFY_STATUS + "]")));

        String page = Session.as("viewer").request().get("/channels").then().statusCode(200).extract().asString();

        assertThat(rows(page)).extracting(row -> row[0] + " " + row[1])
                .containsExactly("shopify OK", "amazon UNKNOWN", "ebay OK");
        assertThat(page).contains("no status reported").doesNotContain("id=\"problem\"");
    }

    @Test
    void aChannelPageShowsAPairNeverPushedYet() {
        services.stubFor(get(urlPathEqualTo("/api/v1/channels/ebay/sync")).atPriority(1).willReturn(ServicesStub.json(200, """
                [{"sku":"BOWL-1","wantedQuantity":6,"wantedVersion":1,"attempts":0,"rejected":false,"state":"PENDING"}]""")));

        String page = Session.as("viewer").request().get("/channels/ebay").then().statusCode(200).extract().asString();

        assertThat(page).contains("BOWL-1").contains("PENDING");
    }

    /** Each row's channel and state, in the page's order. */
    private static List<String[]> rows(String page) {
        List<String[]> rows = new ArrayList<>();
        Matcher row = ROW.matcher(page);
        while (row.find()) {
            rows.add(new String[] { row.group(1), row.group(2) });
        }
        return rows;
    }
}
