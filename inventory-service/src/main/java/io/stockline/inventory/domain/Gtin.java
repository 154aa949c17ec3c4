package io.stockline.inventory.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * GS1 trade item numbers as scanners read them: GTIN-8 (EAN-8), GTIN-12 (UPC-A), GTIN-13 (EAN-13) and GTIN-14, each
 * ending in a mod-10 check digit. One product keeps its number across those lengths with leading zeros (UPC-A
 * 012345678905 is EAN-13 0012345678905), so a lookup tries every length the number fits. A code that is not all
 * digits of one of those lengths is a seller's own label (a bin label, an internal SKU code) and is taken as it is.
 */
public final class Gtin {

    private static final int[] LENGTHS = {8, 12, 13, 14};

    private Gtin() {
    }

    /** Whether the code has the shape of a GTIN, and so must carry a right check digit. */
    public static boolean isGtinShaped(String code) {
        if (code == null) {
            return false;
        }
        int length = code.length();
        if (length != 8 && length != 12 && length != 13 && length != 14) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The check digit GS1 computes over {@code digits} (a GTIN without its last digit). */
    public static int checkDigit(CharSequence digits) {
        int sum = 0;
        // weights 3, 1, 3, ... from the rightmost digit, whatever the length
        for (int i = digits.length() - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
            sum += (digits.charAt(i) - '0') * weight;
        }
        return (10 - sum % 10) % 10;
    }

    /** Why a GTIN-shaped code is wrong (its check digit), or null when it is right or is not a GTIN at all. */
    public static String problem(String code) {
        if (!isGtinShaped(code)) {
            return null;
        }
        int expected = checkDigit(code.subSequence(0, code.length() - 1));
        int given = code.charAt(code.length() - 1) - '0';
        return expected == given ? null
                : "GTIN " + code + " has check digit " + given + ", but its digits make " + expected;
    }

    /** The 14-digit form of a valid GTIN. */
    public static String toGtin14(String gtin) {
        return "0".repeat(14 - gtin.length()) + gtin;
    }

    /**
     * Every form under which a seller may have stored this number: the code itself, and for a GTIN each shorter or
     * longer length its leading zeros allow.
     */
    public static List<String> forms(String code) {
        if (!isGtinShaped(code)) {
            return List.of(code);
        }
        String full = toGtin14(code);
        List<String> forms = new ArrayList<>(4);
        forms.add(code);
        for (int length : LENGTHS) {
            String form = full.substring(14 - length);
            if (length != code.length() && full.substring(0, 14 - length).chars().allMatch(c -> c == '0')) {
                forms.add(form);
            }
        }
        return forms;
    }
}
