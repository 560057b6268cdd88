package dev.turnloop.app.demo.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads and writes files of a bare repository directly in its object database, without a working tree: the PR
 * worker's merges land in the same bare repository, so committing there (with the branch's expected old value) is
 * the only way that cannot silently lose one of them.
 */
final class BareRepoFiles {

    private final Path gitDir;

    BareRepoFiles(Path gitDir) {
        this.gitDir = gitDir;
    }

    /** The commit {@code branch} points at, or empty when it does not exist. */
    Optional<String> head(String branch) {
        try (Repository repo = open()) {
            Ref ref = repo.exactRef(Constants.R_HEADS + branch);
            return Optional.ofNullable(ref).map(r -> r.getObjectId().name());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read branch " + branch + " of " + gitDir, e);
        }
    }

    /** The text of {@code path} at {@code commit}, or empty when the commit does not hold that file. */
    Optional<String> read(String commit, String path) {
        try (Repository repo = open(); RevWalk walk = new RevWalk(repo)) {
            ObjectId id = repo.resolve(commit + "^{commit}");
            if (id == null) {
                throw new IllegalArgumentException("no commit " + commit + " in " + gitDir);
            }
            try (TreeWalk tree = TreeWalk.forPath(repo, path, walk.parseCommit(id).getTree())) {
                if (tree == null) {
                    return Optional.empty();
                }
                byte[] bytes = repo.open(tree.getObjectId(0), Constants.OBJ_BLOB).getBytes();
                return Optional.of(new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            throw new IllegalArgumentException("no commit " + commit + " in " + gitDir, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " at " + commit + " from " + gitDir, e);
        }
    }

    /**
     * Commits {@code files} (path to new text; other files are kept) on top of {@code branch}, creating the branch
     * when absent, and returns the new commit.
     *
     * @throws IllegalStateException when the branch moved while the commit was being written
     */
    String commit(String branch, Map<String, String> files, String message, PersonIdent author) {
        try (Repository repo = open(); ObjectInserter inserter = repo.newObjectInserter();
             RevWalk walk = new RevWalk(repo)) {
            Ref ref = repo.exactRef(Constants.R_HEADS + branch);
            RevCommit parent = ref == null ? null : walk.parseCommit(ref.getObjectId());
            Map<String, ObjectId> blobs = new LinkedHashMap<>();
            for (Map.Entry<String, String> file : files.entrySet()) {
                blobs.put(file.getKey(), inserter.insert(Constants.OBJ_BLOB,
                        file.getValue().getBytes(StandardCharsets.UTF_8)));
            }
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            if (parent != null) {
                keepUnchanged(repo, parent, blobs, builder);
            }
            blobs.forEach((path, blob) -> {
                DirCacheEntry entry = new DirCacheEntry(path);
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(blob);
                builder.add(entry);
            });
            builder.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            if (parent != null) {
                commit.setParentId(parent);
            }
            commit.setAuthor(author);
            commit.setCommitter(author);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repo.updateRef(Constants.R_HEADS + branch);
            update.setExpectedOldObjectId(parent == null ? ObjectId.zeroId() : parent);
            update.setNewObjectId(id);
            update.setRefLogMessage("commit: " + message.lines().findFirst().orElse(""), false);
            RefUpdate.Result result = update.update(walk);
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
                throw new IllegalStateException("could not move " + branch + " to the new commit (" + result
                        + "); it probably moved meanwhile, commit again");
            }
            return id.name();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit to " + gitDir, e);
        }
    }

    private static void keepUnchanged(Repository repo, RevCommit parent, Map<String, ObjectId> replaced,
            DirCacheBuilder builder) throws IOException {
        try (TreeWalk tree = new TreeWalk(repo)) {
            tree.addTree(parent.getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                if (!replaced.containsKey(tree.getPathString())) {
                    DirCacheEntry entry = new DirCacheEntry(tree.getPathString());
                    entry.setFileMode(tree.getFileMode(0));
                    entry.setObjectId(tree.getObjectId(0));
                    builder.add(entry);
                }
            }
        }
    }

    private Repository open() throws IOException {
        return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
    }
}
