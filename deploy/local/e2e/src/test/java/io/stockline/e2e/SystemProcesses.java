package io.stockline.e2e;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.ServiceProcess;
import io.stockline.testsupport.StocklineTestResource;

/**
 * The services of one end-to-end test class as processes on the real broker and database: each with a database of
 * its own and every topic under the class's prefix, so classes never read each other's records. Closing stops them
 * in reverse order of start (consumers before the producers they read) and drops their databases.
 */
final class SystemProcesses implements AutoCloseable {

    private final Infrastructure infrastructure = Infrastructure.get();
    private final String name;
    private final String topicPrefix;
    private final Map<String, ServiceProcess> started = new LinkedHashMap<>();
    private final Map<String, String> databases = new LinkedHashMap<>();

    /** {@code name} prefixes the topics and the databases (letters and digits). */
    SystemProcesses(String name) {
        this.name = name;
        this.topicPrefix = name + Infrastructure.shortId() + ".";
    }

    /** Starts {@code service} (a module path) with its own new database, the test topics and {@code extra}. */
    ServiceProcess start(String service, Map<String, String> extra) {
        String database = infrastructure.createDatabase(name + "_" + service.replace("-service", "").replace('-', '_'));
        databases.put(service, database);
        Map<String, String> config = new LinkedHashMap<>(
                StocklineTestResource.serviceConfig(infrastructure, database, topicPrefix));
        config.putAll(extra);
        ServiceProcess process = ServiceProcess.start(service, config);
        started.put(service, process);
        return process;
    }

    /** Starts a process that needs neither database nor topics (the marketplace simulator). */
    ServiceProcess startPlain(String module, Map<String, String> config) {
        ServiceProcess process = ServiceProcess.start(module, config);
        started.put(module, process);
        return process;
    }

    ServiceProcess get(String service) {
        return started.get(service);
    }

    /** The address of topic {@code topic} (its name without prefix) in this run. */
    String topic(String topic) {
        return topicPrefix + topic;
    }

    String database(String service) {
        return databases.get(service);
    }

    Infrastructure infrastructure() {
        return infrastructure;
    }

    @Override
    public void close() {
        List<ServiceProcess> reversed = new ArrayList<>(started.values());
        Collections.reverse(reversed);
        reversed.forEach(ServiceProcess::close);
        databases.values().forEach(infrastructure::dropDatabase);
    }
}
