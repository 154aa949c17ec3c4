package io.stockline.channel.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.config.ChannelConfig;

/** A stage slower than the threshold is logged with when it started; a quick one is only counted. */
class PipelineTimingsTest {

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(PipelineTimings.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage() == null ? "" : String.format(record.getMessage().replace("%d", "%s"),
                    record.getParameters() == null ? new Object[0] : record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(capture);
    }

    @Test
    void aSlowWorkerPhaseIsLoggedWithItsChannelPhaseAndStart() {
        PipelineTimings timings = new PipelineTimings(new SimpleMeterRegistry(), slowAfter(Duration.ofMillis(500)));

        timings.step("shop", PipelineTimings.Phase.PUSH, () -> Uni.createFrom().item("quick")).await().indefinitely();
        timings.step("shop", PipelineTimings.Phase.PUSH,
                () -> Uni.createFrom().item("slow").onItem().delayIt().by(Duration.ofMillis(700))).await().indefinitely();

        assertThat(logged).hasSize(1);
        assertThat(logged.get(0)).contains("slow stage", "shop", "push", "from 20");
    }

    @Test
    void aBatchThatWaitedOrTookLongIsLogged() {
        PipelineTimings timings = new PipelineTimings(new SimpleMeterRegistry(), slowAfter(Duration.ofMillis(500)));
        timings.batch(System.currentTimeMillis(), System.currentTimeMillis(), 3, () -> Uni.createFrom().item(1))
                .await().indefinitely();
        assertThat(logged).isEmpty();

        long now = System.currentTimeMillis();
        timings.batch(now - 2_000, now - 100, 7, () -> Uni.createFrom().item(1)).await().indefinitely();
        assertThat(logged).singleElement().asString().contains("waited", "7 records");

        timings.batch(System.currentTimeMillis(), System.currentTimeMillis(), 2,
                () -> Uni.createFrom().item(1).onItem().delayIt().by(Duration.ofMillis(700))).await().indefinitely();
        assertThat(logged).hasSize(2);
        assertThat(logged.get(1)).contains("batch of 2 records took");
    }

    /** The pipeline's settings with only the slow-stage threshold asked for. */
    private static ChannelConfig slowAfter(Duration threshold) {
        return (ChannelConfig) Proxy.newProxyInstance(ChannelConfig.class.getClassLoader(),
                new Class<?>[] { ChannelConfig.class }, (proxy, method, args) -> {
                    if (method.getName().equals("slowStage")) {
                        return threshold;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
