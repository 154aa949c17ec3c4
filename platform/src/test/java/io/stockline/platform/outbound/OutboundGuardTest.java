package io.stockline.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.stockline.platform.problem.RuleViolation;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import io.vertx.mutiny.ext.web.client.WebClient;

/** The call-time path against a local server: what is refused never connects; what is allowed is pinned. */
class OutboundGuardTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static Vertx vertx;
    private static HttpServer server;
    private static WebClient client;
    private static final List<String> hosts = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> {
            hosts.add(request.getHeader("Host"));
            switch (request.path()) {
                case "/big" -> request.response().endAndForget("x".repeat(70 * 1024));
                case "/moved" -> request.response().setStatusCode(302).putHeader("Location", "/small").endAndForget();
                default -> request.response().endAndForget("ok");
            }
        }).listen(0, "127.0.0.1").await().atMost(WAIT);
        client = WebClient.create(vertx);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close().await().atMost(WAIT);
        vertx.close().await().atMost(WAIT);
    }

    private static OutboundGuard guard(String... allowed) {
        return new OutboundGuard(vertx, Optional.of(List.of(allowed)), false);
    }

    private static String url(String host, String path) {
        return "http://" + host + ":" + server.actualPort() + path;
    }

    @Test
    void aRefusedAddressIsNeverConnectedTo() {
        hosts.clear();
        for (String host : List.of("127.0.0.1", "[::ffff:127.0.0.1]", "169.254.169.254", "10.0.0.1")) {
            Throwable failure = catchThrowable(() -> guard("localhost")
                    .request(client, HttpMethod.POST, url(host, "/hook"))
                    .flatMap(request -> request.send()).await().atMost(WAIT));
            assertThat(failure).as(host).isInstanceOf(OutboundRefused.class).hasMessageContaining("resolves to");
        }
        assertThat(hosts).isEmpty();
    }

    @Test
    void anAllowedNameIsCalledAtTheAddressThatWasCheckedWithItsOwnHostHeader() {
        hosts.clear();
        var response = guard("localhost").request(client, HttpMethod.GET, url("localhost", "/small?x=1"))
                .flatMap(request -> request.send()).await().atMost(WAIT);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsString()).isEqualTo("ok");
        assertThat(hosts).containsExactly("localhost:" + server.actualPort());
    }

    @Test
    void theAllowListMayNameTheLiteralWithItsPort() {
        var response = guard("127.0.0.1:" + server.actualPort())
                .request(client, HttpMethod.GET, url("127.0.0.1", "/small")).flatMap(request -> request.send())
                .await().atMost(WAIT);
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void redirectsAreNotFollowedAndLongAnswersAreCut() {
        OutboundGuard guard = guard("localhost");
        var moved = guard.request(client, HttpMethod.GET, url("localhost", "/moved"))
                .flatMap(request -> request.send()).await().atMost(WAIT);
        assertThat(moved.statusCode()).isEqualTo(302);

        Throwable tooLong = catchThrowable(() -> guard.request(client, HttpMethod.GET, url("localhost", "/big"))
                .flatMap(request -> request.send()).await().atMost(WAIT));
        assertThat(tooLong).isInstanceOf(ResponseTooLarge.class);
    }

    @Test
    void theSaveTimeCheckNamesTheField() {
        Throwable refused = catchThrowable(() -> guard("localhost").check("target", "http://169.254.169.254/latest",
                false).await().atMost(WAIT));
        assertThat(refused).isInstanceOf(RuleViolation.class);
        assertThat(((RuleViolation) refused).field()).isEqualTo("target");
        assertThat(((RuleViolation) refused).status()).isEqualTo(422);

        Throwable plain = catchThrowable(() -> guard().check("endpoint", "http://example.com/", true)
                .await().atMost(WAIT));
        assertThat(((RuleViolation) plain).field()).isEqualTo("endpoint");
        assertThat(((RuleViolation) plain).status()).isEqualTo(400);

        assertThat(guard("localhost").check("target", url("localhost", "/ok"), false).await().atMost(WAIT).getHost())
                .isEqualTo("localhost");
        // not resolvable now: saved (nothing is reached through it), refused when called
        assertThat(guard().check("target", "https://erp.invalid/hook", false).await().atMost(WAIT).getHost())
                .isEqualTo("erp.invalid");
        assertThat(catchThrowable(() -> guard().resolve(java.net.URI.create("https://erp.invalid/hook"))
                .await().atMost(WAIT))).isInstanceOf(OutboundRefused.class).hasMessageContaining("does not resolve");
    }
}
