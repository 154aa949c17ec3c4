package io.stockline.inventory.imports.service;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import io.stockline.platform.problem.RuleViolation;

/** Checks a row's request with the API's own constraints, so a cell is refused as the same field would be. */
final class Requests {

    private Requests() {
    }

    static <T> void validate(Validator validator, T request) {
        for (ConstraintViolation<T> violation : validator.validate(request)) {
            throw RuleViolation.invalid(column(violation.getPropertyPath().toString()), violation.getMessage());
        }
    }

    /** {@code countries[0].<list element>} names the column {@code countries}. */
    private static String column(String path) {
        int end = path.indexOf('[');
        int dot = path.indexOf('.');
        int cut = end < 0 ? dot : dot < 0 ? end : Math.min(end, dot);
        return cut < 0 ? path : path.substring(0, cut);
    }
}
