package dev.turnloop.pr.worker;

import static dev.turnloop.pr.TestBreaches.breach;
import static dev.turnloop.pr.TestBreaches.deadEnds;
import static dev.turnloop.pr.TestBreaches.evidence;
import static dev.turnloop.pr.TestBreaches.searchTimeouts;
import static dev.turnloop.pr.TestBreaches.verdict;
import static dev.turnloop.pr.repo.TestRepos.HARNESS;
import static dev.turnloop.pr.repo.TestRepos.HARNESS_TEXT;
import static dev.turnloop.pr.repo.TestRepos.PROMPT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.pr.forge.Forge;
import dev.turnloop.pr.forge.ForgeException;
import dev.turnloop.pr.forge.LocalForge;
import dev.turnloop.pr.forge.PullRequestBody;
import dev.turnloop.pr.forge.PullRequestDraft;
import dev.turnloop.pr.forge.PullRequestFooter;
import dev.turnloop.pr.forge.PullRequestRef;
import dev.turnloop.pr.repo.TargetRepoConfig;
import dev.turnloop.pr.repo.TestRepos;
import dev.turnloop.schemas.BacklogItem;
import dev.turnloop.schemas.BacklogStatus;
import dev.turnloop.schemas.Breach;
import dev.turnloop.schemas.BreachState;
import dev.turnloop.schemas.ChangeEvent;
import dev.turnloop.schemas.Component;
import dev.turnloop.schemas.Direction;
import dev.turnloop.schemas.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrWorkerTopologyTest {
    private static final String SEARCH_ITEM = "intent-search|harness.tool-timeout:search";
    private static final String EXPORT_ITEM = "intent-export|prompt.dead-end";

    @TempDir
    Path root;
    Path remote;
    TargetRepoConfig config;
    LocalForge forge;
    PrWorkerHarness worker;

    @BeforeEach
    void setUp() throws Exception {
        remote = TestRepos.agentRemote(root.resolve("remote.git"));
        config = TestRepos.configFor(remote);
        forge = LocalForge.nextTo(remote);
        worker = new PrWorkerHarness(config, forge, root.resolve("work"), root.resolve("state"));
    }

    @AfterEach
    void tearDown() {
        if (worker != null) {
            worker.close();
        }
    }

    private static Breach searchBreach() {
        return breach("intent-search", "abandonment_rate", 0.6, 100, searchTimeouts(4)).setIntentLabel("search").build();
    }

    private static Breach exportBreach() {
        return breach("intent-export", "abandonment_rate", 0.3, 100, deadEnds(3)).build();
    }

    private long pullRequestCount() throws Exception {
        if (!Files.isDirectory(forge.pullRequestDir())) {
            return 0;
        }
        try (Stream<Path> files = Files.list(forge.pullRequestDir())) {
            return files.filter(f -> f.getFileName().toString().matches("\\d+\\.json")).count();
        }
    }

    private String pullRequestBody(int number) throws Exception {
        return Files.readString(forge.pullRequestDir().resolve(number + ".md"));
    }

    /** Sends the search breach and runs a cycle, so the search item has pull request #1. */
    private BacklogItem searchItemWithPullRequest() {
        worker.send(searchBreach());
        worker.cycle();
        BacklogItem item = worker.item(SEARCH_ITEM);
        assertThat(item.getStatus()).isEqualTo(BacklogStatus.PR_OPENED);
        return item;
    }

    @Test
    void aBreachBecomesAnOpenItemAndTheNextCycleOpensABranchAndAPullRequest() throws Exception {
        // When a breach with repeated search timeouts arrives
        worker.send(searchBreach());

        // Then one OPEN item names the mechanism, before any git work
        BacklogItem open = worker.item(SEARCH_ITEM);
        assertThat(open.getStatus()).isEqualTo(BacklogStatus.OPEN);
        assertThat(open.getMechanismKnown()).isTrue();
        assertThat(open.getFrequency()).isEqualTo(60);
        assertThat(open.getEvidence()).hasSize(4);
        assertThat(TestRepos.branches(remote)).containsExactly("main");

        // When the worker's cycle runs
        worker.cycle();

        // Then the item has a pushed branch with the one-line change and a pull request whose body holds the evidence
        BacklogItem item = worker.item(SEARCH_ITEM);
        assertThat(item.getStatus()).isEqualTo(BacklogStatus.PR_OPENED);
        assertThat(item.getBranch()).startsWith("turnloop/intent-search-harness-tool-timeout-search-");
        assertThat(item.getPrUrl()).endsWith("/remote.git.pulls/1.md");
        assertThat(TestRepos.branches(remote)).containsExactlyInAnyOrder("main", item.getBranch());
        assertThat(TestRepos.read(remote, item.getBranch(), HARNESS))
                .isEqualTo(HARNESS_TEXT.replace("timeout_ms: 2000   #", "timeout_ms: 4000   #"));
        String body = pullRequestBody(1);
        assertThat(body).contains("set tools.search.timeout_ms from 2000 to 4000 in harness/tools.yaml",
                "conv-search-0 [tool_error:search@1, repair:repeated_request@3] inactivity_after_tool_error:",
                "the search keeps timing out", "`abandonment_rate` should go **down**", "+    timeout_ms: 4000");
        assertThat(PullRequestBody.parseFooter(body).map(PullRequestFooter::itemId)).contains(SEARCH_ITEM);
    }

    @Test
    void onlyTheTopItemGetsAPullRequestWhileOneAwaitsReviewAndTheNextFollowsTheMerge() throws Exception {
        // Given two items: 30 dead-ending conversations fixed in the prompt (ln 31 = 3.43) beat 60 timeouts fixed in
        // the harness (ln 61 / 2 = 2.06)
        worker.send(searchBreach());
        worker.send(exportBreach());
        assertThat(worker.item(EXPORT_ITEM).getScore()).isGreaterThan(worker.item(SEARCH_ITEM).getScore());

        // When a cycle runs
        worker.cycle();

        // Then only the top item has a pull request
        assertThat(worker.item(EXPORT_ITEM).getStatus()).isEqualTo(BacklogStatus.PR_OPENED);
        assertThat(worker.item(SEARCH_ITEM).getStatus()).isEqualTo(BacklogStatus.OPEN);
        assertThat(pullRequestCount()).isEqualTo(1);
        assertThat(TestRepos.read(remote, worker.item(EXPORT_ITEM).getBranch(), PROMPT))
                .contains("## Learned from production", "do not end your reply with a refusal",
                        "\"can I export my data to a spreadsheet? (0)\"");

        // When another cycle runs while it awaits review, then nothing more is opened
        worker.cycle();
        assertThat(pullRequestCount()).isEqualTo(1);

        // When it is merged, the next cycle records the merge and opens the next item's pull request
        forge.merge(1);
        worker.cycle();
        assertThat(worker.item(EXPORT_ITEM).getStatus()).isEqualTo(BacklogStatus.MERGED);
        assertThat(worker.item(SEARCH_ITEM).getStatus()).isEqualTo(BacklogStatus.PR_OPENED);
        assertThat(pullRequestCount()).isEqualTo(2);
    }

    @Test
    void anItemWhoseMechanismIsUnknownAsksForReadingAndNeverGetsAPullRequest() throws Exception {
        worker.send(breach("intent-misc", "abandonment_rate", 0.5, 80, List.of(evidence("conv-a", "hm", "abandoned"),
                evidence("conv-b", "ok then", "abandoned"))).build());
        worker.cycle();
        worker.cycle();

        BacklogItem item = worker.item("intent-misc|unknown");
        assertThat(item.getMechanismKnown()).isFalse();
        assertThat(item.getMechanism()).startsWith("mechanism unknown: read conversations conv-a, conv-b");
        assertThat(item.getStatus()).isEqualTo(BacklogStatus.OPEN);
        assertThat(pullRequestCount()).isZero();
        assertThat(TestRepos.branches(remote)).containsExactly("main");
    }

    @Test
    void aMergeEmitsAChangeEventWithTheVersionsBeforeAndAfter() throws Exception {
        BacklogItem item = searchItemWithPullRequest();
        RevCommit mainBefore = TestRepos.tip(remote, "main");

        // When the reviewer merges and the next cycle polls
        String merge = forge.merge(1).mergeCommit().orElseThrow();
        worker.cycle();

        // Then one ChangeEvent describes the deploy, and the item is MERGED
        assertThat(worker.changeEvents()).hasSize(1);
        ChangeEvent event = worker.changeEvents().get(0);
        assertThat(event.getChangeId()).isEqualTo("change-" + merge.substring(0, 12));
        assertThat(event.getItemId()).isEqualTo(SEARCH_ITEM);
        assertThat(event.getComponent()).isEqualTo(Component.HARNESS);
        assertThat(event.getOldVersion()).isEqualTo(mainBefore.name());
        assertThat(event.getNewVersion()).isEqualTo(merge);
        assertThat(event.getTargetIntentId()).isEqualTo("intent-search");
        assertThat(event.getTargetMetric()).isEqualTo("abandonment_rate");
        assertThat(event.getExpectedDirection()).isEqualTo(Direction.DOWN);
        assertThat(event.getPlannedVolumePerArm()).isEqualTo(500);
        assertThat(event.getPrUrl()).isEqualTo(item.getPrUrl());
        assertThat(event.getIsRevert()).isFalse();
        assertThat(worker.item(SEARCH_ITEM).getStatus()).isEqualTo(BacklogStatus.MERGED);
        assertThat(worker.item(SEARCH_ITEM).getMergedAt()).as("when it was merged").isNotNull();
        assertThat(item.getMergedAt()).as("not before").isNull();

        // and polling again changes nothing
        worker.cycle();
        assertThat(worker.changeEvents()).hasSize(1);
    }

    @Test
    void aWebhookNudgeChecksMergesBeforeTheNextCycle() throws Exception {
        searchItemWithPullRequest();
        forge.merge(1);

        // When a tick passes without a nudge, nothing is polled
        worker.tick();
        assertThat(worker.changeEvents()).isEmpty();

        // When the webhook reports a merge, the next tick polls
        worker.merges.merged(1);
        worker.tick();
        assertThat(worker.changeEvents()).hasSize(1);
        assertThat(worker.item(SEARCH_ITEM).getStatus()).isEqualTo(BacklogStatus.MERGED);
    }

    @Test
    void aKeepVerdictKeepsTheItemAndARepeatChangesNothing() {
        searchItemWithPullRequest();
        forge.merge(1);
        worker.cycle();
        String changeId = worker.changeEvents().get(0).getChangeId();

        worker.send(verdict(changeId, SEARCH_ITEM, Verdict.KEEP));
        int published = worker.published().size();
        worker.send(verdict(changeId, SEARCH_ITEM, Verdict.KEEP));

        assertThat(worker.item(SEARCH_ITEM).getStatus()).isEqualTo(BacklogStatus.KEPT);
        assertThat(worker.published()).as("a repeated verdict publishes nothing").hasSize(published);
    }

    @Test
    void aRevertVerdictOpensARevertPullRequestWithTheVerdictsNumbersAndItsMergeClosesTheItem() throws Exception {
        BacklogItem item = searchItemWithPullRequest();
        String merge = forge.merge(1).mergeCommit().orElseThrow();
        worker.cycle();
        String changeId = worker.changeEvents().get(0).getChangeId();

        // When the verdict is REVERT (without an item id: the worker finds the item by change id)
        worker.send(verdict(changeId, null, Verdict.REVERT));

        // Then a revert pull request is open, its body linking the shipped pull request and the verdict's numbers
        BacklogItem reverted = worker.item(SEARCH_ITEM);
        assertThat(reverted.getStatus()).isEqualTo(BacklogStatus.REVERTED);
        assertThat(reverted.getBranch()).startsWith("turnloop/revert-intent-search-harness-tool-timeout-search-");
        assertThat(reverted.getPrUrl()).endsWith("/2.md");
        String body = pullRequestBody(2);
        assertThat(body).contains("This reverts `" + merge + "`", item.getPrUrl(), "**REVERT**",
                "| control | `v-control` | 1200 | 780 | 0.6500 |", "Effect (treatment - control): -0.0500",
                "e-value 41.50");
        assertThat(TestRepos.read(remote, reverted.getBranch(), HARNESS)).isEqualTo(HARNESS_TEXT);

        // When a replayed verdict arrives, nothing new is opened
        worker.send(verdict(changeId, null, Verdict.REVERT));
        assertThat(pullRequestCount()).isEqualTo(2);

        // When the revert is merged, a revert ChangeEvent follows and the item closes
        String revertMerge = forge.merge(2).mergeCommit().orElseThrow();
        worker.cycle();
        assertThat(worker.changeEvents()).hasSize(2);
        ChangeEvent revert = worker.changeEvents().get(1);
        assertThat(revert.getIsRevert()).isTrue();
        assertThat(revert.getOldVersion()).isEqualTo(merge);
        assertThat(revert.getNewVersion()).isEqualTo(revertMerge);
        assertThat(worker.item(SEARCH_ITEM).getStatus()).isEqualTo(BacklogStatus.CLOSED);
        assertThat(worker.item(SEARCH_ITEM).getMergedAt()).as("a closed item still says it was merged").isNotNull();
        assertThat(worker.item(SEARCH_ITEM).getRevertedAt()).as("and reverted").isNotNull();
        assertThat(TestRepos.read(remote, "main", HARNESS)).isEqualTo(HARNESS_TEXT);
    }

    @Test
    void aPullRequestDeclinedByTheReviewerClosesTheItemForGood() throws Exception {
        searchItemWithPullRequest();

        forge.decline(1);
        worker.cycle();
        worker.send(searchBreach());
        worker.cycle();

        assertThat(worker.item(SEARCH_ITEM).getStatus()).isEqualTo(BacklogStatus.CLOSED);
        assertThat(pullRequestCount()).isEqualTo(1);
    }

    @Test
    void anOpenItemWhoseBreachesResolvedClosesAndReopensOnANewBreach() {
        worker.send(searchBreach());

        worker.send(Breach.newBuilder(searchBreach()).setState(BreachState.RESOLVED).setEvidence(List.of()).build());
        assertThat(worker.item(SEARCH_ITEM).getStatus()).isEqualTo(BacklogStatus.CLOSED);
        worker.cycle();
        assertThat(worker.item(SEARCH_ITEM).getStatus()).as("no pull request for a resolved problem")
                .isEqualTo(BacklogStatus.CLOSED);

        worker.send(searchBreach());
        assertThat(worker.item(SEARCH_ITEM).getStatus()).isEqualTo(BacklogStatus.OPEN);
    }

    @Test
    void replayingTheBreachInTheSameWorkerOpensNothingNew() throws Exception {
        BacklogItem item = searchItemWithPullRequest();
        int published = worker.published().size();

        worker.send(searchBreach());
        worker.cycle();

        assertThat(worker.published()).as("an identical breach changes nothing").hasSize(published);
        assertThat(worker.item(SEARCH_ITEM)).isEqualTo(item);
        assertThat(pullRequestCount()).isEqualTo(1);
    }

    @Test
    void aWorkerThatLostItsStateReusesTheBranchAndPullRequestOnReplay() throws Exception {
        BacklogItem first = searchItemWithPullRequest();
        worker.close();

        // Given a new worker with empty stores and a fresh work dir on the same repository and forge
        worker = new PrWorkerHarness(config, forge, root.resolve("work-2"), root.resolve("state-2"));

        // When the breach is replayed and a cycle runs
        worker.send(searchBreach());
        worker.cycle();

        // Then it finds its earlier branch and pull request instead of making new ones
        BacklogItem replayed = worker.item(SEARCH_ITEM);
        assertThat(replayed.getStatus()).isEqualTo(BacklogStatus.PR_OPENED);
        assertThat(replayed.getPrUrl()).isEqualTo(first.getPrUrl());
        assertThat(replayed.getBranch()).isEqualTo(first.getBranch());
        assertThat(TestRepos.branches(remote)).hasSize(2);
        assertThat(pullRequestCount()).isEqualTo(1);
    }

    @Test
    void aTransientForgeFailureIsRetriedAfterTheBackoffReusingThePushedBranch() throws Exception {
        // Given a forge that is down for the first attempt
        AtomicInteger attempts = new AtomicInteger();
        Forge flaky = new Forge() {
            @Override
            public PullRequestRef openPullRequest(PullRequestDraft draft) {
                if (attempts.incrementAndGet() == 1) {
                    throw new ForgeException("GitHub API POST /pulls returned 502", 502, true);
                }
                return forge.openPullRequest(draft);
            }

            @Override
            public Optional<PullRequestRef> findByHead(String branch) {
                return forge.findByHead(branch);
            }

            @Override
            public PullRequestRef getPullRequest(int number) {
                return forge.getPullRequest(number);
            }

            @Override
            public void addLabels(int number, List<String> labels) {
                forge.addLabels(number, labels);
            }

            @Override
            public String diff(int number) {
                return forge.diff(number);
            }
        };
        worker.close();
        worker = new PrWorkerHarness(config, flaky, root.resolve("work-flaky"), root.resolve("state-flaky"));
        worker.send(searchBreach());

        // When the first cycle fails at the forge after pushing the branch
        worker.cycle();
        assertThat(worker.item(SEARCH_ITEM).getStatus()).isEqualTo(BacklogStatus.OPEN);
        assertThat(TestRepos.branches(remote)).hasSize(2);

        // Then cycles within the backoff do not retry, and the first after it opens the pull request on that branch
        worker.cycle();
        assertThat(attempts).hasValue(1);
        IntStream.range(0, 4).forEach(i -> worker.cycle());
        assertThat(attempts).hasValue(2);
        assertThat(worker.item(SEARCH_ITEM).getStatus()).isEqualTo(BacklogStatus.PR_OPENED);
        assertThat(TestRepos.branches(remote)).hasSize(2);
        assertThat(pullRequestCount()).isEqualTo(1);
    }
}
