package dev.turnloop.pr.repo;

import dev.turnloop.pr.proposal.ChangeProposal;
import dev.turnloop.pr.proposal.TargetKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
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
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A clone of the target repository in a work dir, where proposals become pushed branches. Every operation starts
 * from a fresh fetch of the base branch and is idempotent: a branch is named for its item, its commit carries a
 * {@code Turnloop-Item} trailer, and when the remote already has that commit (a restart, a replayed record, a second
 * worker) nothing new is made. Not for concurrent use by several threads; give each worker its own work dir.
 */
public final class GitWorkspace implements AutoCloseable {
    /** The user name GitHub (and most forges) accept with a token as the password over https. */
    static final String TOKEN_USER = "x-access-token";
    /**
     * How many base-branch commits are searched for an item's earlier, merged commit: enough for months of history in
     * an agent repository, bounded so one check never walks a huge monorepo.
     */
    static final int HISTORY_SCAN_LIMIT = 5000;
    private static final String REMOTE = "origin";
    private static final int MAX_FILE_BYTES = 1 << 20;
    private static final int MAX_ITEM_ID = 200;
    private static final Logger LOG = LoggerFactory.getLogger(GitWorkspace.class);

    private final TargetRepoConfig config;
    private final Git git;
    private final Repository repo;
    private final AccessToken token;
    private final CredentialsProvider credentials;

    private GitWorkspace(TargetRepoConfig config, Git git, AccessToken token) {
        this.config = config;
        this.git = git;
        this.repo = git.getRepository();
        this.token = token;
        this.credentials = credentialsFor(token);
    }

    /** Opens (cloning when absent) a workspace for a repository reached without credentials, e.g. a local path. */
    public static GitWorkspace open(TargetRepoConfig config, Path workDir) {
        return open(config, workDir, null);
    }

    /**
     * Opens the clone in {@code workDir}, cloning the repository first when the directory is absent or empty.
     *
     * @param token used as the https password for clone, fetch and push; null when the remote needs none
     */
    public static GitWorkspace open(TargetRepoConfig config, Path workDir, AccessToken token) {
        try {
            if (Files.isDirectory(workDir.resolve(Constants.DOT_GIT))) {
                Git git = Git.open(workDir.toFile());
                String origin = git.getRepository().getConfig().getString("remote", REMOTE, "url");
                if (!config.repository().equals(origin)) {
                    git.close();
                    throw new GitOperationException("work dir " + workDir + " is a clone of another repository; give each"
                            + " target repository its own work dir");
                }
                return new GitWorkspace(config, git, token);
            }
            if (Files.isDirectory(workDir)) {
                try (Stream<Path> entries = Files.list(workDir)) {
                    if (entries.findAny().isPresent()) {
                        throw new GitOperationException("work dir " + workDir + " is neither empty nor a clone; give an empty"
                                + " or new directory");
                    }
                }
            }
            Git git = Git.cloneRepository().setURI(config.repository()).setDirectory(workDir.toFile()).setRemote(REMOTE)
                    .setCredentialsProvider(credentialsFor(token)).call();
            LOG.info("cloned {} into {}", config.repository(), workDir);
            return new GitWorkspace(config, git, token);
        } catch (GitAPIException | IOException e) {
            throw failure(token, "cloning " + config.repository() + " into " + workDir, e);
        }
    }

    private static CredentialsProvider credentialsFor(AccessToken token) {
        return token == null ? null : new UsernamePasswordCredentialsProvider(TOKEN_USER, token.reveal());
    }

    public TargetRepoConfig config() {
        return config;
    }

    /** The branch {@link #propose} uses for {@code itemId}. */
    public String branchFor(String itemId) {
        return BranchNames.forItem(config.branchPrefix(), requireItemId(itemId));
    }

