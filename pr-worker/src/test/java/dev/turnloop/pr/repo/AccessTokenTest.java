package dev.turnloop.pr.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTokenTest {
    private static final String SECRET = "ghp_0123456789abcdefSECRET";

    @Test
    void toStringNeverShowsTheSecret() {
        assertThat(AccessToken.of(SECRET).toString()).doesNotContain(SECRET).contains("***");
    }

    @Test
    void redactScrubsThePlainAndBasicAuthForms() {
        String basic = Base64.getEncoder().encodeToString(("x-access-token:" + SECRET).getBytes());

        String scrubbed = AccessToken.of(SECRET).redact("token " + SECRET + " header Basic " + basic);

        assertThat(scrubbed).isEqualTo("token *** header Basic ***");
    }

    @Test
    void environmentVariableIsNamedWhenMissingButNoValueIsShown() {
        assertThatThrownBy(() -> AccessToken.fromEnv("GITHUB_TOKEN", Map.of("OTHER", SECRET)))
                .hasMessageContaining("GITHUB_TOKEN")
                .hasMessageNotContaining(SECRET);
        assertThat(AccessToken.fromEnv("GITHUB_TOKEN", Map.of("GITHUB_TOKEN", SECRET + "\n")).reveal())
                .isEqualTo(SECRET);
    }

    @Test
    void secretFileIsReadWithoutItsTrailingNewline(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), SECRET + "\n");

        assertThat(AccessToken.fromFile(file).reveal()).isEqualTo(SECRET);
        assertThatThrownBy(() -> AccessToken.fromFile(dir.resolve("missing"))).hasMessageContaining("cannot read");
    }
}
