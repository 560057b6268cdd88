package dev.turnloop.pr.forge;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.turnloop.pr.repo.AuthorIdentity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A forge without a server, for the demo and for teams without GitHub. A pull request is the head branch in a local
 * repository (use a bare one, as a remote is) plus two sidecar files in a directory next to it: {@code <n>.json}
 * keeps its state, {@code <n>.md} its title and body for a reviewer to read. Nothing is committed for the pull
 * request itself, so a merge brings only the change into the base branch. {@link #merge} does what a reviewer's
 * merge button does: a real two-parent merge commit on the base branch, recorded so {@link #getPullRequest} reports
 * MERGED with its sha. Safe for one process at a time.
 */
public final class LocalForge implements Forge {
    /** Who merges in the demo when no human identity is given. */
    public static final AuthorIdentity DEMO_REVIEWER =
            new AuthorIdentity("turnloop demo reviewer", "reviewer@turnloop.invalid");
    private static final Logger LOG = LoggerFactory.getLogger(LocalForge.class);

    private final Path repositoryDir;
    private final Path pullRequestDir;
    private final AuthorIdentity reviewer;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param repositoryDir the repository the branches are pushed to (bare, or the {@code .git}-holding directory)
     * @param pullRequestDir where the sidecar files live; created when absent
     * @param reviewer the identity {@link #merge} commits as
     */
    public LocalForge(Path repositoryDir, Path pullRequestDir, AuthorIdentity reviewer) {
        this.repositoryDir = repositoryDir;
        this.pullRequestDir = pullRequestDir;
        this.reviewer = reviewer;
    }

    /** A forge whose sidecar directory is {@code <repositoryDir>.pulls} next to the repository. */
    public static LocalForge nextTo(Path repositoryDir) {
        Path absolute = repositoryDir.toAbsolutePath().normalize();
        return new LocalForge(absolute, absolute.resolveSibling(absolute.getFileName() + ".pulls"), DEMO_REVIEWER);
    }

    public Path pullRequestDir() {
        return pullRequestDir;
    }

    @Override
    public synchronized PullRequestRef openPullRequest(PullRequestDraft draft) {
        Optional<PullRequestRef> existing = findByHead(draft.head());
        if (existing.isPresent()) {
            return existing.get();
        }
        try (Git git = Git.open(repositoryDir.toFile())) {
            requireBranch(git.getRepository(), draft.head());
            requireBranch(git.getRepository(), draft.base());
        } catch (IOException e) {
            throw new ForgeException("cannot open repository " + repositoryDir + ": " + e.getMessage());
        }
        int number = all().stream().mapToInt(Stored::number).max().orElse(0) + 1;
        Stored pr = new Stored(number, draft.title(), draft.head(), draft.base(), draft.body(), draft.draft(),
                List.copyOf(new LinkedHashSet<>(draft.labels())), PullRequestState.OPEN, null);
        save(pr);
        LOG.info("opened local pull request #{} for {} at {}", number, draft.head(), pullRequestDir);
        return toRef(pr);
    }

    @Override
    public synchronized Optional<PullRequestRef> findByHead(String branch) {
        return all().stream().filter(pr -> pr.head().equals(branch)).max(Comparator.comparingInt(Stored::number))
                .map(this::toRef);
    }

    @Override
    public synchronized PullRequestRef getPullRequest(int number) {
        return toRef(load(number));
    }

    @Override
    public synchronized void addLabels(int number, List<String> labels) {
        Stored pr = load(number);
        Set<String> merged = new LinkedHashSet<>(pr.labels());
        merged.addAll(labels);
        save(pr.withLabels(List.copyOf(merged)));
    }

    /**
     * Merges pull request {@code number} into its base branch with a merge commit, as a reviewer would; merging a
     * merged one again returns it unchanged.
     *
     * @throws ForgeException on conflicts, a closed pull request or a base branch that moved meanwhile
     */
    public synchronized PullRequestRef merge(int number) {
        Stored pr = load(number);
        if (pr.state() == PullRequestState.MERGED) {
            return toRef(pr);
        }
        if (pr.state() == PullRequestState.CLOSED) {
            throw new ForgeException("pull request #" + number + " is closed");
        }
        try (Git git = Git.open(repositoryDir.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            Repository repo = git.getRepository();
            RevCommit base = walk.parseCommit(requireBranch(repo, pr.base()).getObjectId());
            RevCommit head = walk.parseCommit(requireBranch(repo, pr.head()).getObjectId());
            if (walk.isMergedInto(head, base)) {
                throw new ForgeException("branch " + pr.head() + " is already contained in " + pr.base());
            }
            ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(repo, true);
            if (!merger.merge(base, head)) {
                throw new ForgeException("pull request #" + number + " conflicts with " + pr.base() + " in "
                        + merger.getUnmergedPaths() + "; resolve on the branch first");
            }
            ObjectId mergeCommit = insertMerge(repo, merger.getResultTreeId(), base, head,
                    "Merge pull request #" + number + " from " + pr.head() + "\n\n" + pr.title() + "\n");
            RefUpdate update = repo.updateRef(Constants.R_HEADS + pr.base());
            update.setExpectedOldObjectId(base);
            update.setNewObjectId(mergeCommit);
            update.setRefLogMessage("merge pull request #" + number, false);
            RefUpdate.Result result = update.update(walk);
            if (result != RefUpdate.Result.FAST_FORWARD) {
                throw new ForgeException("could not move " + pr.base() + " to the merge commit (" + result
                        + "); it probably moved meanwhile, merge again");
            }
            Stored merged = pr.merged(mergeCommit.name());
            save(merged);
            LOG.info("merged local pull request #{} into {} as {}", number, pr.base(), mergeCommit.abbreviate(12).name());
            return toRef(merged);
        } catch (IOException e) {
            throw new ForgeException("merging pull request #" + number + " failed: " + e.getMessage());
        }
    }

    /**
     * Closes pull request {@code number} without merging, as a reviewer who declines it would; declining a closed one
     * again returns it unchanged.
     *
     * @throws ForgeException when it is already merged
     */
    public synchronized PullRequestRef decline(int number) {
        Stored pr = load(number);
        if (pr.state() == PullRequestState.MERGED) {
            throw new ForgeException("pull request #" + number + " is already merged");
        }
        Stored closed = pr.closed();
        save(closed);
        LOG.info("declined local pull request #{}", number);
        return toRef(closed);
    }

    /**
     * The head branch against its fork point from the base: the base tip while open, the base as it was just before
     * the merge commit once merged (so a merged pull request still shows what it changed).
     */
    @Override
    public synchronized String diff(int number) {
        Stored pr = load(number);
        try (Git git = Git.open(repositoryDir.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            Repository repo = git.getRepository();
            RevCommit head = walk.parseCommit(requireBranch(repo, pr.head()).getObjectId());
            RevCommit baseTip = pr.mergeCommitSha() != null
                    ? walk.parseCommit(ObjectId.fromString(pr.mergeCommitSha())).getParent(0)
                    : walk.parseCommit(requireBranch(repo, pr.base()).getObjectId());
            walk.reset();
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(baseTip));
            walk.markStart(head);
            RevCommit forkPoint = walk.next();
            if (forkPoint == null) {
                throw new ForgeException("branch " + pr.head() + " shares no history with " + pr.base());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (DiffFormatter formatter = new DiffFormatter(out)) {
                formatter.setRepository(repo);
                formatter.format(forkPoint.getTree(), head.getTree());
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ForgeException("cannot diff pull request #" + number + " in " + repositoryDir + ": "
                    + e.getMessage());
        }
    }

    private ObjectId insertMerge(Repository repo, ObjectId tree, RevCommit base, RevCommit head, String message)
            throws IOException {
        PersonIdent ident = reviewer.toPersonIdent();
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        commit.setParentIds(base, head);
        commit.setAuthor(ident);
        commit.setCommitter(ident);
        commit.setMessage(message);
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        }
    }

    private static Ref requireBranch(Repository repo, String branch) throws IOException {
        Ref ref = repo.exactRef(Constants.R_HEADS + branch);
        if (ref == null) {
            throw new ForgeException("branch " + branch + " does not exist in the repository; push it first");
        }
        return ref;
    }

    private PullRequestRef toRef(Stored pr) {
        return new PullRequestRef(pr.number(), markdownFile(pr.number()).toUri().toString(), pr.state(), pr.head(),
                pr.mergeCommitSha());
    }

    private Stored load(int number) {
        Path file = pullRequestDir.resolve(number + ".json");
        if (!Files.isRegularFile(file)) {
            throw new ForgeException("no pull request #" + number + " in " + pullRequestDir, 404, false);
        }
        try {
            return json.readValue(file.toFile(), Stored.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private List<Stored> all() {
        if (!Files.isDirectory(pullRequestDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(pullRequestDir)) {
            List<Path> states = files.filter(f -> f.getFileName().toString().matches("\\d+\\.json"))
                    .collect(Collectors.toList());
            List<Stored> out = new ArrayList<>();
            for (Path f : states) {
                out.add(json.readValue(f.toFile(), Stored.class));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + pullRequestDir, e);
        }
    }

    private void save(Stored pr) {
        try {
            Files.createDirectories(pullRequestDir);
            writeAtomically(pullRequestDir.resolve(pr.number() + ".json"), json.writeValueAsBytes(pr));
            String markdown = "# #" + pr.number() + " " + pr.title() + "\n\n"
                    + "`" + pr.head() + "` into `" + pr.base() + "`: " + pr.state()
                    + (pr.mergeCommitSha() == null ? "" : " as " + pr.mergeCommitSha()) + "\n\n" + pr.body();
            writeAtomically(markdownFile(pr.number()), markdown.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pull request #" + pr.number() + " to " + pullRequestDir, e);
        }
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Path markdownFile(int number) {
        return pullRequestDir.resolve(number + ".md");
    }

    @Override
    public String toString() {
        return "LocalForge[" + repositoryDir + ", pulls in " + pullRequestDir + "]";
    }

    /** The sidecar JSON of one pull request. */
    record Stored(
            @JsonProperty("number") int number,
            @JsonProperty("title") String title,
            @JsonProperty("head") String head,
            @JsonProperty("base") String base,
            @JsonProperty("body") String body,
            @JsonProperty("draft") boolean draft,
            @JsonProperty("labels") List<String> labels,
            @JsonProperty("state") PullRequestState state,
            @JsonProperty("merge_commit_sha") String mergeCommitSha) {

        Stored withLabels(List<String> newLabels) {
            return new Stored(number, title, head, base, body, draft, newLabels, state, mergeCommitSha);
        }

        Stored closed() {
            return new Stored(number, title, head, base, body, draft, labels, PullRequestState.CLOSED, null);
        }

        Stored merged(String sha) {
            return new Stored(number, title, head, base, body, draft, labels, PullRequestState.MERGED, sha);
        }
    }
}