    /**
     * Applies {@code proposal} on a new branch from the base branch, commits it as the configured author with
     * {@code Turnloop-Item} and {@code Turnloop-Mechanism} trailers and pushes the branch. Replays return the earlier
     * work instead of making more.
     *
     * @throws IllegalArgumentException when the proposal's file is not listed in the config in a kind it may edit
     * @throws dev.turnloop.pr.proposal.ProposalConflictException when the file does not allow the change
     * @throws GitOperationException when git fails (message free of the token)
     */
    public synchronized BranchOutcome propose(String itemId, ChangeProposal proposal) {
        requireItemId(itemId);
        String file = proposal.targetFile();
        TargetKind kind = config.kindOf(file).orElseThrow(() -> new IllegalArgumentException("'" + file
                + "' is not listed in the target repository config; the worker only edits listed files"));
        if (!proposal.targetKinds().contains(kind)) {
            throw new IllegalArgumentException(proposal.getClass().getSimpleName() + " edits " + proposal.targetKinds()
                    + " files, but '" + file + "' is listed as " + kind);
        }
        String branch = BranchNames.forItem(config.branchPrefix(), itemId);
        try {
            fetch();
            RevCommit base = baseTip();
            Optional<BranchOutcome> earlier = earlierWork(branch, base, CommitTrailers.ITEM, itemId);
            if (earlier.isPresent()) {
                LOG.info("item {} already has {} ({}); nothing new made", itemId, branch, earlier.get().status());
                return earlier.get();
            }
            FileText before = readFile(base, file);
            String after = proposal.apply(before.text());
            if (after.equals(before.text())) {
                LOG.info("item {}: {} already reads as proposed; no branch made", itemId, file);
                return new BranchOutcome(BranchOutcome.Status.NO_CHANGE, branch, null, "");
            }
            RevCommit commit = commitOnFreshBranch(branch, base, file, before.withText(after),
                    changeMessage(proposal, itemId));
            return pushNew(branch, commit, base, CommitTrailers.ITEM, itemId);
        } catch (GitAPIException | IOException e) {
            throw failure(token, "proposing " + branch, e);
        }
    }

    /**
     * Makes a branch from the base branch with a commit that undoes a merged change, as {@code git revert -m 1}
     * would (merge commits are reverted against their first parent, which is what a forge's merge button
     * produces), and pushes it. Idempotent through a {@code Turnloop-Revert-Of} trailer.
     *
     * @param branchOrCommit the merged commit (e.g. a PR's merge commit sha) or a remote branch whose tip was merged
     * @param itemId the backlog item, or null when unknown
     */
    public synchronized BranchOutcome revert(String branchOrCommit, String itemId) {
        if (itemId != null) {
            requireItemId(itemId);
        }
        try {
            fetch();
            RevCommit base = baseTip();
            RevCommit target = resolveMerged(branchOrCommit, base);
            String branch = BranchNames.forRevert(config.branchPrefix(), itemId, target.name());
            Optional<BranchOutcome> earlier = earlierWork(branch, base, CommitTrailers.REVERT_OF, target.name());
            if (earlier.isPresent()) {
                LOG.info("revert of {} already exists as {} ({})", target.name(), branch, earlier.get().status());
                return earlier.get();
            }
            ObjectId tree = revertedTree(target, base);
            if (tree.equals(base.getTree())) {
                return new BranchOutcome(BranchOutcome.Status.NO_CHANGE, branch, null, "");
            }
            RevCommit commit = commitTree(branch, base, tree, revertMessage(target, itemId));
            return pushNew(branch, commit, base, CommitTrailers.REVERT_OF, target.name());
        } catch (GitAPIException | IOException e) {
            throw failure(token, "reverting " + branchOrCommit, e);
        }
    }

    /**
     * The text of {@code file} at the tip of the base branch, after a fresh fetch; empty when the file does not exist
     * there. Rules read the current value of a setting through this before they propose a new one.
     *
     * @throws IllegalArgumentException when the file is not listed in the config (the worker only reads what it may
     *     edit)
     */
    public synchronized Optional<String> readBaseFile(String file) {
        config.kindOf(file).orElseThrow(() -> new IllegalArgumentException("'" + file
                + "' is not listed in the target repository config; the worker only reads listed files"));
        try {
            fetch();
            RevCommit base = baseTip();
            try (TreeWalk walk = TreeWalk.forPath(repo, file, base.getTree())) {
                if (walk == null) {
                    return Optional.empty();
                }
            }
            return Optional.of(readFile(base, file).text());
        } catch (GitAPIException | IOException e) {
            throw failure(token, "reading " + file + " on " + config.baseBranch(), e);
        }
    }

