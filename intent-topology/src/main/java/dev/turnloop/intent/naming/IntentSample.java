package dev.turnloop.intent.naming;

/**
 * One item the namer may read: its text (already redacted by the caller), its embedding and the intent it was
 * assigned to.
 */
public record IntentSample(String intentId, String text, float[] vector) {
}
