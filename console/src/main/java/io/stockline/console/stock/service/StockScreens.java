package io.stockline.console.stock.service;

import static io.stockline.console.web.FormValues.blankToNull;
import static io.stockline.console.web.FormValues.newIdempotencyKey;
import static io.stockline.console.web.FormValues.wholeNumberOrAsTyped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.stockline.console.stock.service.InventoryApi.Item;
import io.stockline.console.stock.service.InventoryApi.Location;
import io.stockline.console.stock.service.InventoryApi.Movement;
import io.stockline.console.stock.service.InventoryApi.Stock;
import io.stockline.console.web.ApiProblem;

/** What the stock pages show and post, through inventory-service's API as the signed-in person. */
@ApplicationScoped
public class StockScreens {

    public static final int LEDGER_PAGE = 50;

    private final InventoryApi inventory;

    StockScreens(@RestClient InventoryApi inventory) {
        this.inventory = inventory;
    }

    public List<Item> search(String text) {
        return inventory.search(text, 50);
    }

    public ItemScreen item(String sku, long ledgerAfter) {
        Item item = inventory.item(sku);
        Stock stock = inventory.stock(sku);
        List<Movement> ledger = inventory.ledger(sku, ledgerAfter, LEDGER_PAGE);
        return new ItemScreen(item, stock, inventory.locations(), ledger,
                ledger.size() == LEDGER_PAGE ? ledger.get(ledger.size() - 1).id() : 0);
    }

    /** Posts a movement of {@code type} from a form's fields; the API's refusal comes back as a problem. */
    public Posted post(String type, String sku, MovementForm form) {
        Map<String, Object> movement = new LinkedHashMap<>();
        movement.put("type", type);
        movement.put("sku", sku);
        movement.put("location", blankToNull(form.location()));
        movement.put("quantity", wholeNumberOrAsTyped(form.quantity()));
        movement.put("lot", blankToNull(form.lot()));
        movement.put("expiresOn", blankToNull(form.expiresOn()));
        movement.put("reasonCode", blankToNull(form.reasonCode()));
        movement.put("reason", blankToNull(form.reason()));
        movement.put("reference", blankToNull(form.reference()));
        movement.values().removeIf(Objects::isNull);
        try {
            return new Posted(inventory.post(form.idempotencyKey(), movement), null);
        } catch (WebApplicationException refusal) {
            return new Posted(null, ApiProblem.of(refusal));
        }
    }

    /**
     * Moves units between the states of one location, as a movement of the type the chosen move names (a write-off
     * names the state it takes units from). The API's refusal of the type or state is the move's.
     */
    public Posted move(String sku, MoveForm form) {
        Move move = Move.named(form.move());
        Map<String, Object> movement = new LinkedHashMap<>();
        movement.put("type", move == null ? blankToNull(form.move()) : move.type());
        movement.put("sku", sku);
        movement.put("location", blankToNull(form.location()));
        movement.put("quantity", wholeNumberOrAsTyped(form.quantity()));
        movement.put("state", move == null ? null : move.state());
        movement.put("reason", blankToNull(form.reason()));
        movement.values().removeIf(Objects::isNull);
        try {
            return new Posted(inventory.post(form.idempotencyKey(), movement), null);
        } catch (WebApplicationException refusal) {
            return new Posted(null, ApiProblem.of(refusal).renamed("type", "move").renamed("state", "move"));
        }
    }

    public record ItemScreen(Item item, Stock stock, List<Location> locations, List<Movement> ledger, long nextAfter) {
    }

    public record Posted(Movement movement, ApiProblem problem) {
    }

    /**
     * The moves between states an operator posts by hand (inventory's MovementType): each one movement type, a
     * write-off with the state it takes units from.
     */
    public enum Move {
        DAMAGE("DAMAGE", null, "Available → damaged"),
        RESTOCK("RESTOCK", null, "Quality control → available (inspected, good)"),
        WRITE_OFF_DAMAGED("WRITE_OFF", "DAMAGED", "Damaged → written off"),
        WRITE_OFF_QUALITY_CONTROL("WRITE_OFF", "QUALITY_CONTROL", "Quality control → written off");

        private final String type;
        private final String state;
        private final String label;

        Move(String type, String state, String label) {
            this.type = type;
            this.state = state;
            this.label = label;
        }

        public String type() {
            return type;
        }

        public String state() {
            return state;
        }

        public String label() {
            return label;
        }

        static Move named(String name) {
            for (Move move : values()) {
                if (move.name().equals(name)) {
                    return move;
                }
            }
            return null;
        }
    }

    /** The move form as typed. */
    public record MoveForm(String location, String move, String quantity, String reason, String idempotencyKey) {

        public static MoveForm blankFor(ItemScreen screen) {
            return new MoveForm(MovementForm.blankFor(screen).location(), Move.DAMAGE.name(), "", "",
                    newIdempotencyKey());
        }

        /** The same values under a new key: the API refused the last attempt, so it recorded nothing under it. */
        public MoveForm retried() {
            return new MoveForm(location, move, quantity, reason, newIdempotencyKey());
        }
    }

    /** A movement form as typed; blank fields are left out of the request. */
    public record MovementForm(String location, String quantity, String lot, String expiresOn, String reasonCode,
            String reason, String reference, String idempotencyKey) {

        /** An empty form, its location preset to where the item is held (most on hand first), if anywhere. */
        public static MovementForm blankFor(ItemScreen screen) {
            String location = screen.stock().locations() == null ? "" : screen.stock().locations().stream()
                    .max(java.util.Comparator.comparingLong(InventoryApi.LocationStock::onHand))
                    .map(InventoryApi.LocationStock::location).orElse("");
            return new MovementForm(location, "", "", "", "", "", "", newIdempotencyKey());
        }

        /** The same values under a new key: the API refused the last attempt, so it recorded nothing under it. */
        public MovementForm retried() {
            return new MovementForm(location, quantity, lot, expiresOn, reasonCode, reason, reference,
                    newIdempotencyKey());
        }
    }
}
