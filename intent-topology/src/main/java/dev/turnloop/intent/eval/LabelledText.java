package dev.turnloop.intent.eval;

/**
 * One evaluation item: a request and its gold intent label. The label is only ever compared with the clustering,
 * never shown to it.
 */
public record LabelledText(String text, String label) {
}
