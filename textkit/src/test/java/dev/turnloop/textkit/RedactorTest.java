package dev.turnloop.textkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

    private final Redactor redactor = Redactor.standard();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // API keys and tokens
        "my key is sk-proj-Abc123def456GHI789jkl012MNO345pqr|my key is [SECRET]",
        "use sk-ant-api03-AbCdEf0123456789GhIjKl now|use [SECRET] now",
        "id AKIAIOSFODNN7EXAMPLE ok|id [SECRET] ok",
        "token ghp_16C7e42F292c6912E7710c838347Ae178B4a|token [SECRET]",
        "pat github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz|pat [SECRET]",
        "gho_16C7e42F292c6912E7710c838347Ae178B4a|[SECRET]",
        "slack xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx|slack [SECRET]",
        "google AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY ok|google [SECRET] ok",
        "Stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc|Stripe [SECRET]",
        "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c|jwt [SECRET]",
        "Authorization: Bearer abcDEF123ghiJKL456mno|Authorization: Bearer [SECRET]",
        // credential assignments, URLs and prose
        "x-api-key=1234abcd|x-api-key=[SECRET]",
        "password=Summer&user=bob|password=[SECRET]&user=bob",
        "https://user:hunter2@example.com/path|https://user:[SECRET]@example.com/path",
        "my password is hunter2 and my pin is 4321|my password is [SECRET] and my pin is [SECRET]",
        "client_secret: s3cr3t-Value|client_secret: [SECRET]",
        "my password was hunter2.|my password was [SECRET].",
        // random strings
        "secret Xk8fQ2mZ9pL4vR7tY1wB6nC3dH5jK0sA end|secret [SECRET] end",
        "https://x.com/cb?sig=Xk8fQ2mZ9pL4vR7tY1wB6nC3dH5jK0sA&x=1|https://x.com/cb?sig=[SECRET]&x=1",
        // e-mail
        "mail john.doe+tag@example.co.uk or JANE@EXAMPLE.COM.|mail [EMAIL] or [EMAIL].",
        // phones, international and national
        "call +44 20 7946 0958 today|call [PHONE] today",
        "+1 (415) 555-1234|[PHONE]",
        "ring +14155551234|ring [PHONE]",
        "office (415) 555-1234 or 415.555.1234|office [PHONE] or [PHONE]",
        "Paris 06 12 34 56 78, Berlin 030 1234567, UK 07911123456|Paris [PHONE], Berlin [PHONE], UK [PHONE]",
        "call me on 4155551234|call me on [PHONE]",
        "Their phone number is 55 5395 4586.|Their phone number is [PHONE].",
        // cards: Luhn-valid test numbers, with spaces, dashes or none; a CVV after the number stays
        "card 4111 1111 1111 1111 exp 12/25|card [CARD] exp 12/25",
        "5500-0000-0000-0004|[CARD]",
        "amex 378282246310005|amex [CARD]",
        "4111111111111111 123|[CARD] 123",
        // IBANs with valid check digits
        "IBAN DE89 3704 0044 0532 0130 00 please|IBAN [IBAN] please",
        "GB82WEST12345698765432|[IBAN]",
        // IPv4
        "server at 192.168.1.20.|server at [IP].",
        "-----BEGIN RSA PRIVATE KEY-----\\nMIIEpAIBAAKCAQEA\\n-----END RSA PRIVATE KEY----- done|[SECRET] done"})
    void givenSensitiveTextWhenRedactedThenReplacedByTypedPlaceholder(String text, String expected) {
        assertThat(redactor.redact(text.replace("\\n", "\n"))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "My PIN was blocked.", "My passcode was denied!",
        "order 12345 shipped in 2024",
        "it costs $1,234.56 or 1.234,56 EUR, 100,000 users",
        "ref 2024-01-15, version 1.2.3 and 1.2.3.4.5, pi 3.14159, at 10:45",
        "room 1205, call 911, +5 points, flight UA 1234",
        "ISBN 978-3-16-148410-0",
        "order number is 1234 5678",
        "the number 4111111111111112 fails Luhn",
        "IBAN GB82WEST12345698765431 has a wrong check digit",
        "999.1.1.1 is not an address",
        "id 123e4567-e89b-12d3-a456-426614174000",
        "see /docs/getting-started/installation-guide-2024 and ThisIsACamelCaseIdentifier2",
        "hello_world_function_name_v2 and Donaudampfschifffahrtsgesellschaft",
        "password: required, my password is wrong, the token: abc",
        "tracking 1Z999AA10123456784",
        "I'd like to book a table for 2 at 7 pm"})
    void givenOrdinaryTextWhenRedactedThenUnchanged(String text) {
        assertThat(redactor.redact(text)).isEqualTo(text);
    }

    @Test
    void givenNullOrEmptyWhenRedactedThenReturnedAsIs() {
        assertThat(redactor.redact(null)).isNull();
        assertThat(redactor.redact("")).isEmpty();
    }

    @Test
    void givenLongTextWhenCappedThenCutAtWordBoundaryWithEllipsis() {
        // Given
        String text = "The quick brown fox jumps over the lazy dog";
        // When
        String capped = redactor.redactAndCap(text, 20);
        // Then
        assertThat(capped).isEqualTo("The quick brown fox\u2026");
        assertThat(capped.length()).isLessThanOrEqualTo(20);
    }

    @Test
    void givenShortTextWhenCappedThenUnchanged() {
        assertThat(redactor.redactAndCap("short", 20)).isEqualTo("short");
        assertThat(redactor.redactAndCap("exactly twenty chars", 20)).isEqualTo("exactly twenty chars");
    }

    @Test
    void givenSecretAcrossTheCutWhenCappedThenNoPartOfItSurvives() {
        // Given a key that straddles the cut
        String text = "my key is sk-proj-Abc123def456GHI789jkl012MNO345pqr ok";
        // When
        String capped = redactor.redactAndCap(text, 16);
        // Then
        assertThat(capped).isEqualTo("my key is\u2026").doesNotContain("sk-");
    }

    @Test
    void givenOneLongWordWhenCappedThenHardCutNeverSplitsAPlaceholder() {
        assertThat(redactor.redactAndCap("abcdefghijklmnopqrstuvwxyz", 10)).isEqualTo("abcdefghi\u2026");
        // "[EMAIL],[EMAIL],more" cut at 11 characters would end in "[EM"
        assertThat(redactor.redactAndCap("x@y.com,john@example.com,more", 12)).isEqualTo("[EMAIL]\u2026");
    }

    @Test
    void givenEmojiAtTheCutWhenCappedThenNoHalfSurrogate() {
        String capped = redactor.redactAndCap("abcdefgh\uD83D\uDE00xyz", 10);
        assertThat(capped).isEqualTo("abcdefgh\u2026");
    }

    @Test
    void givenNonPositiveLimitWhenCappedThenRejected() {
        assertThatThrownBy(() -> redactor.redactAndCap("text", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenManyThreadsWhenRedactingThenResultsEqualSequentialRedaction() {
        List<String> texts = IntStream.range(0, 2000)
                .mapToObj(k -> "user" + k + "@example.com called +44 20 7946 " + String.format("%04d", k))
                .collect(Collectors.toList());
        List<String> sequential = texts.stream().map(redactor::redact).collect(Collectors.toList());
        List<String> parallel = texts.parallelStream().map(redactor::redact).collect(Collectors.toList());
        assertThat(parallel).isEqualTo(sequential).allMatch(t -> t.equals("[EMAIL] called [PHONE]"));
    }

    @Test
    void givenCheckDigitAlgorithmsWhenAppliedToKnownNumbersThenAgreeWithTheirStandards() {
        assertThat(Redactor.luhnValid("79927398713")).isTrue();   // the textbook Luhn example
        assertThat(Redactor.luhnValid("79927398710")).isFalse();
        assertThat(Redactor.ibanChecksumValid("GB82WEST12345698765432")).isTrue(); // ECBS example
        assertThat(Redactor.ibanChecksumValid("GB82WEST12345698765431")).isFalse();
    }
}