    /**
     * The first parent of {@code commitId}, after a fresh fetch: for a pull request's merge commit (or the single
     * commit of a squash or rebase merge) that is the base branch as it was just before the merge.
     */
    public synchronized String firstParentOf(String commitId) {
        if (commitId == null || !commitId.matches("[0-9a-fA-F]{7,40}")) {
            throw new IllegalArgumentException("'" + commitId + "' is not a commit id");
        }
        try {
            fetch();
            ObjectId id = repo.resolve(commitId + "^{commit}");
            if (id == null) {
                throw new GitOperationException("commit " + commitId + " is not in the repository");
            }
            try (RevWalk walk = new RevWalk(repo)) {
                RevCommit commit = walk.parseCommit(id);
                if (commit.getParentCount() == 0) {
                    throw new GitOperationException("commit " + commitId + " is the root commit; it has no parent");
                }
                return commit.getParent(0).name();
            }
        } catch (GitAPIException | IOException e) {
            throw failure(token, "reading the parent of " + commitId, e);
        }
    }

    @Override
    public void close() {
        git.close();
    }

    private void fetch() throws GitAPIException {
        withCredentials(git.fetch().setRemote(REMOTE).setRemoveDeletedRefs(true)).call();
    }

    private <C extends TransportCommand<C, ?>> C withCredentials(C command) {
        return credentials == null ? command : command.setCredentialsProvider(credentials);
    }

    private RevCommit baseTip() throws IOException {
        return remoteTip(config.baseBranch()).orElseThrow(() -> new GitOperationException("base branch '"
                + config.baseBranch() + "' does not exist in the repository; fix base_branch in the config"));
    }

