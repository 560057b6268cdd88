package dev.turnloop.textkit;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets and personal data from text before it leaves the pipeline (intent catalogues, PR bodies, logs):
 * API keys and tokens, passwords, long random strings, e-mail addresses, phone numbers, payment cards, IBANs and IPv4
 * addresses become typed placeholders such as {@code [EMAIL]}. Matches are validated (Luhn for cards, mod-97 for
 * IBANs, digit counts for phones, character mix for random strings) so that order numbers, years, amounts and
 * ordinary words stay readable. Immutable and thread-safe; patterns are compiled once.
 */
public final class Redactor {

    public static final String SECRET = "[SECRET]";
    public static final String EMAIL = "[EMAIL]";
    public static final String PHONE = "[PHONE]";
    public static final String CARD = "[CARD]";
    public static final String IBAN = "[IBAN]";
    public static final String IP = "[IP]";

    private static final String ELLIPSIS = "\u2026";
    private static final String CREDENTIAL_NAME = "(?:[a-z0-9]+[_-])?(?:api[_-]?key|apikey|access[_-]?key"
            + "|secret(?:[_-]?key)?|client[_-]?secret|(?:access|refresh|auth|api|bearer|session)?[_-]?token"
            + "|password|passwd|pwd|passphrase|private[_-]?key|authorization)";

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /**
     * What to look for, in order: secrets first (a key may contain digits and '@'), then addresses and numbers,
     * cards before phones (a grouped card number also looks like a phone), random strings last.
     */
    private static final List<Rule> RULES = List.of(
            new Rule(SECRET, Pattern.compile(
                    "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)"),
                    0, p -> p.text().contains("PRIVATE KEY"), Rule::whole),
            // credentials in a URL: scheme://user:password@host keeps the user, hides the password
            new Rule(SECRET, Pattern.compile("(?<=\\w://)[^\\s/:@]{1,64}:([^\\s/@]{1,256})(?=@)"),
                    1, p -> p.text().contains("://"), Rule::whole),
            new Rule(SECRET, Pattern.compile("(?<![A-Za-z0-9_-])(?:"
                    + "sk-(?:proj-|svcacct-|admin-|ant-)?[A-Za-z0-9_-]{20,}"     // OpenAI, Anthropic
                    + "|(?:sk|rk)_live_[A-Za-z0-9]{20,}"                       // Stripe
                    + "|(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}"                   // AWS access key id
                    + "|gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255}" // GitHub
                    + "|xox[abprs]-[A-Za-z0-9-]{10,}"                          // Slack
                    + "|AIza[0-9A-Za-z_-]{35}"                                 // Google API key
                    + "|eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*" // JWT: JSON header.payload
                    + ")(?![A-Za-z0-9_-])"), 0, p -> p.longestRun() >= 20, Rule::whole),
            new Rule(SECRET, Pattern.compile("(?i)\\bbearer\\s+([A-Za-z0-9._~+/-]{12,}=*)"),
                    1, p -> p.longestRun() >= 12 && p.mentions("bearer"), Rule::whole),
            // key=value for names that hold credentials: whatever follows "=" is the value
            new Rule(SECRET, Pattern.compile("(?i)\\b" + CREDENTIAL_NAME + "[\"']?\\s*=\\s*[\"']?([^\\s\"',;&]+)"),
                    1, p -> p.text().indexOf('=') >= 0, value -> value.startsWith("[") ? 0 : value.length()),
            // "key": "value" and key: value, where prose also uses colons ("password: required")
            new Rule(SECRET, Pattern.compile("(?i)\\b" + CREDENTIAL_NAME + "[\"']?\\s*:\\s*[\"']?([^\\s\"',;&]+)"),
                    1, p -> p.text().indexOf(':') >= 0, Redactor::credentialLength),
            // "my password is hunter2"
            new Rule(SECRET, Pattern.compile("(?i)\\b(?:password|passcode|passwd|pin)\\s+(?:is|was)\\s*:?\\s+"
                    + "([^\\s\"',;]+)"), 1, p -> p.mentions("pass") || p.mentions("pin"), Redactor::credentialLength),
            new Rule(EMAIL, Pattern.compile("(?<![\\w.%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}"
                    + "(?:\\.[A-Za-z0-9-]{1,63})*\\.[A-Za-z]{2,24}\\b"),
                    0, p -> p.text().indexOf('@') >= 0, Rule::whole),
            new Rule(IBAN, Pattern.compile("(?i)(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}"
                    + "(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])"), 0, p -> p.digits() >= 2, Redactor::ibanLength),
            new Rule(CARD, Pattern.compile("(?<![\\w-])\\d(?:[ -]?\\d){12,18}(?!\\d)"),
                    0, p -> p.digits() >= 13, Redactor::cardLength),
            // international: +CC and 7..14 more digits in groups
            new Rule(PHONE, Pattern.compile("(?<![\\w+])\\+\\d[\\d ().-]{6,22}\\d(?!\\d)"),
                    0, p -> p.digits() >= 8 && p.text().indexOf('+') >= 0, Redactor::phoneLength),
            // North American: (415) 555-1234, 415-555-1234, 415.555.1234, 1 415 555 1234
            new Rule(PHONE, Pattern.compile(
                    "(?<![\\w+-])(?:1[ .-]?)?(?:\\(\\d{3}\\) ?|\\d{3}[ .-])\\d{3}[ .-]\\d{4}(?![\\w-])"),
                    0, p -> p.digits() >= 10, Rule::whole),
            // national with trunk prefix 0: 020 7946 0958, 06 12 34 56 78, 030 1234567, 07911123456
            new Rule(PHONE, Pattern.compile("(?<![\\w+-])0\\d{1,4}(?:[ /-]?\\d{2,8})(?:[ -]\\d{2,4}){0,3}(?![\\w-])"),
                    0, p -> p.digits() >= 9, Redactor::nationalPhoneLength),
            // where the text says it is a phone number, any grouping: "call me on 4155551234", "phone: 20 7946 0958"
            new Rule(PHONE, Pattern.compile("(?i)\\b(?:call|called|calling|dial|phone|tel|telephone|mobile|cell"
                    + "|whatsapp|sms|contact|reach|reached)\\b[^\\d\\n]{0,20}?(\\+?\\d[\\d ().-]{6,20}\\d)(?!\\d)"),
                    1, p -> p.digits() >= 8, Redactor::phoneLength),
            // "their number is 20 7071 5029": "number" also names orders, so only a phone-like grouping counts
            new Rule(PHONE, Pattern.compile(
                    "(?i)\\bnumber\\b[^\\d\\n]{0,12}?(\\d{1,4}(?:[ .-]\\d{2,4}){2,4}|\\d{5}[ .-]\\d{5})(?!\\d)"),
                    1, p -> p.digits() >= 8, Redactor::phoneLength),
            new Rule(IP, Pattern.compile("(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
                    + "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?!\\.?\\d)"),
                    0, p -> p.digits() >= 4 && p.text().indexOf('.') >= 0, Rule::whole),
            new Rule(SECRET, Pattern.compile("(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{20,}={0,2}(?![A-Za-z0-9+/_=-])"),
                    0, p -> p.longestRun() >= 20, Redactor::randomLength));

