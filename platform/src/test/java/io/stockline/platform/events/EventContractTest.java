package io.stockline.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class EventContractTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final EventContract contract = EventContract.bundled();

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void anOrderLineNumberBeyondInt32IsRefusedNamingTheField() throws Exception {
        // found by allocation-service's FuzzTest: the contract allowed any integer, the consumer reads an int
        assertThat(contract.violations(EventTypes.ORDER_PLACED,
                json("{\"orderId\":\"o-1\",\"lines\":[{\"line\":9223372036854775806,\"sku\":\"S\",\"quantity\":1}]}")))
                .singleElement().asString().contains("/lines/0/line", "int32");
    }

    @Test
    void anIntegerBeyondItsDeclaredWidthIsRefusedNamingTheField() throws Exception {
        // found by allocation-service's FuzzTest: a stock-changed with damaged = 2^64 was read, not dead-lettered
        String event = """
                {"eventId":"7f0e1c1e-7a1b-4a2e-9c1d-2f3e4a5b6c7d","sku":"S","location":"L","version":8,"movementType":"DAMAGE",\
                "onHand":20,"available":19,"committed":5,"reserved":12,"damaged":%s,"qualityControl":0,"safetyStock":0,\
                "incoming":3,"inTransit":0,"occurredAt":"2026-11-17T10:15:30Z"}""";
        assertThat(contract.violations(EventTypes.STOCK_CHANGED, json(event.formatted("18446744073709551616"))))
                .singleElement().asString().contains("/damaged", "int64");
        assertThat(contract.violations(EventTypes.STOCK_CHANGED, json(event.formatted("9223372036854775807")))).isEmpty();
    }

    @Test
    void knowsEveryMessageByItsCloudEventType() {
        assertThat(contract.types()).contains(EventTypes.STOCK_CHANGED, EventTypes.ORDER_PLACED,
                EventTypes.SYNC_STATUS, "io.stockline.alert.opened.v1");
    }

    @Test
    void anOrderWithOnlyItsRequiredFieldsKeepsToIt() throws Exception {
        assertThat(contract.violations(EventTypes.ORDER_PLACED,
                json("{\"orderId\":\"o-1\",\"lines\":[{\"line\":1,\"sku\":\"A\",\"quantity\":1}]}"))).isEmpty();
    }

    @Test
    void aMissingRequiredFieldOrAWrongTypeIsNamed() throws Exception {
        assertThat(contract.violations(EventTypes.ORDER_PLACED, json("{\"orderId\":\"o-1\"}")))
                .singleElement().asString().contains("lines");
        assertThat(contract.violations(EventTypes.ORDER_PLACED,
                json("{\"orderId\":\"o-1\",\"paid\":\"yes\",\"lines\":[{\"line\":1,\"sku\":\"A\",\"quantity\":1}]}")))
                .singleElement().asString().contains("paid");
        assertThat(contract.violations(EventTypes.ORDER_PLACED,
                json("{\"orderId\":\"o-1\",\"lines\":[{\"line\":1,\"sku\":\"A\",\"quantity\":0}]}")))
                .singleElement().asString().contains("quantity");
    }

    @Test
    void consumersLetUnknownFieldsThroughProducersMayNotSendThem() throws Exception {
        JsonNode withExtra = json("{\"orderId\":\"o-1\",\"giftWrap\":true,\"lines\":[{\"line\":1,\"sku\":\"A\",\"quantity\":1}]}");
        assertThat(contract.violations(EventTypes.ORDER_PLACED, withExtra)).isEmpty();
        assertThat(contract.strictViolations(EventTypes.ORDER_PLACED, withExtra)).singleElement().asString()
                .contains("giftWrap");
    }

    @Test
    void anOpenEnumTakesValuesItDoesNotListAClosedOneDoesNot() throws Exception {
        String stock = """
                {"eventId":"0b7d4c2e-3f0a-4a55-9d7e-7a3f7c4d2b10","sku":"A","location":"WH","version":1,
                 "movementType":"%s","onHand":1,"available":1,"committed":0,"reserved":0,"damaged":0,
                 "qualityControl":0,"safetyStock":0,"incoming":0,"inTransit":0,"occurredAt":"2026-11-30T10:00:00Z"}""";
        assertThat(contract.violations(EventTypes.STOCK_CHANGED, json(stock.formatted("A_FUTURE_MOVEMENT")))).isEmpty();
        assertThat(contract.strictViolations(EventTypes.STOCK_CHANGED, json(stock.formatted("A_FUTURE_MOVEMENT"))))
                .singleElement().asString().contains("movementType");
        assertThat(contract.violations(EventTypes.ITEM_CHANGED, json("""
                {"eventId":"0b7d4c2e-3f0a-4a55-9d7e-7a3f7c4d2b10","sku":"A","name":"A","kind":"KIT","status":"ACTIVE",
                 "lotTracked":false,"backorderAllowed":false,"revision":1,"occurredAt":"2026-11-30T10:00:00Z"}""")))
                .singleElement().asString().contains("kind");
    }

    @Test
    void formatsAreChecked() throws Exception {
        assertThat(contract.violations(EventTypes.ORDER_CANCELLED, json("{\"orderId\":\"o\"}"))).isEmpty();
        assertThat(contract.violations(EventTypes.STOCK_CHANGED, json("""
                {"eventId":"not-a-uuid","sku":"A","location":"WH","version":1,
                 "movementType":"SALE","onHand":1,"available":1,"committed":0,"reserved":0,"damaged":0,
                 "qualityControl":0,"safetyStock":0,"incoming":0,"inTransit":0,"occurredAt":"yesterday"}""")))
                .hasSize(2).anySatisfy(message -> assertThat(message).contains("eventId"))
                .anySatisfy(message -> assertThat(message).contains("occurredAt"));
    }

    @Test
    void operationsNameTheServicesThatSendAndReceive() {
        assertThat(contract.exchanges("allocation-service", "receive")).extracting(EventContract.Exchange::type)
                .contains(EventTypes.ORDER_PLACED, EventTypes.ORDER_CANCELLED, EventTypes.ORDER_SHIPPED,
                        EventTypes.STOCK_CHANGED, EventTypes.LOCATION_CHANGED);
        assertThat(contract.exchanges("inventory-service", "send")).extracting(EventContract.Exchange::address)
                .containsOnly("inventory.stock-changed", "inventory.items", "inventory.locations", "inventory.reorder-points");
    }

    @Test
    void headersNeedTheCloudEventAttributes() throws Exception {
        assertThat(contract.headerViolations(EventTypes.ORDER_PLACED, json("""
                {"ce_specversion":"1.0","ce_id":"1","ce_type":"io.stockline.order.placed.v1","ce_source":"/shop"}""")))
                .isEmpty();
        assertThat(contract.headerViolations(EventTypes.ORDER_PLACED, json("{\"ce_specversion\":\"0.3\",\"ce_id\":\"1\"}")))
                .anySatisfy(message -> assertThat(message).contains("ce_type"))
                .anySatisfy(message -> assertThat(message).contains("ce_specversion"));
    }
}
