package io.stockline.platform.sql;

import jakarta.interceptor.InvocationContext;

import io.smallrye.mutiny.Uni;

/** The intercepted method's {@code Uni}; a database scope is for methods that return one. */
final class ScopedInvocation {

    private ScopedInvocation() {
    }

    @SuppressWarnings("unchecked")
    static Uni<Object> proceed(InvocationContext invocation) {
        Object result;
        try {
            result = invocation.proceed();
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
        if (result instanceof Uni<?> uni) {
            return (Uni<Object>) uni;
        }
        throw new IllegalStateException(invocation.getMethod() + " runs in a database scope, so it returns a Uni");
    }
}
