package dev.turnloop.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A client of the Confluent Schema Registry REST API over {@code java.net.http}. Schemas by id are immutable, so they
 * are cached forever; (subject, schema) ids too. Works against Apicurio's {@code /apis/ccompat/v7} endpoint.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http;
    private final Duration timeout;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();

    public HttpSchemaRegistryClient(String baseUrl) {
        this(baseUrl, Duration.ofSeconds(10));
    }

    public HttpSchemaRegistryClient(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public int register(String subject, Schema schema) {
        String cacheKey = subject + '\n' + schema;
        Integer cached = idsBySubjectAndSchema.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        int id = answer.path("id").asInt();
        idsBySubjectAndSchema.put(cacheKey, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public OptionalInt lookup(String subject, Schema schema) {
        String cacheKey = subject + '\n' + schema;
        Integer cached = idsBySubjectAndSchema.get(cacheKey);
        if (cached != null) {
            return OptionalInt.of(cached);
        }
        try {
            JsonNode answer = send("POST", "/subjects/" + encode(subject), schemaBody(schema));
            int id = answer.path("id").asInt();
            idsBySubjectAndSchema.put(cacheKey, id);
            return OptionalInt.of(id);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                return OptionalInt.empty();
            }
            throw e;
        }
    }

    @Override
    public Schema schemaById(int id) {
        return schemasById.computeIfAbsent(id, key -> {
            JsonNode answer = send("GET", "/schemas/ids/" + key, null);
            return new Schema.Parser().parse(answer.path("schema").asText());
        });
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                    schemaBody(schema));
            return answer.path("is_compatible").asBoolean(false);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                return true; // a subject with no versions accepts any first schema
            }
            throw e;
        }
    }

    @Override
    public void setGlobalCompatibility(String level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level);
        send("PUT", "/config", body.toString());
    }

    @Override
    public List<String> subjects() {
        JsonNode answer = send("GET", "/subjects", null);
        List<String> subjects = new ArrayList<>();
        answer.forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    public String baseUrl() {
        return baseUrl;
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schemaType", "AVRO").put("schema", schema.toString()).toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }

    private JsonNode send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SchemaRegistryException("schema registry at " + baseUrl + " is unreachable (" + e.getMessage()
                    + "); check schema.registry.url and that the registry is running", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while calling the schema registry", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new SchemaRegistryException(response.statusCode(),
                    method + " " + path + " answered " + response.statusCode() + ": " + errorMessage(response.body()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SchemaRegistryException("schema registry returned invalid JSON for " + path, e);
        }
    }

    private static String errorMessage(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node.has("message") ? node.get("message").asText() : body;
        } catch (IOException e) {
            return body;
        }
    }
}
