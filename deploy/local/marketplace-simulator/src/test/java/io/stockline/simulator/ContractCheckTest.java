package io.stockline.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.model.Request.Method;
import com.atlassian.oai.validator.model.SimpleResponse;

import io.quarkus.test.junit.QuarkusTest;
import io.stockline.testsupport.MarketplaceContracts;
import io.stockline.testsupport.MarketplaceContracts.Marketplace;

/** The check of every marketplace answer against our contracts is on, and would catch an answer that breaks them. */
@QuarkusTest
class ContractCheckTest {

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    @Test
    void everyMarketplaceAnswerGoesThroughTheContractCheck() {
        int before = ContractFilter.CHECKED.get();
        Sim.amazonToken();
        Sim.ebayToken();
        assertThat(ContractFilter.CHECKED.get()).isGreaterThanOrEqualTo(before + 2);
    }

    @Test
    void anAnswerThatBreaksOurContractIsCaught() {
        SimpleResponse noStatusCodes = SimpleResponse.Builder.status(200).withContentType("application/json")
                .withBody("{\"responses\":[{\"sku\":\"E-1\"}]}").build();
        SimpleResponse tokenWithoutExpiry = SimpleResponse.Builder.status(200).withContentType("application/json")
                .withBody("{\"access_token\":\"Atza|x\",\"token_type\":\"bearer\"}").build();

        assertThat(MarketplaceContracts.errors(MarketplaceSpecs.contract(Marketplace.EBAY)
                .validateResponse("/ebay/sell/inventory/v1/bulk_update_price_quantity", Method.POST, noStatusCodes))).isNotEmpty();
        assertThat(MarketplaceContracts.errors(MarketplaceSpecs.contract(Marketplace.AMAZON)
                .validateResponse("/amazon/auth/o2/token", Method.POST, tokenWithoutExpiry))).isNotEmpty();
    }
}
