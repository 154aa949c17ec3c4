package io.stockline.platform.sql;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Runs a {@link WithConnection} method's {@code Uni} on one connection ({@link SqlScope}). */
@WithConnection
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 200)
public class ConnectionInterceptor {

    private final Transactions transactions;

    public ConnectionInterceptor(Transactions transactions) {
        this.transactions = transactions;
    }

    @AroundInvoke
    Object onConnection(InvocationContext invocation) {
        return transactions.onConnection(() -> ScopedInvocation.proceed(invocation));
    }
}
