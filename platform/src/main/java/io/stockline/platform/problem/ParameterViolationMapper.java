package io.stockline.platform.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkiverse.resteasy.problem.validation.HttpValidationProblem;
import io.quarkiverse.resteasy.problem.validation.Violation;

/**
 * A broken constraint on a request becomes the same 400 validation problem quarkus-resteasy-problem answers, with each
 * violation naming its field and where it is: the query, path, header or form parameter's name, or the body's field.
 * The extension's own mapper knows a parameter's name only from JAX-RS's {@code @QueryParam}, {@code @PathParam},
 * {@code @HeaderParam} and {@code @FormParam}; for RESTEasy Reactive's {@code @RestQuery}, {@code @RestPath},
 * {@code @RestHeader} and {@code @RestForm} (whose name defaults to the Java parameter's) it answered {@code field ""},
 * {@code in "body"}. This one reads both, so a resource never has to pick its annotations for the sake of errors.
 */
public class ParameterViolationMapper {

    /** Where a parameter annotation takes its value from, and the name it gives it (blank: the Java parameter's). */
    private record Source(Violation.In in, Function<Annotation, String> name) {
    }

    private static final Map<Class<? extends Annotation>, Source> SOURCES = Map.of(
            QueryParam.class, new Source(Violation.In.query, annotation -> ((QueryParam) annotation).value()),
            RestQuery.class, new Source(Violation.In.query, annotation -> ((RestQuery) annotation).value()),
            PathParam.class, new Source(Violation.In.path, annotation -> ((PathParam) annotation).value()),
            RestPath.class, new Source(Violation.In.path, annotation -> ((RestPath) annotation).value()),
            HeaderParam.class, new Source(Violation.In.header, annotation -> ((HeaderParam) annotation).value()),
            RestHeader.class, new Source(Violation.In.header, annotation -> ((RestHeader) annotation).value()),
            FormParam.class, new Source(Violation.In.form, annotation -> ((FormParam) annotation).value()),
            RestForm.class, new Source(Violation.In.form, annotation -> ((RestForm) annotation).value()));

    /** Ahead of quarkus-resteasy-problem's own mapper, which it registers at priority 999. */
    static final int AHEAD_OF_RESTEASY_PROBLEM = 900;

    @ServerExceptionMapper(priority = AHEAD_OF_RESTEASY_PROBLEM)
    public Response map(ConstraintViolationException exception, ResourceInfo resource) {
        Set<ConstraintViolation<?>> violations = exception.getConstraintViolations();
        Method method = resource == null ? null : resource.getResourceMethod();
        List<Violation> named = violations == null ? List.of()
                : violations.stream().map(violation -> toViolation(violation, method)).toList();
        return new HttpValidationProblem(400, "Bad Request", named).toResponse();
    }

    private static Violation toViolation(ConstraintViolation<?> violation, Method method) {
        String message = violation.getMessage();
        Optional<Parameter> parameter = resourceParameter(violation, method);
        if (parameter.isEmpty()) {
            // not about a resource method's argument: its return value (the path after the method's name), or a bean
            // validated elsewhere (its whole path)
            Path path = violation.getPropertyPath();
            boolean ofResourceMethod = method != null && path.toString().startsWith(method.getName() + ".");
            return Violation.In.unknown.field(pathAfter(path, ofResourceMethod ? 1 : 0)).message(message);
        }
        Parameter declared = parameter.get();
        for (Annotation annotation : declared.getAnnotations()) {
            Optional<Violation> located = located(annotation, declared.getName(), message);
            if (located.isPresent()) {
                return located.get();
            }
        }
        // the body: its field, after the method's name and the argument's
        return Violation.In.body.field(pathAfter(violation.getPropertyPath(), 2)).message(message);
    }

    private static Optional<Violation> located(Annotation annotation, String javaName, String message) {
        Source source = SOURCES.get(annotation.annotationType());
        if (source == null) {
            return Optional.empty();
        }
        String name = source.name().apply(annotation);
        return Optional.of(source.in().field(name == null || name.isBlank() ? javaName : name).message(message));
    }

    /** The resource method's parameter the violation is about: its path is the method's name, then the argument's. */
    private static Optional<Parameter> resourceParameter(ConstraintViolation<?> violation, Method method) {
        Iterator<Path.Node> nodes = violation.getPropertyPath().iterator();
        boolean aboutAnArgument = method != null && nodes.hasNext() && method.getName().equals(nodes.next().getName())
                && nodes.hasNext();
        if (!aboutAnArgument) {
            return Optional.empty();
        }
        String argument = nodes.next().getName();
        return Stream.of(method.getParameters()).filter(parameter -> parameter.getName().equals(argument)).findFirst();
    }

    private static String pathAfter(Path path, int skipped) {
        List<String> segments = new ArrayList<>();
        int index = 0;
        for (Path.Node node : path) {
            String segment = node.toString();
            if (index++ >= skipped && !segment.isBlank()) {
                segments.add(segment);
            }
        }
        return String.join(".", segments);
    }
}
