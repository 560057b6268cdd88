package dev.turnloop.metrics.breach;

import dev.turnloop.schemas.IntentEventKind;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns the intent topology's NEW or SPIKING intent events into breaches. Opens once per intent; a repeat event
 * while open only keeps it open. With {@code resolveAfter}, the breach resolves after that much event time without
 * another event (a spike that calmed down); without, it stays open (an intent is new only once).
 */
public record IntentEventRule(String id, IntentEventKind event, Optional<Duration> resolveAfter) implements BreachRule {
}
