package dev.turnloop.schemas.serde;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate classes it has not been told to trust. The generated records of the contract
 * (package {@code dev.turnloop.schemas}) are trusted here, once, on top of whatever the JVM already trusts.
 */
public final class TrustedContract {

    private static final String CONTRACT_PACKAGE = "dev.turnloop.schemas.";
    private static volatile boolean installed;

    private TrustedContract() {
    }

    public static void install() {
        if (installed) {
            return;
        }
        synchronized (TrustedContract.class) {
            if (!installed) {
                ClassSecurityValidator.ClassSecurityPredicate contract =
                        type -> type.getName().startsWith(CONTRACT_PACKAGE);
                ClassSecurityValidator.setGlobal(
                        ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), contract));
                installed = true;
            }
        }
    }
}
