package dev.turnloop.pr.backlog;

import dev.turnloop.schemas.BacklogItem;

/** A backlog item at its place in the ranking (1 is the first to fix). */
public record RankedItem(int rank, BacklogItem item) {
}
