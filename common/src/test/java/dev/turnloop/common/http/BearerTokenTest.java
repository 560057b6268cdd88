package dev.turnloop.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerTokenTest {

    private static final String SECRET = "s3cret-0123456789";
    private final BearerToken token = new BearerToken(SECRET);

    @Test
    void authorizesExactlyTheBearerHeaderOfItsSecret() {
        assertThat(token.authorizes("Bearer " + SECRET)).isTrue();
        assertThat(token.authorizes("Bearer " + SECRET + "  ")).as("trailing whitespace of the header").isTrue();
        assertThat(token.authorizes(token.authorizationHeader())).as("what a client sends").isTrue();
    }

    @Test
    void refusesAMissingWrongOrDifferentlyFormedHeader() {
        assertThat(token.authorizes(null)).isFalse();
        assertThat(token.authorizes("")).isFalse();
        assertThat(token.authorizes("Bearer ")).isFalse();
        assertThat(token.authorizes("Bearer nope")).isFalse();
        assertThat(token.authorizes("Bearer " + SECRET.substring(1))).as("a prefix of it").isFalse();
        assertThat(token.authorizes("Bearer " + SECRET + "x")).as("longer").isFalse();
        assertThat(token.authorizes(SECRET)).as("no scheme").isFalse();
        assertThat(token.authorizes("bearer " + SECRET)).as("scheme in another case").isFalse();
        assertThat(token.authorizes("Basic " + SECRET)).as("another scheme").isFalse();
    }

    @Test
    void secretIsStrippedAndABlankOneRefused() {
        assertThat(new BearerToken("  " + SECRET + "\n").authorizes("Bearer " + SECRET)).isTrue();
        assertThatThrownBy(() -> new BearerToken(" \n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BearerToken(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void toStringNeverShowsTheSecret() {
        assertThat(token.toString()).doesNotContain(SECRET).contains("***");
        assertThat(String.valueOf(java.util.Optional.of(token))).doesNotContain(SECRET);
    }

    @Test
    void readsTheNamedEnvironmentVariableWithoutItsTrailingNewline() {
        BearerToken fromEnv = BearerToken.fromEnv("TURNLOOP_TOKEN", Map.of("TURNLOOP_TOKEN", SECRET + "\n"));

        assertThat(fromEnv.reveal()).isEqualTo(SECRET);
    }

    @Test
    void missingOrBlankVariableIsNamedInTheErrorButNoValueIsShown() {
        assertThatThrownBy(() -> BearerToken.fromEnv("TURNLOOP_TOKEN", Map.of("OTHER", SECRET)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("environment variable TURNLOOP_TOKEN is not set or empty")
                .hasMessageContaining("export")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> BearerToken.fromEnv("TURNLOOP_TOKEN", Map.of("TURNLOOP_TOKEN", "  ")))
                .hasMessageContaining("TURNLOOP_TOKEN");
    }

    @Test
    void readsASecretFileWithoutItsTrailingNewline(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), SECRET + "\n");

        assertThat(BearerToken.fromFile(file).reveal()).isEqualTo(SECRET);
    }

    @Test
    void missingOrEmptySecretFileIsRefusedByName(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");

        assertThatThrownBy(() -> BearerToken.fromFile(missing)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot read secret file " + missing);
        assertThatThrownBy(() -> BearerToken.fromFile(empty)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("secret file " + empty + " is empty");
    }
}
