package dev.turnloop.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Prints the versions of turnloop and of what it runs on. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print turnloop's version and its platform.")
public final class VersionCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.println("turnloop " + turnloopVersion());
        System.out.println("kafka    " + kafkaVersion());
        System.out.println("avro     " + org.apache.avro.Schema.class.getPackage().getImplementationVersion());
        System.out.println("java     " + System.getProperty("java.version"));
        return ExitCodes.OK;
    }

    /** Kafka's clients jar carries its version in a resource (its public API has no accessor). */
    static String kafkaVersion() {
        java.util.Properties props = new java.util.Properties();
        try (java.io.InputStream in = org.apache.kafka.clients.admin.Admin.class
                .getResourceAsStream("/kafka/kafka-version.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (java.io.IOException e) {
            return "unknown";
        }
        return props.getProperty("version", "unknown");
    }

    public static String turnloopVersion() {
        String version = VersionCommand.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
