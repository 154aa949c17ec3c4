package io.stockline.platform.sql;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * The method's {@code Uni} runs its statements ({@link NativeSql}) on one connection of the service's pool, each
 * committed on its own (reads, mostly); a transaction ({@link WithTransaction}) may be opened inside. A method called
 * inside such a scope joins it. Called on a Vert.x duplicated context, as {@link WithTransaction}.
 */
@InterceptorBinding
@Inherited
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface WithConnection {
}
