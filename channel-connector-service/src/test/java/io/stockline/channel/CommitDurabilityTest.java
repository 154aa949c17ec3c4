package io.stockline.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.stockline.platform.sql.CommitDurability;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Transactions;
import io.stockline.testsupport.StocklineTestResource;

/**
 * A worker's outcome transaction commits without waiting for the WAL flush (platform {@link CommitDurability}), and
 * only that transaction: the next one on the same connection waits for the disk again.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "channel"))
class CommitDurabilityTest {

    @Inject
    Transactions transactions;

    @Inject
    CommitDurability durability;

    @Test
    void onlyTheTransactionThatAsksCommitsWithoutWaitingForTheDisk() throws Throwable {
        List<String> seen = VertxContextSupport.subscribeAndAwait(() -> transactions.onConnection(() -> transactions
                .inTransaction(() -> durability.repeatableIfLost().chain(CommitDurabilityTest::setting))
                .chain(inRelaxed -> transactions.inTransaction(CommitDurabilityTest::setting)
                        .map(inNext -> List.of(inRelaxed, inNext)))));

        assertThat(seen.get(0)).as("the transaction that asked").isEqualTo("off");
        assertThat(seen.get(1)).as("the next transaction on the same connection").isEqualTo("on");
    }

    private static Uni<String> setting() {
        return NativeSql.of("SELECT current_setting('synchronous_commit')").column().map(column -> (String) column.get(0));
    }
}
