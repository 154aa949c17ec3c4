package io.stockline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.stockline.testsupport.MarketplaceContracts.Marketplace;

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
}
