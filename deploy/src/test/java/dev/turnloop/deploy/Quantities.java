package dev.turnloop.deploy;

import java.math.BigDecimal;
import java.util.Map;

/** Kubernetes resource quantities ("500m", "2", "1536Mi", "2Gi") as numbers, to compare requests with limits. */
final class Quantities {

    private static final Map<String, BigDecimal> SUFFIXES = Map.of(
            "m", new BigDecimal("0.001"),
            "Ki", BigDecimal.valueOf(1L << 10), "Mi", BigDecimal.valueOf(1L << 20), "Gi", BigDecimal.valueOf(1L << 30),
            "Ti", BigDecimal.valueOf(1L << 40),
            "k", BigDecimal.valueOf(1_000L), "M", BigDecimal.valueOf(1_000_000L), "G", BigDecimal.valueOf(1_000_000_000L));

    private Quantities() {
    }

    static BigDecimal parse(Object quantity) {
        String text = String.valueOf(quantity);
        for (var suffix : SUFFIXES.entrySet()) {
            if (text.endsWith(suffix.getKey())) {
                return new BigDecimal(text.substring(0, text.length() - suffix.getKey().length()))
                        .multiply(suffix.getValue());
            }
        }
        return new BigDecimal(text);
    }
}
