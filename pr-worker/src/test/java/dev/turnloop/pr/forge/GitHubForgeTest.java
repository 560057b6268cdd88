package dev.turnloop.pr.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnloop.pr.repo.AccessToken;
import dev.turnloop.pr.repo.LogCapture;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GitHubForgeTest {
    private static final String TOKEN = "ghp_GOOD_TOKEN_abcdef0123456789";
    private static final String HEAD = "turnloop/intent-7-harness-search-timeout-1a2b3c4d";
    private static final PullRequestDraft DRAFT = new PullRequestDraft(
            "turnloop: set tools.search.timeout_ms from 2000 to 5000 in harness/tools.yaml", HEAD, "main",
            "body text", false, List.of("turnloop", "agent-quality"));

    FakeGitHubPullsApi github;
    GitHubForge forge;

    @BeforeEach
    void start() throws Exception {
        github = new FakeGitHubPullsApi(TOKEN);
        forge = new GitHubForge(github.baseUrl(), FakeGitHubPullsApi.OWNER, FakeGitHubPullsApi.REPO,
                AccessToken.of(TOKEN));
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void openingLooksUpTheHeadThenCreatesAndLabelsAsDocumented() throws Exception {
        PullRequestRef pr = forge.openPullRequest(DRAFT);

        assertThat(pr.number()).isEqualTo(1);
        assertThat(pr.url()).isEqualTo("https://github.com/acme/agent/pull/1");
        assertThat(pr.state()).isEqualTo(PullRequestState.OPEN);
        assertThat(pr.head()).isEqualTo(HEAD);
        assertThat(pr.mergeCommit()).as("an open PR's test-merge sha is not a merge").isEmpty();
        List<FakeGitHubPullsApi.Recorded> calls = github.requests;
        assertThat(calls).extracting(FakeGitHubPullsApi.Recorded::method, FakeGitHubPullsApi.Recorded::path,
                FakeGitHubPullsApi.Recorded::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("GET", "/repos/acme/agent/pulls", 200),
                org.assertj.core.groups.Tuple.tuple("POST", "/repos/acme/agent/pulls", 201),
                org.assertj.core.groups.Tuple.tuple("POST", "/repos/acme/agent/issues/1/labels", 200));
        assertThat(calls.get(0).query()).contains("head=acme%3A" + HEAD.replace("/", "%2F")).contains("state=all");
        JsonNode create = new ObjectMapper().readTree(calls.get(1).body());
        assertThat(create.path("title").asText()).isEqualTo(DRAFT.title());
        assertThat(create.path("head").asText()).isEqualTo(HEAD);
        assertThat(create.path("base").asText()).isEqualTo("main");
        assertThat(create.path("body").asText()).isEqualTo("body text");
        assertThat(create.path("draft").isBoolean()).isTrue();
        assertThat(calls.get(1).headers()).containsEntry("accept", "application/vnd.github+json")
                .containsEntry("x-github-api-version", "2022-11-28").containsEntry("authorization", "Bearer " + TOKEN);
        assertThat(new ObjectMapper().readTree(calls.get(2).body()).path("labels").toString())
                .isEqualTo("[\"turnloop\",\"agent-quality\"]");
    }

    @Test
    void replayReusesThePullRequestForTheHeadEvenOnceClosed() {
        PullRequestRef first = forge.openPullRequest(DRAFT);
        PullRequestRef replay = forge.openPullRequest(DRAFT);
        github.close(first.number());
        PullRequestRef afterClose = forge.openPullRequest(DRAFT);

        assertThat(replay.number()).isEqualTo(first.number());
        assertThat(afterClose.number()).isEqualTo(first.number());
        assertThat(afterClose.state()).as("a human closed it; it is not reopened").isEqualTo(PullRequestState.CLOSED);
        assertThat(github.calls("POST", "/repos/acme/agent/pulls")).isEqualTo(1);
        assertThat(github.pullsForHead(HEAD)).isEqualTo(1);
    }

    @Test
    void duplicate422FromARaceIsAnsweredWithTheExistingPullRequest() {
        github.raceOnNextCreate(HEAD);

        PullRequestRef pr = forge.openPullRequest(DRAFT);

        assertThat(github.requests).extracting(FakeGitHubPullsApi.Recorded::status).contains(422);
        assertThat(pr.number()).isEqualTo(1);
        assertThat(github.pullsForHead(HEAD)).isEqualTo(1);
    }

    @Test
    void otherValidationFailuresSurfaceGitHubsMessage() {
        PullRequestDraft empty = new PullRequestDraft("t", "turnloop/no-commits", "main", "", false, List.of());

        ForgeException e = catchThrowableOfType(ForgeException.class, () -> forge.openPullRequest(empty));

        assertThat(e.statusCode()).isEqualTo(422);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("Validation Failed; No commits between main and turnloop/no-commits");
    }

    @Test
    void mergeCommitIsReportedOnlyOnceMerged() {
        PullRequestRef pr = forge.openPullRequest(DRAFT);
        assertThat(forge.getPullRequest(pr.number()).mergeCommit()).isEmpty();

        github.merge(pr.number(), "7638417db6d59f3c431d3e1f261cc637155684cd");

        PullRequestRef merged = forge.getPullRequest(pr.number());
        assertThat(merged.state()).isEqualTo(PullRequestState.MERGED);
        assertThat(merged.mergeCommit()).contains("7638417db6d59f3c431d3e1f261cc637155684cd");
        assertThat(forge.findByHead(HEAD).map(PullRequestRef::state)).as("list items carry merged_at")
                .contains(PullRequestState.MERGED);
    }

    @Test
    void diffIsAskedForWithGitHubsDiffMediaType() {
        PullRequestRef pr = forge.openPullRequest(DRAFT);

        String diff = forge.diff(pr.number());

        assertThat(diff).startsWith("diff --git a/prompts/").contains("+" + DRAFT.title());
    }

    @Test
    void findOpenByHeadIgnoresClosedOnes() {
        PullRequestRef pr = forge.openPullRequest(DRAFT);
        assertThat(forge.findOpenByHead(HEAD)).contains(pr);

        github.close(pr.number());

        assertThat(forge.findOpenByHead(HEAD)).isEmpty();
        assertThat(forge.findByHead(HEAD).map(PullRequestRef::state)).contains(PullRequestState.CLOSED);
        assertThat(forge.findByHead("turnloop/other")).isEmpty();
    }

    @Test
    void unknownPullRequestIsA404() {
        ForgeException e = catchThrowableOfType(ForgeException.class, () -> forge.getPullRequest(99));

        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.getMessage()).contains("GET /repos/acme/agent/pulls/99 returned 404");
    }

    @Test
    void tokenNeverAppearsInErrorsLogsOrToString() {
        String wrong = "ghp_WRONG_TOKEN_zyxwvu9876543210";
        GitHubForge badForge = new GitHubForge(github.baseUrl(), "acme", "agent", AccessToken.of(wrong));
        ForgeException unauthorized;
        ForgeException echoed;
        String logs;
        try (LogCapture capture = new LogCapture()) {
            unauthorized = catchThrowableOfType(ForgeException.class, () -> badForge.openPullRequest(DRAFT));
            github.echoAuthorizationInErrors();
            echoed = catchThrowableOfType(ForgeException.class, () -> forge.openPullRequest(DRAFT));
            logs = capture.all();
        }

        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(unauthorized.getMessage()).contains("check the token").doesNotContain(wrong);
        assertThat(echoed.getMessage()).as("a server echoing the header is scrubbed")
                .contains("upstream failed for Bearer ***").doesNotContain(TOKEN);
        assertThat(echoed.retryable()).isTrue();
        assertThat(forge.toString()).doesNotContain(TOKEN);
        assertThat(logs).doesNotContain(TOKEN).doesNotContain(wrong);
    }

    @Test
    void repositoryUrlGivesTheApiOfGitHubOrEnterprise() {
        AccessToken token = AccessToken.of(TOKEN);

        assertThat(GitHubForge.forRepositoryUrl("https://github.com/acme/agent.git", token).toString())
                .isEqualTo("GitHubForge[https://api.github.com/repos/acme/agent]");
        assertThat(GitHubForge.forRepositoryUrl("https://ghe.acme.dev/ml/support-agent", token).toString())
                .isEqualTo("GitHubForge[https://ghe.acme.dev/api/v3/repos/ml/support-agent]");
        assertThatThrownBy(() -> GitHubForge.forRepositoryUrl("git@github.com:acme/agent.git", token))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new GitHubForge(URI.create("https://api.github.com/"), "a", "b", token).toString())
                .isEqualTo("GitHubForge[https://api.github.com/repos/a/b]");
    }
}
