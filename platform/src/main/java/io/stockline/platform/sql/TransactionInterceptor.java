package io.stockline.platform.sql;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Runs a {@link WithTransaction} method's {@code Uni} in a transaction ({@link SqlScope}). */
@WithTransaction
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 200)
public class TransactionInterceptor {

    private final Transactions transactions;

    public TransactionInterceptor(Transactions transactions) {
        this.transactions = transactions;
    }

    @AroundInvoke
    Object inTransaction(InvocationContext invocation) {
        return transactions.inTransaction(() -> ScopedInvocation.proceed(invocation));
    }
}