    private static final Redactor STANDARD = new Redactor();

    private Redactor() {
    }

    /** The shared instance; the rules are fixed, so there is no reason to have more than one. */
    public static Redactor standard() {
        return STANDARD;
    }

    /** The text with every secret and personal datum replaced by its placeholder; null stays null. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        TextProfile profile = TextProfile.of(text);
        for (Rule rule : RULES) {
            if (rule.precheck().test(profile)) {
                String replaced = rule.apply(profile.text());
                if (!replaced.equals(profile.text())) {
                    profile = TextProfile.of(replaced);
                }
            }
        }
        return profile.text();
    }

    /**
     * Redacts, then shortens to at most {@code maxChars} characters, cutting at a word boundary when one lies in
     * the second half of the allowance and ending with an ellipsis. Redacting first means a cut can never leave
     * part of a secret behind.
     */
    public String redactAndCap(String text, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive: " + maxChars);
        }
        String redacted = redact(text);
        if (redacted == null || redacted.length() <= maxChars) {
            return redacted;
        }
        int limit = maxChars - 1;
        int cut = limit;
        if (!Character.isWhitespace(redacted.charAt(limit))) {
            int space = lastWhitespace(redacted, limit);
            if (space >= limit / 2) {
                cut = space;
            } else {
                cut = outsidePlaceholder(redacted, limit);
            }
        }
        if (cut > 0 && Character.isHighSurrogate(redacted.charAt(cut - 1))) {
            cut--;
        }
        String head = redacted.substring(0, cut).stripTrailing();
        while (!head.isEmpty() && ",;:-".indexOf(head.charAt(head.length() - 1)) >= 0) {
            head = head.substring(0, head.length() - 1).stripTrailing();
        }
        return head + ELLIPSIS;
    }

    private static int lastWhitespace(String s, int before) {
        for (int k = before; k > 0; k--) {
            if (Character.isWhitespace(s.charAt(k))) {
                return k;
            }
        }
        return -1;
    }

    /** A hard cut never splits a placeholder: "[EMA…" would look like text. */
    private static int outsidePlaceholder(String s, int cut) {
        int open = s.lastIndexOf('[', cut - 1);
        if (open >= 0 && s.indexOf(']', open) >= cut) {
            for (String placeholder : List.of(SECRET, EMAIL, PHONE, CARD, IBAN, IP)) {
                if (s.startsWith(placeholder, open)) {
                    return open;
                }
            }
        }
        return cut;
    }

    /** What the pre-tests look at, gathered in one pass so that most turns skip most patterns. */
    private record TextProfile(String text, String lowercase, int digits, int longestRun) {

        static TextProfile of(String text) {
            int digits = 0;
            int run = 0;
            int longest = 0;
            for (int k = 0; k < text.length(); k++) {
                char c = text.charAt(k);
                digits += c >= '0' && c <= '9' ? 1 : 0;
                run = Character.isWhitespace(c) ? 0 : run + 1;
                longest = Math.max(longest, run);
            }
            return new TextProfile(text, text.toLowerCase(Locale.ROOT), digits, longest);
        }

        /**
         * Whether the text holds {@code lowercaseWord} in any case. A superset of what the rules' {@code (?i)}
         * patterns (ASCII case folding) can match, found with one lowercase copy instead of a case-insensitive
         * comparison at every position.
         */
        boolean mentions(String lowercaseWord) {
            return lowercase.contains(lowercaseWord);
        }
    }

    /** A value written after a colon or "is" is hidden unless it reads like a plain word ("password: required"). */
    private static int credentialLength(String captured) {
        String value = captured.replaceAll("[.!?]+$", ""); // the end of the sentence, not part of the value
        if (value.startsWith("[") || value.length() < 4) {
            return 0;
        }
        boolean plainWord = value.chars().allMatch(Character::isLetter) && value.length() < 12;
        return plainWord ? 0 : value.length();
    }

    /** Longest leading run of 4-character groups that passes the ISO 13616 mod-97 check. */
    private static int ibanLength(String candidate) {
        String[] groups = candidate.split(" ");
        for (int n = groups.length; n >= 1; n--) {
            String joined = String.join(" ", List.of(groups).subList(0, n));
            String compact = joined.replace(" ", "").toUpperCase(Locale.ROOT);
            if (compact.length() >= 15 && compact.length() <= 34 && ibanChecksumValid(compact)) {
                return joined.length();
            }
        }
        return 0;
    }

    static boolean ibanChecksumValid(String iban) {
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (int k = 0; k < rearranged.length(); k++) {
            char c = rearranged.charAt(k);
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value < 10 ? (remainder * 10 + value) % 97 : (remainder * 100 + value) % 97;
        }
        return remainder == 1;
    }

    /**
     * Longest leading run of digit groups that is a card number: 13 to 19 digits, one kind of separator, a known
     * issuer's first digit (2-6: Mastercard, Amex/Diners/JCB, Visa, Mastercard, Discover/UnionPay), and a valid Luhn
     * check digit. The group search lets a CVV or date written after the number stay outside the match.
     */
    private static int cardLength(String candidate) {
        boolean spaces = candidate.indexOf(' ') >= 0;
        boolean dashes = candidate.indexOf('-') >= 0;
        if (spaces && dashes) {
            return 0;
        }
        String[] groups = candidate.split("[ -]");
        for (int n = groups.length; n >= 1; n--) {
            String digits = String.join("", List.of(groups).subList(0, n));
            if (digits.length() >= 13 && digits.length() <= 19 && digits.charAt(0) >= '2' && digits.charAt(0) <= '6'
                    && luhnValid(digits)) {
                return String.join(spaces ? " " : "-", List.of(groups).subList(0, n)).length();
            }
        }
        return 0;
    }

    static boolean luhnValid(String digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int k = digits.length() - 1; k >= 0; k--) {
            int d = digits.charAt(k) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /** E.164 allows at most 15 digits including the country code; fewer than 8 is not a full number. */
    private static int phoneLength(String candidate) {
        long digits = candidate.chars().filter(Character::isDigit).count();
        return digits >= 8 && digits <= 15 && !candidate.contains("..") && !candidate.contains("--")
                ? candidate.length() : 0;
    }

    private static int nationalPhoneLength(String candidate) {
        long digits = candidate.chars().filter(Character::isDigit).count();
        return digits >= 9 && digits <= 12 ? candidate.length() : 0;
    }

    /**
     * A long token is a secret when it looks random: digits and letters mixed, frequent switches between
     * lowercase, uppercase and digits (identifiers and paths switch rarely), and high character entropy. Hex needs
     * 32 characters (a 128-bit key). Canonical UUIDs are identifiers and stay.
     */
    private static int randomLength(String token) {
        if (UUID.matcher(token).matches()) {
            return 0;
        }
        String body = token.replaceAll("=+$", "");
        int digits = 0;
        int letters = 0;
        int switches = 0;
        int pairs = 0;
        boolean hexOnly = true;
        for (int k = 0; k < body.length(); k++) {
            char c = body.charAt(k);
            digits += Character.isDigit(c) ? 1 : 0;
            letters += Character.isLetter(c) ? 1 : 0;
            hexOnly &= Character.digit(c, 16) >= 0;
            if (k > 0 && Character.isLetterOrDigit(c) && Character.isLetterOrDigit(body.charAt(k - 1))) {
                pairs++;
                switches += charClass(c) != charClass(body.charAt(k - 1)) ? 1 : 0;
            }
        }
        if (digits < 2 || letters < 2 || pairs == 0 || (hexOnly && body.length() < 32)) {
            return 0;
        }
        boolean random = (double) switches / pairs >= 0.3 && entropyBitsPerChar(body) >= 3.5;
        return random ? token.length() : 0;
    }

    private static int charClass(char c) {
        return Character.isDigit(c) ? 0 : Character.isUpperCase(c) ? 1 : 2;
    }

    /** Shannon entropy of the token's characters (all ASCII, by the candidate pattern). */
    private static double entropyBitsPerChar(String s) {
        int[] counts = new int[128];
        for (int k = 0; k < s.length(); k++) {
            counts[s.charAt(k) & 127]++;
        }
        double entropy = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / s.length();
                entropy -= p * Math.log(p) / Math.log(2);
            }
        }
        return entropy;
    }

    /**
     * One kind of sensitive span: where it may be (pattern, group to hide), a cheap pre-test that skips the regex on
     * most turns, and a validator returning how many leading characters of the group to hide (0 = not sensitive).
     */
    private record Rule(String placeholder, Pattern pattern, int group, Predicate<TextProfile> precheck,
                        ToIntFunction<String> validator) {

        static int whole(String match) {
            return match.length();
        }

        String apply(String text) {
            Matcher m = pattern.matcher(text);
            StringBuilder out = null;
            int copied = 0;
            int from = 0;
            while (from <= text.length() && m.find(from)) {
                int start = m.start(group);
                int accepted = start < 0 ? 0 : validator.applyAsInt(m.group(group));
                if (accepted == 0) {
                    from = m.start() + 1;
                    continue;
                }
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, copied, start).append(placeholder);
                copied = start + accepted;
                from = Math.max(copied, m.start() + 1);
            }
            return out == null ? text : out.append(text, copied, text.length()).toString();
        }
    }
}
