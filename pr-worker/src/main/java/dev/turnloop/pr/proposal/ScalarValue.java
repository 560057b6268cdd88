package dev.turnloop.pr.proposal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A typed value a setting proposal writes. Numbers and booleans are set by code; text can only be an
 * {@link InstructionText}, so a tool description or any other string setting also comes from a rule template.
 */
public abstract class ScalarValue {
    private static final int DISPLAY_TEXT_LIMIT = 40;

    private ScalarValue() {
    }

    public static ScalarValue integer(long value) {
        return new Int(value);
    }

    public static ScalarValue decimal(BigDecimal value) {
        return new Decimal(Objects.requireNonNull(value, "value"));
    }

    public static ScalarValue decimal(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a setting value must be finite, got " + value);
        }
        return new Decimal(BigDecimal.valueOf(value));
    }

    public static ScalarValue bool(boolean value) {
        return new Bool(value);
    }

    public static ScalarValue text(InstructionText value) {
        return new Text(Objects.requireNonNull(value, "value"));
    }

    /** Short form for commit subjects and PR titles. */
    public abstract String display();

    /** True when a loaded document value (as SnakeYAML or Jackson builds it) already is this value. */
    abstract boolean matches(Object loaded);

    /** True when a setting currently holding {@code loaded} may take this value without changing its type. */
    abstract boolean compatibleWith(Object loaded);

    /** Literal for a number or boolean, identical in YAML and JSON. */
    String literal() {
        throw new UnsupportedOperationException("text has no bare literal");
    }

    static String typeName(Object loaded) {
        if (loaded == null) {
            return "null";
        }
        if (loaded instanceof Integer || loaded instanceof Long || loaded instanceof BigInteger) {
            return "an integer";
        }
        if (loaded instanceof Number) {
            return "a decimal number";
        }
        if (loaded instanceof Boolean) {
            return "a boolean";
        }
        if (loaded instanceof String) {
            return "a string";
        }
        return "a " + (loaded instanceof java.util.Map ? "mapping" : loaded instanceof java.util.List ? "list"
                : loaded.getClass().getSimpleName());
    }

    static final class Int extends ScalarValue {
        private final long value;

        Int(long value) {
            this.value = value;
        }

        @Override
        public String display() {
            return Long.toString(value);
        }

        @Override
        boolean matches(Object loaded) {
            return isInteger(loaded) && new BigInteger(loaded.toString()).equals(BigInteger.valueOf(value));
        }

        @Override
        boolean compatibleWith(Object loaded) {
            return loaded == null || isInteger(loaded);
        }

        @Override
        String literal() {
            return display();
        }

        private static boolean isInteger(Object o) {
            return o instanceof Integer || o instanceof Long || o instanceof BigInteger;
        }
    }

    static final class Decimal extends ScalarValue {
        private final BigDecimal value;

        Decimal(BigDecimal value) {
            this.value = value;
        }

        @Override
        public String display() {
            return literal();
        }

        @Override
        boolean matches(Object loaded) {
            if (!(loaded instanceof Number) || loaded instanceof Integer || loaded instanceof Long
                    || loaded instanceof BigInteger) {
                return false;
            }
            if (loaded instanceof Double && !Double.isFinite((Double) loaded)) {
                return false; // .inf / .nan in YAML
            }
            return new BigDecimal(loaded.toString()).compareTo(value) == 0;
        }

        @Override
        boolean compatibleWith(Object loaded) {
            return loaded == null || loaded instanceof Number;
        }

        /** Always with a decimal point, so YAML keeps reading it as a float rather than an integer. */
        @Override
        String literal() {
            String plain = value.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
    }

    static final class Bool extends ScalarValue {
        private final boolean value;

        Bool(boolean value) {
            this.value = value;
        }

        @Override
        public String display() {
            return Boolean.toString(value);
        }

        @Override
        boolean matches(Object loaded) {
            return Boolean.valueOf(value).equals(loaded);
        }

        @Override
        boolean compatibleWith(Object loaded) {
            return loaded == null || loaded instanceof Boolean;
        }

        @Override
        String literal() {
            return display();
        }
    }

    static final class Text extends ScalarValue {
        private final InstructionText value;

        Text(InstructionText value) {
            this.value = value;
        }

        String text() {
            return value.text();
        }

        @Override
        public String display() {
            String text = value.text();
            return text.length() <= DISPLAY_TEXT_LIMIT && !text.contains("\n") ? '"' + text + '"'
                    : "text of rule " + value.templateId();
        }

        /** A YAML block scalar may add one final line break to the same text; that is the same setting. */
        @Override
        boolean matches(Object loaded) {
            return value.text().equals(loaded) || (value.text() + "\n").equals(loaded);
        }

        @Override
        boolean compatibleWith(Object loaded) {
            return loaded == null || loaded instanceof String;
        }
    }
}
