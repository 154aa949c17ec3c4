package io.stockline.testsupport;

/**
 * Tests put every topic under a prefix of their own run (see {@link StocklineTestResource}): this turns a channel
 * address of deploy/asyncapi.yaml into the test's topic and back.
 */
public record TopicNames(String prefix) {

    /** The prefix of {@code topic}, the name a service was configured with for the channel at {@code address}. */
    public static TopicNames like(String topic, String address) {
        if (!topic.endsWith(address)) {
            throw new IllegalArgumentException(topic + " is not " + address + " under a prefix");
        }
        return new TopicNames(topic.substring(0, topic.length() - address.length()));
    }

    public String topic(String address) {
        return prefix + address;
    }

    public String address(String topic) {
        return topic.startsWith(prefix) ? topic.substring(prefix.length()) : topic;
    }
}