    private Optional<RevCommit> remoteTip(String branch) throws IOException {
        Ref ref = repo.exactRef(Constants.R_REMOTES + REMOTE + "/" + branch);
        if (ref == null) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(repo)) {
            return Optional.of(walk.parseCommit(ref.getObjectId()));
        }
    }

    /**
     * Earlier work for a trailer value: on the remote branch (pushed, or merged when the branch outlived its merge),
     * else in the base branch's recent history.
     */
    private Optional<BranchOutcome> earlierWork(String branch, RevCommit base, String trailer, String value)
            throws IOException {
        Optional<RevCommit> tip = remoteTip(branch);
        if (tip.isPresent()) {
            RevCommit mine = findTrailer(tip.get(), trailer, value).orElseThrow(() -> new GitOperationException("branch '"
                    + branch + "' exists on the remote but has no commit with " + trailer + ": " + value
                    + "; it was not made by this worker for this item, so delete or rename it"));
            BranchOutcome.Status status = isMergedInto(mine, base) ? BranchOutcome.Status.ALREADY_ON_BASE
                    : BranchOutcome.Status.ALREADY_PUSHED;
            return Optional.of(new BranchOutcome(status, branch, mine.name(), diffOf(mine)));
        }
        return findTrailer(base, trailer, value).map(c -> new BranchOutcome(BranchOutcome.Status.ALREADY_ON_BASE,
                branch, c.name(), diffOfSafe(c)));
    }

    private Optional<RevCommit> findTrailer(RevCommit start, String trailer, String value) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(start));
            int seen = 0;
            for (RevCommit c : walk) {
                if (c.getFooterLines(trailer).contains(value)) {
                    return Optional.of(c);
                }
                if (++seen >= HISTORY_SCAN_LIMIT) {
                    break;
                }
            }
            return Optional.empty();
        }
    }

    private boolean isMergedInto(RevCommit commit, RevCommit base) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.isMergedInto(walk.parseCommit(commit), walk.parseCommit(base));
        }
    }

    private FileText readFile(RevCommit base, String file) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(repo, file, base.getTree())) {
            if (walk == null) {
                throw new GitOperationException("'" + file + "' does not exist on " + config.baseBranch()
                        + "; fix the path in the target repository config");
            }
            FileMode mode = walk.getFileMode(0);
            if (!mode.equals(FileMode.REGULAR_FILE) && !mode.equals(FileMode.EXECUTABLE_FILE)) {
                throw new GitOperationException("'" + file + "' is not a regular file (a symlink or submodule?); the"
                        + " worker only edits regular files");
            }
            byte[] bytes;
            try {
                bytes = repo.open(walk.getObjectId(0)).getCachedBytes(MAX_FILE_BYTES);
            } catch (LargeObjectException e) {
                throw new GitOperationException("'" + file + "' is larger than " + MAX_FILE_BYTES + " bytes; not a prompt"
                        + " or config the worker edits");
            }
            return FileText.decode(file, bytes);
        }
    }

    private RevCommit commitOnFreshBranch(String branch, RevCommit base, String file, FileText content,
            String message) throws GitAPIException, IOException {
        // detach first: a branch cannot be force-reset while it is checked out
        git.checkout().setForced(true).setName(base.name()).call();
        git.clean().setCleanDirectories(true).setForce(true).call();
        git.branchCreate().setName(branch).setStartPoint(base).setForce(true).call();
        git.checkout().setName(branch).call();
        Path workTree = repo.getWorkTree().toPath().toRealPath();
        Path target = workTree.resolve(file);
        if (!target.toRealPath().startsWith(workTree)) {
            throw new GitOperationException("'" + file + "' resolves outside the work tree; refusing to write it");
        }
        Files.write(target, content.encode());
        git.add().addFilepattern(file).call();
        PersonIdent author = config.author().toPersonIdent();
        return git.commit().setMessage(message).setAuthor(author).setCommitter(author).setSign(false).setNoVerify(true)
                .call();
    }

    private ObjectId revertedTree(RevCommit target, RevCommit base) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit mainline = walk.parseCommit(target.getParent(0));
            ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(repo, true);
            merger.setBase(target.getTree());
            if (!merger.merge(base, mainline)) {
                throw new GitOperationException("reverting " + target.abbreviate(12).name() + " conflicts with later"
                        + " changes to " + (merger.getUnmergedPaths().isEmpty() ? merger.getFailingPaths().keySet()
                        : merger.getUnmergedPaths()) + "; revert it by hand");
            }
            return merger.getResultTreeId();
        }
    }

    private RevCommit commitTree(String branch, RevCommit parent, ObjectId tree, String message) throws IOException {
        PersonIdent author = config.author().toPersonIdent();
        CommitBuilder builder = new CommitBuilder();
        builder.setTreeId(tree);
        builder.setParentId(parent);
        builder.setAuthor(author);
        builder.setCommitter(author);
        builder.setMessage(message);
        ObjectId id;
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            id = inserter.insert(builder);
            inserter.flush();
        }
        RefUpdate update = repo.updateRef(Constants.R_HEADS + branch);
        update.setNewObjectId(id);
        update.setForceUpdate(true);
        update.setRefLogMessage("turnloop: revert", false);
        RefUpdate.Result result = update.update();
        if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED
                && result != RefUpdate.Result.FAST_FORWARD && result != RefUpdate.Result.NO_CHANGE) {
            throw new GitOperationException("could not create local branch " + branch + ": " + result);
        }
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.parseCommit(id);
        }
    }

    /** Pushes a new branch; when another worker pushed it first, returns that work if it is for the same value. */
    private BranchOutcome pushNew(String branch, RevCommit commit, RevCommit base, String trailer, String value)
            throws GitAPIException, IOException {
        String ref = Constants.R_HEADS + branch;
        Iterable<PushResult> results = withCredentials(git.push().setRemote(REMOTE)
                .setRefSpecs(new RefSpec(ref + ":" + ref))).call();
        for (PushResult result : results) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                switch (update.getStatus()) {
                    case OK:
                    case UP_TO_DATE:
                        break;
                    case REJECTED_NONFASTFORWARD:
                    case REJECTED_REMOTE_CHANGED:
                        fetch();
                        return earlierWork(branch, base, trailer, value).orElseThrow(() -> new GitOperationException(
                                "push of " + branch + " was rejected: the remote branch moved and has no commit for " + value));
                    default:
                        throw new GitOperationException("push of " + branch + " was refused: " + update.getStatus()
                                + (update.getMessage() == null ? "" : " (" + redact(token, update.getMessage()) + ")"));
                }
            }
        }
        LOG.info("pushed {} at {} ({}: {})", branch, commit.abbreviate(12).name(), trailer, value);
        return new BranchOutcome(BranchOutcome.Status.CREATED, branch, commit.name(), diffOf(commit));
    }

    private RevCommit resolveMerged(String branchOrCommit, RevCommit base) throws IOException {
        ObjectId id = null;
        if (branchOrCommit.matches("[0-9a-fA-F]{7,40}")) {
            id = repo.resolve(branchOrCommit + "^{commit}");
        }
        if (id == null) {
            Ref ref = repo.exactRef(Constants.R_REMOTES + REMOTE + "/" + branchOrCommit);
            id = ref == null ? null : ref.getObjectId();
        }
        if (id == null) {
            throw new GitOperationException("'" + branchOrCommit + "' is neither a commit nor a branch of the remote");
        }
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit target = walk.parseCommit(id);
            if (target.getParentCount() == 0) {
                throw new GitOperationException("'" + branchOrCommit + "' is the root commit; there is nothing to revert to");
            }
            if (!walk.isMergedInto(target, walk.parseCommit(base))) {
                throw new GitOperationException("'" + branchOrCommit + "' is not merged into " + config.baseBranch()
                        + "; only merged changes are reverted");
            }
            return target;
        }
    }

    private String diffOf(RevCommit commit) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit parsed = walk.parseCommit(commit);
            if (parsed.getParentCount() == 0) {
                return "";
            }
            RevCommit parent = walk.parseCommit(parsed.getParent(0));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (DiffFormatter formatter = new DiffFormatter(out)) {
                formatter.setRepository(repo);
                formatter.format(parent.getTree(), parsed.getTree());
                formatter.flush();
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private String diffOfSafe(RevCommit commit) {
        try {
            return diffOf(commit);
        } catch (IOException e) {
            throw failure(token, "diffing " + commit.name(), e);
        }
    }

    static String changeMessage(ChangeProposal proposal, String itemId) {
        return proposal.title() + "\n\n"
                + proposal.summary() + ".\n"
                + "Mechanism: " + proposal.mechanismId() + "\n"
                + "Opened by turnloop from production evidence; a human reviews and merges.\n\n"
                + CommitTrailers.ITEM + ": " + itemId + "\n"
                + CommitTrailers.MECHANISM + ": " + proposal.mechanismId() + "\n";
    }

    private static String revertMessage(RevCommit target, String itemId) {
        return "Revert \"" + target.getShortMessage() + "\"\n\n"
                + "This reverts commit " + target.name() + (target.getParentCount() > 1 ? " (against its first parent)" : "")
                + ".\nOpened by turnloop after a REVERT cohort verdict; a human reviews and merges.\n\n"
                + (itemId == null ? "" : CommitTrailers.ITEM + ": " + itemId + "\n")
                + CommitTrailers.REVERT_OF + ": " + target.name() + "\n";
    }

    private static String requireItemId(String itemId) {
        if (itemId == null || itemId.isBlank() || itemId.length() > MAX_ITEM_ID
                || itemId.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("item id must have 1.." + MAX_ITEM_ID + " characters and no line breaks");
        }
        return itemId;
    }

    private static String redact(AccessToken token, String text) {
        return token == null ? text : token.redact(text);
    }

    private static GitOperationException failure(AccessToken token, String what, Exception e) {
        return new GitOperationException(redact(token, what + " failed: " + e.getMessage()), e);
    }

    /** A file's text without its UTF-8 byte order mark, remembering whether it had one. */
    private record FileText(String text, boolean byteOrderMark) {
        static FileText decode(String file, byte[] bytes) {
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new GitOperationException("'" + file + "' is not UTF-8 text; the worker only edits UTF-8 files");
            }
            boolean bom = text.startsWith("\uFEFF");
            return new FileText(bom ? text.substring(1) : text, bom);
        }

        FileText withText(String newText) {
            return new FileText(newText, byteOrderMark);
        }

        byte[] encode() {
            return ((byteOrderMark ? "\uFEFF" : "") + text).getBytes(StandardCharsets.UTF_8);
        }
    }
}
