package dev.turnloop.scale;

import dev.turnloop.testkit.AppProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.awaitility.Awaitility;

/**
 * The instances of one turnloop app, each its own {@code turnloop run <app>} process with its own state directory
 * ({@code <dir>/<app>-<n>}) and its Kafka clients named after it. Instance n keeps its directory across stops and
 * starts, as a pod with a persistent volume would.
 */
final class AppFleet implements AutoCloseable {

    private final String app;
    private final Path dir;
    private final List<String> options;
    private final Map<String, String> env;
    private final List<AppProcess> instances = new ArrayList<>();

    AppFleet(String app, Path dir, List<String> options, Map<String, String> env) {
        this.app = app;
        this.dir = dir;
        this.options = List.copyOf(options);
        this.env = Map.copyOf(env);
    }

    /** Starts instances 1..n that are not running; stops (SIGTERM, in parallel) the running ones above n. */
    void scaleTo(int count) {
        for (int n = 1; n <= count; n++) {
            if (n > instances.size()) {
                String name = app + "-" + n;
                Map<String, String> instanceEnv = new HashMap<>(env);
                instanceEnv.put("TURNLOOP_KAFKA_CLIENT_ID", name); // its consumers show up in the group by its name
                instances.add(AppProcess.run(app, name, dir.resolve(name), options, instanceEnv));
            } else if (!instances.get(n - 1).isAlive()) {
                instances.get(n - 1).start();
            }
        }
        List<CompletableFuture<Integer>> stopping = new ArrayList<>();
        for (int n = count + 1; n <= instances.size(); n++) {
            AppProcess instance = instances.get(n - 1);
            stopping.add(CompletableFuture.supplyAsync(instance::stop));
        }
        stopping.forEach(CompletableFuture::join);
    }

    /** Instance n (1-based). */
    AppProcess instance(int n) {
        return instances.get(n - 1);
    }

    /**
     * Partitions each running instance owns in the app's consumer group, by instance number: the source partitions
     * of its active tasks (standby tasks own none).
     */
    Map<Integer, Long> ownedPartitions(Admin admin, String applicationId) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(applicationId)).all().get()
                .get(applicationId);
        Map<Integer, Long> owned = new TreeMap<>();
        for (int n = 1; n <= instances.size(); n++) {
            if (instances.get(n - 1).isAlive()) {
                String clientPrefix = instances.get(n - 1).name() + "-StreamThread-";
                owned.put(n, group.members().stream().filter(member -> member.clientId().startsWith(clientPrefix))
                        .mapToLong(member -> member.assignment().topicPartitions().size()).sum());
            }
        }
        return owned;
    }

    long running() {
        return instances.stream().filter(AppProcess::isAlive).count();
    }

    /** Waits until every running instance reports healthy (RUNNING or REBALANCING). */
    void awaitHealthy(Duration timeout) {
        Awaitility.await(app + " instances healthy").atMost(timeout).pollInterval(Duration.ofMillis(500))
                .until(() -> instances.stream().filter(AppProcess::isAlive).allMatch(AppProcess::isHealthy));
    }

    List<Path> logs() {
        return instances.stream().map(AppProcess::log).toList();
    }

    @Override
    public void close() {
        scaleTo(0);
    }
}
