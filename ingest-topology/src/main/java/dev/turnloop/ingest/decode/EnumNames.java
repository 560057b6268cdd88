package dev.turnloop.ingest.decode;

import java.util.Locale;
import java.util.Optional;

/** Lenient matching of enum symbols as people type them: any case, with '-' or ' ' for '_'. */
final class EnumNames {

    private EnumNames() {
    }

    static <E extends Enum<E>> Optional<E> parse(Class<E> type, String name) {
        String normalized = name.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (E symbol : type.getEnumConstants()) {
            if (symbol.name().equals(normalized)) {
                return Optional.of(symbol);
            }
        }
        return Optional.empty();
    }
}
