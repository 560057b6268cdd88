package dev.turnloop.app.run;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The ops endpoint of a turnloop process: {@code /metrics} in the Prometheus text format (the apps' Kafka Streams
 * metrics, per-intent gauges, JVM) and {@code /health} (200 while every app is RUNNING or REBALANCING, else 503), for
 * Kubernetes probes and scrapers.
 */
public final class OpsEndpoint implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<StreamsRunner> runners = new CopyOnWriteArrayList<>();
    private HttpServer server;

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public void watch(StreamsRunner runner) {
        runners.add(runner);
        new io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics(runner.streams()).bindTo(registry);
    }

    /** Serves on 127.0.0.1 (or {@code host}) and {@code port}; returns the bound port. */
    public int start(String host, int port) throws IOException {
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(registry);
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/metrics", exchange -> respond(exchange, 200, registry.scrape()));
        server.createContext("/health", exchange -> {
            boolean healthy = !runners.isEmpty() && runners.stream().allMatch(r -> isHealthy(r.streams().state()));
            respond(exchange, healthy ? 200 : 503, healthy ? "ok\n" : "not running\n");
        });
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.start();
        return server.getAddress().getPort();
    }

    private static boolean isHealthy(KafkaStreams.State state) {
        return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        registry.close();
    }
}
