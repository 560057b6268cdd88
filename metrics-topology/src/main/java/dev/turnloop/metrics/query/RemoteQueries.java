package dev.turnloop.metrics.query;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnloop.common.http.BearerToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;

/** Asks another instance's query endpoint for what it holds locally. */
public interface RemoteQueries {

    /** GETs {@code pathAndQuery} (which asks for local results only) from {@code host}. */
    List<MetricsView> get(HostInfo host, String pathAndQuery) throws IOException;

    /** Over HTTP with the JDK client, JSON read with {@code mapper}. */
    static RemoteQueries http(ObjectMapper mapper, Duration timeout) {
        return http(mapper, timeout, java.util.Optional.empty());
    }

    /** As {@link #http(ObjectMapper, Duration)}, sending {@code token} to instances that require one. */
    static RemoteQueries http(ObjectMapper mapper, Duration timeout, java.util.Optional<BearerToken> token) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        TypeReference<List<MetricsView>> views = new TypeReference<>() { };
        return (host, pathAndQuery) -> {
            HttpRequest.Builder builder = HttpRequest.newBuilder(
                            URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
                    .timeout(timeout).GET();
            token.ifPresent(t -> builder.header("Authorization", t.authorizationHeader()));
            HttpRequest request = builder.build();
            try {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IOException(host + pathAndQuery + " answered " + response.statusCode() + ": "
                            + new String(response.body(), StandardCharsets.UTF_8));
                }
                return mapper.readValue(response.body(), views);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while asking " + host, e);
            }
        };
    }
}
