package dev.turnloop.app.cli;

import dev.turnloop.schemas.Contract;
import dev.turnloop.schemas.registry.SchemaRegistryClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Registers the contract's schemas in the registry, checking compatibility first. */
@Command(name = "schemas", description = "Manage the Avro contract in the schema registry.",
        mixinStandardHelpOptions = true, subcommands = SchemasCommand.Register.class)
public final class SchemasCommand {

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = {"Register every schema of the contract under <topic>-value (idempotent).",
                    "Each schema is checked for compatibility with the subject's latest version first; "
                            + "an incompatible schema fails the command (exit 1) and nothing more is registered."})
    static final class Register implements Callable<Integer> {

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--check-only", description = "Only check compatibility; register nothing.")
        boolean checkOnly;

        @Override
        public Integer call() {
            Pipeline pipeline = Pipeline.from(connection.config());
            SchemaRegistryClient registry = pipeline.registry();
            for (Contract.Subject subject : Contract.subjects(pipeline.topics())) {
                if (!registry.isCompatible(subject.subject(), subject.schema())) {
                    System.err.printf("error: the schema for %s is not compatible with its latest registered version;"
                            + " make the change BACKWARD compatible (add fields with defaults) or use a new topic%n",
                            subject.subject());
                    return ExitCodes.FAILED;
                }
                if (checkOnly) {
                    System.out.printf("compatible  %s%n", subject.subject());
                } else {
                    int id = registry.register(subject.subject(), subject.schema());
                    System.out.printf("registered  %-50s id=%d%n", subject.subject(), id);
                }
            }
            return ExitCodes.OK;
        }
    }
}
