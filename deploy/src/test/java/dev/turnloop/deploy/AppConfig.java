package dev.turnloop.deploy;

import java.util.Map;

/** The configuration the deployed apps get: the {@code turnloop-config} ConfigMap, as environment variables. */
final class AppConfig {

    static final String CONFIG_MAP = "turnloop-config";

    private AppConfig() {
    }

    static Map<String, Object> environment() {
        return K8sResource.find(K8sResource.deployed(), "ConfigMap", CONFIG_MAP).map("data");
    }
}
