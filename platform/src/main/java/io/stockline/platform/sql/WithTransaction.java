package io.stockline.platform.sql;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * The method's {@code Uni} runs in one database transaction on the Vert.x PostgreSQL client, without Hibernate: a
 * connection from the service's pool, BEGIN, the method's statements ({@link NativeSql}) and COMMIT when its
 * {@code Uni} succeeds, ROLLBACK when it fails. A method called inside a transaction joins it. It must be called on a
 * Vert.x duplicated context (a request, a consumer, a scheduled method), where the transaction is kept.
 */
@InterceptorBinding
@Inherited
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface WithTransaction {
}
