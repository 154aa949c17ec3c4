package io.stockline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.stockline.platform.events.EventContract;

class ValidateEventsTest {

    static final String GOOD = """
            {"specversion":"1.0","id":"o-1-placed","type":"io.stockline.order.placed.v1","source":"/shop","data":{"orderId":"o-1","lines":[{"line":1,"sku":"MUG","quantity":2}]}}""";
    static final String EXTRA_FIELD = """
            {"specversion":"1.0","id":"o-2-placed","type":"io.stockline.order.placed.v1","source":"/shop","data":{"orderId":"o-2","giftWrap":true,"lines":[{"line":1,"sku":"MUG","quantity":2}]}}""";
    static final String NO_LINES_NO_SOURCE = """
            {"specversion":"1.0","id":"o-3-placed","type":"io.stockline.order.placed.v1","data":{"orderId":"o-3"}}""";

    private static String run(String text, int expectedExit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ValidateEvents.validate(text, EventContract.bundled(), new PrintStream(out, true, StandardCharsets.UTF_8));
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(report).isEqualTo(expectedExit);
        return report;
    }

    @Test
    void aFileOfEventsThatKeepToTheContractPasses() {
        assertThat(run(GOOD + "\n" + GOOD.replace("o-1", "o-9") + "\n", 0)).contains("event 1: ok", "event 2: ok",
                "2 events, 0 breaking");
    }

    @Test
    void eachBrokenEventIsReportedWithWhatIsWrong() {
        String report = run("[" + GOOD + "," + EXTRA_FIELD + "," + NO_LINES_NO_SOURCE + ",{\"type\":\"x.y\"}]", 1);
        assertThat(report).contains("event 1: ok", "3 breaking");
        assertThat(report.lines().filter(line -> line.startsWith("event 2:")).findFirst().orElseThrow()).contains("giftWrap");
        assertThat(report.lines().filter(line -> line.startsWith("event 3:")).findFirst().orElseThrow())
                .contains("lines", "ce_source");
        assertThat(report.lines().filter(line -> line.startsWith("event 4:")).findFirst().orElseThrow())
                .contains("'x.y' is not a message");
    }

    @Test
    void anEmptyFileIsNotAPass() {
        assertThat(run("\n", 1)).contains("0 events");
    }
}
