package io.stockline.testsupport;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Holds every test of a service module to its committed OpenAPI document: before each test it installs
 * {@link OpenApiConformance} as a RestAssured default filter, after it fails the test if an exchange broke the
 * document. Registered through JUnit's extension auto-detection (META-INF/services of this jar), so a module opts in
 * with {@code junit.jupiter.extensions.autodetection.enabled=true} and the system property
 * {@value OpenApiConformance#SERVICE} naming its document; without the property, or without such a document, it does
 * nothing.
 * <p>
 * A {@code @QuarkusTest} runs in Quarkus' class loader, with its own copy of RestAssured: the filter is installed and
 * read through the test class's loader, not this extension's, so it sits in the RestAssured the test calls.
 */
public class OpenApiConformanceExtension implements BeforeEachCallback, AfterEachCallback {

    /** One test JVM, one record of exchanges (OpenApiCoverage): the first test forgets an earlier run's. */
    private static final AtomicBoolean FIRST = new AtomicBoolean(true);

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        String service = System.getProperty(OpenApiConformance.SERVICE);
        if (service == null || service.isBlank() || !Files.isRegularFile(OpenApiDocuments.committed(service))) {
            return;
        }
        if (FIRST.getAndSet(false)) {
            OpenApiCoverage.reset();
        }
        call(context, "install", service);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        String service = System.getProperty(OpenApiConformance.SERVICE);
        if (service == null || service.isBlank()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<String> violations = (List<String>) call(context, "drainInstalled");
        if (violations != null && !violations.isEmpty()) {
            throw new AssertionError("the exchanges of this test break deploy/openapi/" + service + ".json (fix the service "
                    + "or document the answer; see deploy/local/test-support/README.md):\n  " + String.join("\n  ", violations));
        }
    }

    private static Object call(ExtensionContext context, String method, Object... args) throws Exception {
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        Class<?> conformance;
        try {
            conformance = Class.forName(OpenApiConformance.class.getName(), true, loader);
        } catch (ClassNotFoundException notThere) {
            return null;
        }
        Class<?>[] types = new Class<?>[args.length];
        for (int i = 0; i < args.length; i++) {
            types[i] = args[i].getClass();
        }
        Method target = conformance.getMethod(method, types);
        try {
            return target.invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
