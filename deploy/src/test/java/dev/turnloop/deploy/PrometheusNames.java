package dev.turnloop.deploy;

import java.util.Set;
import java.util.TreeSet;

/** The metric names in a Prometheus text exposition (what a scraper stores), without the comment lines. */
final class PrometheusNames {

    private PrometheusNames() {
    }

    static Set<String> in(String exposition) {
        Set<String> names = new TreeSet<>();
        exposition.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0]).forEach(names::add);
        return names;
    }
}
