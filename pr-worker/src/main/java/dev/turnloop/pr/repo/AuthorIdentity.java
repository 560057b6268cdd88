package dev.turnloop.pr.repo;

import org.eclipse.jgit.lib.PersonIdent;

/** Who the worker's commits are by: the bot account a team recognises in its history and reviews. */
public record AuthorIdentity(String name, String email) {
    /** A JGit identity stamped now. */
    public PersonIdent toPersonIdent() {
        return new PersonIdent(name, email);
    }
}
