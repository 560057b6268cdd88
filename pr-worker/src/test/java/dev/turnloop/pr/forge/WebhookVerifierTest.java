package dev.turnloop.pr.forge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.pr.repo.AccessToken;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {
    // the example from GitHub's "Validating webhook deliveries" documentation
    private static final WebhookVerifier DOCS = new WebhookVerifier(AccessToken.of("It's a Secret to Everybody"));
    private static final byte[] DOCS_PAYLOAD = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String DOCS_SIGNATURE =
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void githubsDocumentedExampleIsAccepted() {
        assertThat(DOCS.isAuthentic(DOCS_PAYLOAD, DOCS_SIGNATURE)).isTrue();
    }

    @Test
    void tamperedPayloadOrOtherSecretIsRejected() {
        assertThat(DOCS.isAuthentic("Hello, World?".getBytes(StandardCharsets.UTF_8), DOCS_SIGNATURE)).isFalse();
        assertThat(new WebhookVerifier(AccessToken.of("another secret")).isAuthentic(DOCS_PAYLOAD, DOCS_SIGNATURE))
                .isFalse();
    }

    @Test
    void malformedOrMissingSignaturesAreRejected() {
        assertThat(DOCS.isAuthentic(DOCS_PAYLOAD, null)).isFalse();
        assertThat(DOCS.isAuthentic(DOCS_PAYLOAD, DOCS_SIGNATURE.substring("sha256=".length()))).isFalse();
        assertThat(DOCS.isAuthentic(DOCS_PAYLOAD, "sha1=757107ea0eb2509fc211221cce984b8a37570b6d")).isFalse();
        assertThat(DOCS.isAuthentic(DOCS_PAYLOAD, "sha256=zz" + DOCS_SIGNATURE.substring(9))).isFalse();
        assertThat(DOCS.isAuthentic(DOCS_PAYLOAD, DOCS_SIGNATURE + "00")).isFalse();
    }

    @Test
    void mergedPullRequestEventIsReadWithItsFooter() {
        String body = PullRequestBody.footer(new PullRequestFooter("change", "intent-7|harness.search-timeout",
                "harness.search-timeout", "harness/tools.yaml", "intent-7", "completion_rate", "UP", null, null, null));
        String payload = """
                {"action": "closed", "number": 12,
                 "pull_request": {"number": 12, "html_url": "https://github.com/acme/agent/pull/12", "state": "closed",
                   "merged": true, "merge_commit_sha": "7638417db6d59f3c431d3e1f261cc637155684cd",
                   "head": {"ref": "turnloop/intent-7-x"}, "base": {"ref": "main"}, "body": %s}}
                """.formatted(new com.fasterxml.jackson.databind.node.TextNode(body).toString());

        MergedPullRequest merged = DOCS.mergedPullRequest("pull_request", payload.getBytes(StandardCharsets.UTF_8))
                .orElseThrow();

        assertThat(merged.number()).isEqualTo(12);
        assertThat(merged.mergeCommitSha()).isEqualTo("7638417db6d59f3c431d3e1f261cc637155684cd");
        assertThat(merged.head()).isEqualTo("turnloop/intent-7-x");
        assertThat(merged.base()).isEqualTo("main");
        assertThat(merged.footer().map(PullRequestFooter::itemId)).contains("intent-7|harness.search-timeout");
    }

    @Test
    void closedWithoutMergeAndOtherEventsAreIgnored() {
        byte[] closed = """
                {"action": "closed", "pull_request": {"number": 3, "merged": false}}
                """.getBytes(StandardCharsets.UTF_8);
        byte[] opened = """
                {"action": "opened", "pull_request": {"number": 3, "merged": false}}
                """.getBytes(StandardCharsets.UTF_8);

        assertThat(DOCS.mergedPullRequest("pull_request", closed)).isEmpty();
        assertThat(DOCS.mergedPullRequest("pull_request", opened)).isEmpty();
        assertThat(DOCS.mergedPullRequest("ping", closed)).isEmpty();
        assertThat(DOCS.mergedPullRequest("pull_request", "not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
