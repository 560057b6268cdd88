package dev.turnloop.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Finds the version of a WebJar on the classpath, so upgrading it in the pom needs no code change. */
final class WebJars {

    private WebJars() {
    }

    static String version(String npmName) {
        String resource = "META-INF/maven/org.webjars.npm/" + npmName + "/pom.properties";
        try (InputStream in = WebJars.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("WebJar " + npmName + " is not on the classpath (" + resource + ")");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
