package dev.turnloop.pr.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The https token is sent to the git server and nowhere else: not into exceptions, stack traces or logs. */
class GitWorkspaceCredentialsTest {
    private static final String SECRET = "ghs_TOKEN_1234567890_do_not_leak";

    @TempDir
    Path root;
    HttpServer server;
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void refusingGitServer() throws Exception {
        // a smart-http git server that accepts no credentials, as GitHub does for a revoked token
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                authorizations.add(auth);
            }
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"GitHub\"");
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void rejectedTokenIsUsedButNeverShown() {
        TargetRepoConfig config = TargetRepoConfig.parse("""
                repository: http://127.0.0.1:%d/acme/agent.git
                author: {name: turnloop-bot, email: bot@acme.test}
                files: {system_prompts: [prompts/support.md]}
                """.formatted(server.getAddress().getPort()), null, "t.yaml");

        GitOperationException failure;
        String logs;
        try (LogCapture capture = new LogCapture()) {
            failure = catchThrowableOfType(GitOperationException.class,
                    () -> GitWorkspace.open(config, root.resolve("work"), AccessToken.of(SECRET)).close());
            logs = capture.all();
        }

        // the server really was offered the token (so its absence below means something)
        assertThat(authorizations).as("git sent Basic credentials").isNotEmpty();
        String basic = new String(Base64.getDecoder().decode(authorizations.get(0).substring("Basic ".length())),
                StandardCharsets.UTF_8);
        assertThat(basic).isEqualTo("x-access-token:" + SECRET);
        // and the failure says what failed, without the token in any form
        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains("cloning http://127.0.0.1");
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        String encoded = authorizations.get(0).substring("Basic ".length());
        assertThat(trace.toString()).doesNotContain(SECRET).doesNotContain(encoded);
        assertThat(logs).as("JGit debug logging was captured").isNotEmpty()
                .doesNotContain(SECRET).doesNotContain(encoded);
    }
}
