package dev.turnloop.ingest.signals;

import java.util.regex.Pattern;

/**
 * The phrases that signal repair, escalation, hand-offs, dead ends, success and closing, in English. They are written
 * from how support conversations go in general (not fitted to a dataset) and kept as readable regular expressions.
 */
final class Cues {

    private Cues() {
    }

    private static Pattern cue(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** The user says the agent misunderstood, or that they are repeating themselves. */
    static final Pattern EXPLICIT_REPAIR = cue(
            "\\b(that'?s|that is|this is|it'?s) not what i (asked|meant|wanted|said|need(ed)?)"
                    + "|\\bnot what i (asked|meant|wanted)"
                    + "|\\bno,? (i|what i) (meant|mean|said|asked)"
                    + "|\\bi (already|just) (said|told you|asked|explained|mentioned)"
                    + "|\\b(as|like) i (said|mentioned|told you)"
                    + "|\\bi said\\b"
                    + "|\\byou'?re not (listening|understanding|getting it)"
                    + "|\\byou (didn'?t|did not|don'?t) (understand|get it|read)"
                    + "|\\b(let me|i'?ll) (rephrase|say it again|try again|explain again)"
                    + "|\\bfor the (second|third|fourth|last) time"
                    + "|\\bread my (message|question)"
                    + "|\\bthat'?s (wrong|incorrect|not right|not it)"
                    + "|\\bwrong (answer|one)"
                    + "|\\bi meant\\b");

    /** The user rejects what was offered and asks for something else. */
    static final Pattern ASK_FOR_ALTERNATIVE = cue(
            "\\b(any|some)thing else\\b(?!.{0,20}\\b(i can|to help)\\b)"
                    + "|\\b(other|another|different|more) (option|options|one|ones|choice|choices|suggestion"
                    + "|suggestions|result|results|alternative|alternatives|place|places|time|times)\\b"
                    + "|\\binstead\\b|\\bsomewhere else\\b|\\bnone of (these|those|them)\\b");

    /** The user declines or contradicts ("no, ..."), counted as repair only when the agent had proposed something. */
    static final Pattern NEGATION_START = cue("^\\s*(no|nope|nah|not really|not quite|wrong)\\b(?!\\s*(thanks|thank you|problem|worries))");

    /** The user asks for a human. */
    static final Pattern HUMAN_REQUEST = cue(
            "\\b(talk|speak|chat|connect me|put me through|transfer me)\\b.{0,20}\\b(human|person|someone|somebody"
                    + "|agent|representative|rep|operator|manager|supervisor|staff|real person|live agent)\\b"
                    + "|\\b(human|real person|live agent|live person) please\\b|\\bi want a human\\b"
                    + "|\\b(get|give) me (a|an) (human|person|agent|representative|manager)\\b");

    /** The agent hands the conversation to a human (performed). */
    static final Pattern HANDOFF_PERFORMED = cue(
            "\\b(i'?m|i am|i'?ll|i will|let me|going to) (now )?(transfer|transferring|connect|connecting|escalate"
                    + "|escalating|hand|handing|route|routing|forward|forwarding) (you|your (case|request|chat|ticket)"
                    + "|this)\\b.{0,40}\\b(human|agent|colleague|team|specialist|representative|person|support)"
                    + "|\\b(a|an) (human|live|support) (agent|representative|colleague) will (be with you|join|contact"
                    + "|reach out|take over)");

    /** The agent offers a hand-off. */
    static final Pattern HANDOFF_OFFER = cue(
            "\\b(would you like|do you want|shall i|should i|can i|i can)\\b.{0,20}\\b(transfer|connect|escalate"
                    + "|hand you over|put you through)\\b");

    /** The agent gives up or cannot do what was asked. */
    static final Pattern DEAD_END = cue(
            "\\bi (can'?t|cannot|can not|am unable to|'m unable to|am not able to|'m not able to) (help|assist|do"
                    + "|answer|process|find|access|complete|handle|support)"
                    + "|\\bi (don'?t|do not) (have|know) (access|the ability|that information|how|the answer|enough)"
                    + "|\\b(that'?s|that is|this is) (outside|beyond) (my|what i)"
                    + "|\\b(unfortunately|sorry|i'?m afraid),? (but )?(i|we) (can'?t|cannot|couldn'?t|could not|was"
                    + " unable|were unable|am unable|don'?t support|do not support)"
                    + "|\\bi (couldn'?t|could not|was unable to|wasn'?t able to) (find|complete|make|process|book"
                    + "|reserve|do|get)"
                    + "|\\b(not supported|isn'?t supported|is not supported)\\b"
                    + "|\\bno (results|matches) (found|for)\\b"
                    + "|\\bsomething went wrong\\b|\\b(there was|i (ran into|encountered|hit)) an? (error|issue|problem)"
                    + "|\\b(failed|was not able|wasn'?t able) to (book|reserve|complete|process|make|find|schedule"
                    + "|transfer|purchase|buy|submit|update)\\b");

    /** Past participles of the things agents do for users; the success phrases below are built on them. */
    private static final String DONE_VERBS = "booked|reserved|scheduled|confirmed|added|created|set up|set|sent"
            + "|transferred|purchased|bought|rented|ordered|cancell?ed|updated|changed|reset|fixed|resolved|submitted"
            + "|processed|planned|paid|made|placed|saved|activated|refunded|completed|done|arranged|registered"
            + "|renewed|requested|initiated|started|started playing|gone through";

    /** The agent confirms that the task succeeded ("has been booked", "I've reset it", "you're all set"). */
    static final Pattern SUCCESS_CONFIRMATION = cue(
            "\\b(has|have|had) (now |just |already )?been (successfully |already )?(" + DONE_VERBS + ")\\b(?! to\\b)"
                    + "|\\b(is|are|was|were) (now |successfully |all )?(" + DONE_VERBS
                    + "|complete|all set|on (its|their) way|(now )?playing)\\b(?! to\\b)"
                    + "|\\bsuccessfully\\b|\\b(was|is) (a )?success(ful)?\\b"
                    + "|\\b(you'?re|you are) (now )?(all set|set|booked|reserved|confirmed|registered|hereby \\w+ed)\\b"
                    + "|\\bi('?ve| have)? (successfully |now |just |already )?(" + DONE_VERBS + ")\\b(?! (to|with)\\b)"
                    + "|\\bi (was able to|managed to) (confirm|book|reserve|schedule|complete|process|fix|resolve|buy"
                    + "|purchase|set up|send|transfer|cancel|update|change|reset)\\b"
                    + "|\\b(booking|reservation|purchase|transfer|payment|order|appointment|ticket|visit|request)"
                    + " (is |was |has been )?(successful|complete|completed|confirmed)\\b"
                    + "|\\b(all|that'?s|it'?s) (done|booked|set|confirmed)\\b|\\bdone for you\\b"
                    + "|\\b(tickets?|it|they) (is|are) yours\\b"
                    + "|\\byou (got|have) (a|the|your) (seat|ticket|table|room|booking|reservation|spot)\\b");

    /** The user says it worked. */
    static final Pattern USER_RESOLUTION = cue(
            "\\b(that|it|this) (worked|works|fixed it|solved it|did it|did the trick|helps|helped)\\b"
                    + "|\\b(problem|issue) (solved|resolved|fixed)\\b|\\bworks now\\b|\\bworking now\\b"
                    + "|\\b(that'?s|that is) (exactly )?what i (needed|wanted|was looking for)\\b"
                    + "|\\b(perfect|great|awesome|excellent|brilliant|wonderful)[,.! ]+(thanks|thank you|that'?s)");

    /** The user wraps up. */
    static final Pattern USER_CLOSING = cue(
            "\\b(thanks|thank you|thx|ty|cheers)\\b|\\b(that'?s|that is|that will be|that'?ll be) all\\b"
                    + "|\\bnothing (else|more)\\b|\\b(good)?bye\\b|\\bhave a (nice|good|great) (day|one|evening)\\b");

    /** A closing that declines rather than thanks for a result ("no thanks, that's all"). */
    static final Pattern DECLINING_CLOSE = cue("^\\s*(no|nope|nah|not (now|today|at the moment|right now))\\b");
}
