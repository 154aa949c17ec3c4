package io.stockline.inventory.scans.domain;

import java.math.BigInteger;

import io.stockline.inventory.domain.Gtin;

/**
 * An RFID tag's EPC in the SGTIN-96 scheme (GS1 EPC Tag Data Standard, header 0x30): a GTIN plus the serial of one
 * unit, written by RFID gates and handhelds as 24 hexadecimal digits. The GTIN says which item; the serial makes every
 * tag one unit, so a tag read twice is still one unit.
 */
public record Sgtin96(String gtin14, long serial, String epc) {

    private static final int HEADER = 0x30;
    /** Bits of the company prefix and digits it holds, per partition value 0..6 (TDS table 14-2). */
    private static final int[] PREFIX_BITS = {40, 37, 34, 30, 27, 24, 20};
    private static final int[] PREFIX_DIGITS = {12, 11, 10, 9, 8, 7, 6};

    /** Whether the code is written as an SGTIN-96 EPC (24 hex digits starting with header 30). */
    public static boolean isEpc(String code) {
        return code != null && code.length() == 24 && code.regionMatches(true, 0, "30", 0, 2)
                && code.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /** Decodes the EPC; throws IllegalArgumentException with the reason when its fields cannot be a GTIN. */
    public static Sgtin96 decode(String epc) {
        if (!isEpc(epc)) {
            throw new IllegalArgumentException("not an SGTIN-96 EPC (24 hex digits, header 30)");
        }
        BigInteger bits = new BigInteger(epc, 16);
        int header = bits.shiftRight(88).intValue() & 0xFF;
        if (header != HEADER) {
            throw new IllegalArgumentException("EPC header " + Integer.toHexString(header) + " is not SGTIN-96");
        }
        int partition = bits.shiftRight(82).intValue() & 0x7;
        if (partition > 6) {
            throw new IllegalArgumentException("EPC partition " + partition + " does not exist");
        }
        int prefixBits = PREFIX_BITS[partition];
        int itemBits = 44 - prefixBits;
        int prefixDigits = PREFIX_DIGITS[partition];
        int itemDigits = 13 - prefixDigits;
        long prefix = bits.shiftRight(38 + itemBits).longValue() & ((1L << prefixBits) - 1);
        long itemReference = bits.shiftRight(38).longValue() & ((1L << itemBits) - 1);
        long serial = bits.longValue() & ((1L << 38) - 1);
        String prefixText = pad(prefix, prefixDigits);
        String itemText = pad(itemReference, itemDigits);
        if (prefixText.length() != prefixDigits || itemText.length() != itemDigits) {
            throw new IllegalArgumentException("EPC company prefix or item reference has more digits than its partition allows");
        }
        // the item reference's first digit is the GTIN's indicator digit, which leads the GTIN-14
        String body = itemText.charAt(0) + prefixText + itemText.substring(1);
        return new Sgtin96(body + Gtin.checkDigit(body), serial, epc.toUpperCase());
    }

    private static String pad(long value, int digits) {
        String text = Long.toString(value);
        return text.length() >= digits ? text : "0".repeat(digits - text.length()) + text;
    }
}
