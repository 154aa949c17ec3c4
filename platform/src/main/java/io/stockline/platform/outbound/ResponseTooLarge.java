package io.stockline.platform.outbound;

/** An answer longer than the cap for user-given URLs: read no further, so a peer cannot fill the heap. */
public class ResponseTooLarge extends RuntimeException {

    public ResponseTooLarge(long limit) {
        super("the answer is longer than " + limit + " bytes");
    }
}
