package dev.turnloop.pr.repo;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures every log event, at every level, of turnloop and JGit while open, with stack traces, so a test can
 * assert that a secret never reached a log.
 */
public final class LogCapture implements AutoCloseable {
    private static final List<String> LOGGERS = List.of("dev.turnloop", "org.eclipse.jgit");
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context = LoggerContext.getContext(false);
    private final AbstractAppender appender = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
        @Override
        public void append(LogEvent event) {
            StringWriter text = new StringWriter().append(event.getMessage().getFormattedMessage());
            if (event.getThrown() != null) {
                event.getThrown().printStackTrace(new PrintWriter(text));
            }
            lines.add(text.toString());
        }
    };

    public LogCapture() {
        Configuration config = context.getConfiguration();
        appender.start();
        config.addAppender(appender);
        for (String name : LOGGERS) {
            LoggerConfig logger = LoggerConfig.newBuilder().setLoggerName(name).setLevel(Level.ALL)
                    .setAdditivity(false).setConfig(config).build();
            logger.addAppender(appender, Level.ALL, null);
            config.addLogger(name, logger);
        }
        context.updateLoggers();
    }

    /** Everything logged so far, one entry per event. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String all() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        LOGGERS.forEach(config::removeLogger);
        appender.stop();
        context.updateLoggers();
    }
}
