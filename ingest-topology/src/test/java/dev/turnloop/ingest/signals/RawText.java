package dev.turnloop.ingest.signals;

/** Cue checks on text as a turn carries it: normalised and split into words as signal detection does first. */
final class RawText {

    private RawText() {
    }

    static boolean matches(Cue cue, String raw) {
        String text = Cues.normalise(raw);
        return cue.in(text, Words.of(text));
    }
}
