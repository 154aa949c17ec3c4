package io.stockline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.stockline.testsupport.MarketplaceContracts.Marketplace;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;

/**
 * Our Amazon and eBay contracts agree with the marketplaces' published specs: same operations and parameters, every
 * field we require defined there with the same type. Skipped (visibly) where the published specs are not in reach.
 */
class MarketplaceContractsAgreeWithPublishedSpecsTest {

    @Test
    void amazonsContractAgreesWithTheListingsItemsModel() {
        MarketplaceContracts.assumePublishedSpecs();
        assertThat(MarketplaceContracts.disagreements(Marketplace.AMAZON)).isEmpty();
    }

    @Test
    void ebaysContractAgreesWithTheSellInventoryDocument() {
        MarketplaceContracts.assumePublishedSpecs();
        assertThat(MarketplaceContracts.disagreements(Marketplace.EBAY)).isEmpty();
    }

    @Test
    void theAgreementCheckNoticesAnOperationTheMarketplaceDoesNotHave() {
        MarketplaceContracts.assumePublishedSpecs();
        // the published Amazon model has no POST on the item: a contract claiming one would not agree
        io.swagger.v3.oas.models.OpenAPI theirs = MarketplaceContracts.publishedModel(Marketplace.AMAZON);
        assertThat(theirs.getPaths().get("/listings/2021-08-01/items/{sellerId}/{sku}").getPost()).isNull();
        assertThat(theirs.getPaths().get("/listings/2021-08-01/items/{sellerId}/{sku}").getPatch()).isNotNull();
    }

    @Test
    void amazonsSearchIsThePublishedSearchListingsItemsWithItsLimits() {
        MarketplaceContracts.assumePublishedSpecs();
        String items = "/listings/2021-08-01/items/{sellerId}";
        Operation ours = MarketplaceContracts.contractModel(Marketplace.AMAZON).getPaths().get(items).getGet();
        Operation theirs = MarketplaceContracts.publishedModel(Marketplace.AMAZON).getPaths().get(items).getGet();
        assertThat(ours.getOperationId()).isEqualTo("searchListingsItems");
        assertThat(theirs).as("the published model's search").isNotNull();
        assertThat(theirs.getOperationId()).isEqualTo(ours.getOperationId());
        // what the connector relies on: 20 identifiers a call, and a page that can hold them all
        assertThat(parameter(theirs, "identifiers").getSchema().getMaxItems()).isEqualTo(20)
                .isEqualTo(parameter(ours, "identifiers").getSchema().getMaxItems());
        assertThat(parameter(theirs, "pageSize").getSchema().getMaximum()).isEqualByComparingTo("20")
                .isEqualByComparingTo(parameter(ours, "pageSize").getSchema().getMaximum());
        assertThat(parameter(theirs, "identifiersType").getSchema().getEnum()).contains("SKU");
    }

    private static Parameter parameter(Operation operation, String name) {
        return operation.getParameters().stream().filter(parameter -> parameter.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no parameter " + name + " on " + operation.getOperationId()));
    }
}
