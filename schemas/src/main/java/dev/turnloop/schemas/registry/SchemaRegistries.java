package dev.turnloop.schemas.registry;

/** Creates a registry client from a {@code schema.registry.url}: {@code mock://name} is in memory, else HTTP. */
public final class SchemaRegistries {

    public static final String MOCK_SCHEME = "mock://";

    private SchemaRegistries() {
    }

    public static SchemaRegistryClient fromUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(
                    "schema.registry.url is not set; pass --schema-registry-url http://host:port/apis/ccompat/v7 "
                            + "(or mock://name for an in-memory registry in tests and the demo)");
        }
        if (url.startsWith(MOCK_SCHEME)) {
            return InMemorySchemaRegistry.named(url.substring(MOCK_SCHEME.length()));
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("schema.registry.url must start with http://, https:// or mock://, got: "
                    + url);
        }
        return new HttpSchemaRegistryClient(url);
    }
}
