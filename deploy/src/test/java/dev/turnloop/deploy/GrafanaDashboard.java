package dev.turnloop.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** deploy/grafana/turnloop.json: its panels and the metrics their queries name. */
final class GrafanaDashboard {

    static final Path FILE = RepoPaths.deploy().resolve("grafana/turnloop.json");

    private GrafanaDashboard() {
    }

    static JsonNode read() {
        try {
            return new ObjectMapper().readTree(FILE.toFile());
        } catch (IOException e) {
            throw new AssertionError(FILE + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Panels that show data (rows are only headings), including those nested in collapsed rows. */
    static List<JsonNode> dataPanels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            if ("row".equals(panel.path("type").asText())) {
                panel.path("panels").forEach(panels::add);
            } else {
                panels.add(panel);
            }
        }
        return panels;
    }

    static Set<String> metrics(JsonNode dashboard) {
        Set<String> metrics = new LinkedHashSet<>();
        dataPanels(dashboard).forEach(panel -> panel.path("targets")
                .forEach(target -> metrics.addAll(PromQlMetrics.in(target.path("expr").asText()))));
        return metrics;
    }
}
