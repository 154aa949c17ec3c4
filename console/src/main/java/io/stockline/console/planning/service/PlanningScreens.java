package io.stockline.console.planning.service;

import static io.stockline.console.web.FormValues.blankToNull;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.stockline.console.planning.service.PlanningApi.Availability;
import io.stockline.console.planning.service.PlanningApi.Ordered;
import io.stockline.console.planning.service.PlanningApi.Policies;
import io.stockline.console.planning.service.PlanningApi.Suggestions;
import io.stockline.console.planning.service.PlanningApi.Supply;
import io.stockline.console.web.ApiProblem;

/** What the planning pages show and post, through inventory-service's API as the signed-in person. */
@ApplicationScoped
public class PlanningScreens {

    private final PlanningApi planning;

    PlanningScreens(@RestClient PlanningApi planning) {
        this.planning = planning;
    }

    public Suggestions suggestions(String location, String supplier) {
        Suggestions suggestions = planning.suggestions(blankToNull(location), blankToNull(supplier));
        return suggestions.suppliers() == null ? new Suggestions(List.of()) : suggestions;
    }

    public Drafted order(String supplier, String location) {
        try {
            return new Drafted(planning.order(supplier, blankToNull(location)), null);
        } catch (WebApplicationException refusal) {
            return new Drafted(null, ApiProblem.of(refusal));
        }
    }

    /**
     * When the item comes back and the policies that decide it. Each part stands alone: a bundle has no policy
     * (404), and an item page shows what did answer.
     */
    public Restock restock(String sku) {
        Availability availability = null;
        ApiProblem problem = null;
        try {
            availability = planning.availability(sku);
        } catch (WebApplicationException refusal) {
            problem = ApiProblem.of(refusal);
        }
        Policies policies;
        try {
            policies = planning.policies(sku);
        } catch (WebApplicationException refusal) {
            policies = new Policies(sku, List.of());
        }
        return new Restock(sku, availability, policies.policies() == null ? List.of() : policies.policies(), problem);
    }

    public record Drafted(Ordered ordered, ApiProblem problem) {
    }

    public record Restock(String sku, Availability availability, List<PlanningApi.Policy> policies,
            ApiProblem problem) {

        /** The open order, transfer or policy whose date the answer gives: the last one needed. */
        public Supply lastSupply() {
            if (availability == null || availability.supply() == null || availability.supply().isEmpty()) {
                return null;
            }
            return availability.supply().get(availability.supply().size() - 1);
        }
    }
}
