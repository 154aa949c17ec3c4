package io.stockline.allocation.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.stockline.allocation.InventoryMock;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.TestDatabase;

/**
 * The platform's database scopes on the Vert.x client ({@code @WithTransaction}, {@code @WithConnection}), which
 * allocation-service's statements run in instead of Hibernate's sessions: a transaction commits all of its statements
 * or, when its {@code Uni} fails, none; a transactional method called inside another joins it; a connection scope
 * commits each statement on its own and may open a transaction inside; a scope outside a Vert.x duplicated context is
 * refused. Rows read through NativeSql's list and first come back mapped, in the statement's order.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class,
        initArgs = @ResourceArg(name = "service", value = "allocation"))
@QuarkusTestResource(InventoryMock.class)
class SqlScopeTest {

    @Inject
    ScopedStatements statements;

    @Test
    void aTransactionCommitsEveryStatementOfItTogether() throws Throwable {
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

        List<Long> transactions = VertxContextSupport.subscribeAndAwait(() -> statements.markAll(ids));

        assertThat(transactions).hasSize(3).containsOnly(transactions.get(0));
        assertThat(marked(ids)).isEqualTo(3);
    }

    @Test
    void aTransactionWhoseUniFailsLeavesNothingOfIt() throws SQLException {
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID());

        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> statements.markAllThenFail(ids)))
                .hasMessageContaining("refused after the writes");

        assertThat(marked(ids)).isZero();
    }

    @Test
    void aTransactionalMethodCalledInsideAnotherJoinsItAndItsFailureUndoesBoth() throws Throwable {
        UUID outer = UUID.randomUUID();
        UUID inner = UUID.randomUUID();

        List<Long> transactions = VertxContextSupport.subscribeAndAwait(
                () -> statements.markNested(outer, inner, false));

        assertThat(transactions).hasSize(2).containsOnly(transactions.get(0));
        assertThat(marked(List.of(outer, inner))).isEqualTo(2);

        UUID outerAgain = UUID.randomUUID();
        UUID innerAgain = UUID.randomUUID();
        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(
                () -> statements.markNested(outerAgain, innerAgain, true)))
                .hasMessageContaining("the inner step refused");
        assertThat(marked(List.of(outerAgain, innerAgain))).isZero();
    }

    @Test
    void aConnectionScopeCommitsEachStatementAndHoldsATransactionOpenedInside() throws Throwable {
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

        List<Long> transactions = VertxContextSupport.subscribeAndAwait(
                () -> statements.markAroundATransaction(ids.get(0), ids.get(1), ids.get(2), ids.get(3)));

        // before, the transaction's two statements, after: three transactions, the middle one shared
        assertThat(transactions).hasSize(4);
        assertThat(transactions.get(1)).isEqualTo(transactions.get(2));
        assertThat(List.of(transactions.get(0), transactions.get(1), transactions.get(3))).doesNotHaveDuplicates();
        assertThat(marked(ids)).isEqualTo(4);
    }

    @Test
    void listTurnsEveryRowInTheStatementsOrderWithNumericAsBigDecimal() throws Throwable {
        assertThat(VertxContextSupport.subscribeAndAwait(() -> statements.listed()))
                .containsExactly("C=3", "A=1.25", "B=2.50");
    }

    @Test
    void firstTurnsTheFirstRowAndIsNullWhenThereIsNone() throws Throwable {
        assertThat(VertxContextSupport.subscribeAndAwait(() -> statements.firstAfter(1))).isEqualTo("A");
        assertThat(VertxContextSupport.subscribeAndAwait(() -> statements.firstAfter(3))).isNull();
    }

    @Test
    void aScopeOutsideAVertxContextIsRefusedBeforeAnyStatement() throws SQLException {
        UUID id = UUID.randomUUID();

        assertThatThrownBy(() -> statements.markAll(List.of(id)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Vert.x duplicated context");

        assertThat(marked(List.of(id))).isZero();
    }

    private static int marked(List<UUID> ids) throws SQLException {
        return Integer.parseInt(TestDatabase.query(
                "SELECT count(*) FROM processed_event WHERE event_id = ANY(CAST(? AS uuid[]))",
                "{" + String.join(",", ids.stream().map(UUID::toString).toList()) + "}"));
    }
}
