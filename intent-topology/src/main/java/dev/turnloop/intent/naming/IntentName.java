package dev.turnloop.intent.naming;

import java.util.List;

/**
 * What a product manager reads for one intent or theme.
 *
 * @param id         the intent or theme id
 * @param label      a short name made of the top keyphrases, e.g. "card arrival / track card"
 * @param keyphrases the most distinctive unigrams and bigrams, best first
 * @param examples   the sample texts closest to the centre, most typical first
 * @param samples    how many samples the name was made from
 */
public record IntentName(String id, String label, List<String> keyphrases, List<String> examples, int samples) {

    public IntentName {
        keyphrases = List.copyOf(keyphrases);
        examples = List.copyOf(examples);
    }
}
