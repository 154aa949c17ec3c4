package io.stockline.channel;

import static io.restassured.RestAssured.given;
import static io.stockline.channel.ChannelTesting.createWebhookChannel;
import static io.stockline.channel.ChannelTesting.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.stockline.channel.dispatch.CallCounts;
import io.stockline.channel.dispatch.CallCounts.Counted;
import io.stockline.channel.domain.CallMinute;
import io.stockline.channel.repository.CallMinuteRepository;
import io.stockline.platform.sql.Transactions;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/**
 * A channel's calls per minute are the whole deployment's: what this instance counted is written to the database
 * within seconds and added to what other instances wrote there, and the API shows every minute of the window.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "channel"))
@QuarkusTestResource(WebhookStub.class)
class ChannelCallsTest {

    @Inject
    Transactions transactions;

    @ConfigProperty(name = "stockline.test.webhook-base")
    String webhookBase;

    @Inject
    CallCounts counts;

    @Inject
    CallMinuteRepository minutes;

    @Test
    void thisInstancesCallsAreWrittenAndAddedToAnotherInstancesInTheSameMinute() throws Throwable {
        String channel = newId("calls");
        // disabled: its worker calls nothing, so every count below is the test's own
        createWebhookChannel(webhookBase, channel, "\"enabled\":false").statusCode(201);
        Instant current = counts.currentMinute();
        // another instance wrote 5 calls and 2 throttled answers in this minute, and 1 call ten minutes ago
        VertxContextSupport.subscribeAndAwait(() -> transactions.inTransaction(() -> minutes.add(List.of(
                new Counted(channel, new CallMinute(current, 5, 2, 0)),
                new Counted(channel, new CallMinute(current.minus(Duration.ofMinutes(10)), 1, 0, 0))))));
        counts.called(channel);
        counts.called(channel);
        counts.failed(channel);

        await().atMost(Duration.ofSeconds(30)).until(() -> counts.unwritten(channel).isEmpty());
        JsonPath shown = given().header("Authorization", Tokens.bearer("viewer")).queryParam("minutes", 15)
                .get("/api/v1/channels/{id}/calls", channel).then().statusCode(200).extract().jsonPath();
        List<Long> calls = shown.getList("minutes.calls", Long.class);
        assertThat(calls).hasSize(15);
        assertThat(shown.getList("minutes.minute", String.class).get(14)).isIn(current.toString(),
                current.plusSeconds(60).toString());
        int written = shown.getList("minutes.minute", String.class).indexOf(current.toString());
        assertThat(calls.get(written)).as("the other instance's 5, and this one's unless the minute turned")
                .isIn(5L, 7L);
        assertThat(calls.get(written - 10)).isEqualTo(1);
        // every count once, in whichever minute it was made
        assertThat(calls.stream().mapToLong(Long::longValue).sum()).isEqualTo(8);
        assertThat(shown.getList("minutes.throttled", Long.class).stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
        assertThat(shown.getList("minutes.failed", Long.class).stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
    }
}
