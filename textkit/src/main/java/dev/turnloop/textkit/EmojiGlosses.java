package dev.turnloop.textkit;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Replaces sentiment-bearing emoji by words the lexicon rates, as VADER does with its emoji table, so that
 * "thanks 🙏" and "great 😡" are scored from their emoji too. The table is {@code emoji.tsv}.
 */
final class EmojiGlosses {

    private static final int ZERO_WIDTH_JOINER = 0x200D;

    private final Map<Integer, String> glosses;

    private EmojiGlosses(Map<Integer, String> glosses) {
        this.glosses = Map.copyOf(glosses);
    }

    static EmojiGlosses load() {
        Map<Integer, String> map = new HashMap<>();
        SentimentLexicon.readTsv("emoji.tsv", StandardCharsets.UTF_8,
                cols -> map.put(Integer.parseInt(cols[0], 16), cols[1]));
        return new EmojiGlosses(map);
    }

    /** The text with each known emoji replaced by its words, separated by spaces; other text unchanged. */
    String replace(String text) {
        if (!mayContainEmoji(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 32);
        text.codePoints().forEach(cp -> {
            String gloss = glosses.get(cp);
            if (gloss != null) {
                out.append(' ').append(gloss).append(' ');
            } else if (!isEmojiModifier(cp)) {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static boolean mayContainEmoji(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c) || (c >= 0x2600 && c < 0x2800)) {
                return true;
            }
        }
        return false;
    }

    /** Variation selectors, skin tones and joiners only style an emoji; dropped so the base emoji is read. */
    private static boolean isEmojiModifier(int cp) {
        return cp == 0xFE0F || cp == 0xFE0E || cp == ZERO_WIDTH_JOINER || (cp >= 0x1F3FB && cp <= 0x1F3FF);
    }
}
