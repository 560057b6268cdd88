package dev.turnloop.intent.kinds;

import dev.turnloop.intent.cluster.Vectors;
import dev.turnloop.intent.embed.Embedder;
import dev.turnloop.schemas.ConversationKind;
import dev.turnloop.schemas.KindTag;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tags the kinds of conversation a product team cares about beside the emergent intents: bug report, feature request,
 * churn risk, setup friction, billing/account, how-to. A kind is tagged when the request is close enough to its
 * written description (embedding similarity) or contains one of its cues; the tag keeps which evidence matched.
 */
public final class KindTagger {

    /** Cosine similarity to a kind's description from which the kind is tagged without a cue. */
    public static final double DESCRIPTION_SIMILARITY = 0.45;

    private record Kind(ConversationKind kind, String description, Pattern cue) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind(ConversationKind.BUG_REPORT, "something is broken, an error or crash, the product does not work",
                    Pattern.compile("\\b(bug|error|crash(es|ed)?|broken|doesn'?t work|not working|fails?|failing"
                            + "|exception|500|404)\\b")),
            new Kind(ConversationKind.FEATURE_REQUEST, "asking for a new feature or capability that does not exist",
                    Pattern.compile("\\b(feature request|would be (nice|great)|can you add|please add|wish (it|you)"
                            + "|support for|roadmap|is there a way to)\\b")),
            new Kind(ConversationKind.CHURN_RISK, "wants to cancel, leave, close the account or switch to a competitor",
                    Pattern.compile("\\b(cancel (my )?(subscription|account|plan)|unsubscribe|close my account"
                            + "|switch(ing)? to|competitor|leav(e|ing)|refund|not worth)\\b")),
            new Kind(ConversationKind.SETUP_FRICTION, "trouble installing, configuring, connecting or getting started",
                    Pattern.compile("\\b(set ?up|install|configur\\w*|connect\\w*|integrat\\w*|onboard\\w*"
                            + "|api key|token|getting started|sign ?in|log ?in)\\b")),
            new Kind(ConversationKind.BILLING_ACCOUNT, "a question about billing, payment, invoice, plan or account",
                    Pattern.compile("\\b(bill(ed|ing)?|invoice|charge[ds]?|payment|pay|plan|subscription|account"
                            + "|card|price|pricing)\\b")),
            new Kind(ConversationKind.HOW_TO, "asking how to do something or where to find something",
                    Pattern.compile("^(how|where|what|can i|is it possible)\\b|\\bhow (do|can|to)\\b")));

    private final Embedder embedder;
    private final Map<ConversationKind, float[]> descriptions = new EnumMap<>(ConversationKind.class);

    public KindTagger(Embedder embedder) {
        this.embedder = embedder;
    }

    public List<KindTag> tag(String request, float[] vector) {
        String text = request.toLowerCase(Locale.ROOT);
        List<KindTag> tags = new ArrayList<>();
        for (Kind kind : KINDS) {
            float similarity = cosine(vector, description(kind));
            var cue = kind.cue().matcher(text);
            if (cue.find()) {
                tags.add(new KindTag(kind.kind(), Math.max(similarity, 0.5f), "cue: " + cue.group()));
            } else if (similarity >= DESCRIPTION_SIMILARITY) {
                tags.add(new KindTag(kind.kind(), similarity, "close to: " + kind.description()));
            }
        }
        return tags;
    }

    private float[] description(Kind kind) {
        return descriptions.computeIfAbsent(kind.kind(), k -> embedder.embed(kind.description()));
    }

    private static float cosine(float[] a, float[] b) {
        double norms = Vectors.norm(a) * Vectors.norm(b);
        return norms == 0 ? 0f : (float) (Vectors.dot(a, b) / norms);
    }
}
