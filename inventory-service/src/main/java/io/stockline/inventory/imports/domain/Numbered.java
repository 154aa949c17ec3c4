package io.stockline.inventory.imports.domain;

/** A row read from the file with its line number (the header is line 1). */
public record Numbered<T>(int line, T value) {
}
