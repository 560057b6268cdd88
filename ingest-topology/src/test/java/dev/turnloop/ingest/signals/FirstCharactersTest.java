package dev.turnloop.ingest.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class FirstCharactersTest {

    private static String firstOf(String regex) {
        return FirstCharacters.of(regex).map(FirstCharactersTest::chars).orElse("any");
    }

    private static String chars(BitSet set) {
        StringBuilder out = new StringBuilder();
        set.stream().forEach(c -> out.append((char) c));
        return out.toString();
    }

    @Test
    void alternativesGroupsAndAnchorsGiveTheirFirstCharacters() {
        assertThat(firstOf("\\bthat'?s|\\bno,? (i|we)")).isEqualTo("nt");
        assertThat(firstOf("(?:\\bis|\\bare|'s|'re) done")).isEqualTo("'ai");
        assertThat(firstOf("(?<=x)\\b(?!not)(hello|bye)")).isEqualTo("bh");
    }

    @Test
    void optionalLeadingPartsAddWhatFollows() {
        assertThat(firstOf("(now )?playing")).isEqualTo("np");
        assertThat(firstOf("a*b")).isEqualTo("ab");
        assertThat(firstOf("(x|)y")).isEqualTo("xy");
        assertThat(firstOf("a{0,2}c")).isEqualTo("ac");
        assertThat(firstOf("a{1,2}c")).isEqualTo("a");
    }

    @Test
    void laterClassesAndWildcardsDoNotMatterButLeadingOnesDo() {
        assertThat(firstOf("\\btalk\\b.{0,20}[a-z]\\s\\p{L}")).isEqualTo("t");
        assertThat(firstOf("[ab]c")).isEqualTo("any");
        assertThat(firstOf("^\\s*no")).isEqualTo("any");
        assertThat(firstOf(".x")).isEqualTo("any");
    }

    @Test
    void aRegexThatCanMatchNothingCanStartAnywhere() {
        assertThat(firstOf("(a)?")).isEqualTo("any");
        assertThat(firstOf("\\b")).isEqualTo("any");
        assertThat(firstOf("(?i)abc")).isEqualTo("any");
    }
}
