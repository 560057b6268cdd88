package dev.turnloop.ingest.signals;


/**
 * The phrases that signal repair, escalation, hand-offs, dead ends, success and closing, in English. They are written
 * from how support conversations go in general (not fitted to a dataset) and kept as readable regular expressions.
 */
final class Cues {

    private Cues() {
    }

    /** Cues are matched against {@link #normalise}d text, so they need no (slow) case-insensitive matching. */
    private static Cue cue(String regex, String... triggers) {
        return new Cue(regex, triggers);
    }

    /** Lower case, with typographic apostrophes made plain, as every cue expects. */
    static String normalise(String text) {
        return text.toLowerCase(java.util.Locale.ROOT).replace('\u2019', '\'');
    }

    /** The user says the agent misunderstood, or that they are repeating themselves. */
    static final Cue EXPLICIT_REPAIR = cue(
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
                    + "|\\bi meant\\b",
            "not what i", "mean", "meant", "said", "asked", "told", "explained", "mentioned", "listening", "understanding", "understand", "getting", "get", "read", "rephrase", "again", "time", "wrong", "incorrect", "not right", "not it");

    /**
     * The user rejects what was offered and asks for something else: "other options", "any other flights", "find me
     * another hotel", "what else do you have", "something different". Not "another question" (a new request) nor
     * "I don't need anything else" (a closing).
     */
    static final Cue ASK_FOR_ALTERNATIVE = cue(
            "\\bsomething else\\b"
                    + "|\\b(other|another|different) (option|options|one|ones|choice|choices|suggestion|suggestions"
                    + "|result|results|alternative|alternatives|place|places|time|times)\\b"
                    + "|\\b(any|some) (other|more) (option|options|choice|choices|suggestion|suggestions|alternative"
                    + "|alternatives|result|results)\\b"
                    + "|\\b(any|some|what|which) other \\w+|\\b(any|some) others\\b"
                    + "|\\b(find|show|get|give|search|look for|suggest|recommend|try|choose|pick) (me |us )?(an)?other"
                    + " (?!question|issue|problem|thing\\b)\\w+"
                    + "|\\b(is there|are there|do you have|have you got) (an)?other\\b"
                    + "|\\b(what|who|where) else\\b|\\bsomething (different|similar)\\b"
                    + "|\\binstead\\b|\\bsomewhere else\\b|\\bnone of (these|those|them)\\b",
            "else", "other", "others", "another", "different", "similar", "more", "instead", "none of");

    /** The user declines or contradicts ("no, ..."), counted as repair only when the agent had proposed something. */
    static final Cue NEGATION_START = cue("^\\s*(no|nope|nah|not really|not quite|wrong)\\b(?!\\s*(thanks|thank you|problem|worries))");

    /** The user asks for a human. */
    static final Cue HUMAN_REQUEST = cue(
            "\\b(talk|speak|chat|connect me|put me through|transfer me)\\b.{0,20}\\b(human|person|someone|somebody"
                    + "|agent|representative|rep|operator|manager|supervisor|staff|real person|live agent)\\b"
                    + "|\\b(human|real person|live agent|live person) please\\b|\\bi want a human\\b"
                    + "|\\b(get|give) me (a|an) (human|person|agent|representative|manager)\\b",
            "human", "person", "someone", "somebody", "agent", "representative", "rep", "operator", "manager", "supervisor", "staff");

    /** The agent hands the conversation to a human (performed). */
    static final Cue HANDOFF_PERFORMED = cue(
            "\\b(i'?m|i am|i'?ll|i will|let me|going to) (now )?(transfer|transferring|connect|connecting|escalate"
                    + "|escalating|hand|handing|route|routing|forward|forwarding) (you|your (case|request|chat|ticket)"
                    + "|this)\\b.{0,40}\\b(human|agent|colleague|team|specialist|representative|person|support)"
                    + "|\\b(a|an) (human|live|support) (agent|representative|colleague) will (be with you|join|contact"
                    + "|reach out|take over)",
            "transfer", "transferring", "connect", "connecting", "escalate", "escalating", "hand", "handing", "route", "routing", "forward", "forwarding", "will be with you", "will join", "will contact", "will reach", "will take over");

    /** The agent offers a hand-off. */
    static final Cue HANDOFF_OFFER = cue(
            "\\b(would you like|do you want|shall i|should i|can i|i can)\\b.{0,20}\\b(transfer|connect|escalate"
                    + "|hand you over|put you through)\\b",
            "transfer", "connect", "escalate", "hand you over", "put you through");

    /** The agent gives up or cannot do what was asked. */
    static final Cue DEAD_END = cue(
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
                    + "|transfer|purchase|buy|submit|update)\\b",
            "can't", "cant", "cannot", "can not", "unable", "not able", "don't", "dont", "do not", "outside", "beyond", "sorry", "unfortunately", "afraid", "couldn't", "couldnt", "could not", "wasn't able", "supported", "no results", "no matches", "went wrong", "error", "issue", "problem", "failed");

    /** Past participles of the things agents do for users; the success phrases below are built on them. */
    private static final String DONE_VERBS = "booked|reserved|scheduled|confirmed|verified|added|created|set ?up|set"
            + "|sent|transferred|purchased|bought|rented|ordered|cancell?ed|updated|changed|reset|fixed|resolved"
            + "|submitted|processed|planned|paid|made|placed|saved|activated|refunded|completed|done|arranged"
            + "|registered|renewed|requested|initiated|started|dispatched|shipped|delivered|issued|approved";

    /** "is", "are", "was", "were" and their contractions ("it's", "you're"). */
    private static final String BE = "(?:\\bis|\\bare|\\bwas|\\bwere|'s|'re)";
    /** "has", "have", "had" and their contractions ("it's been", "they've been"). */
    private static final String HAVE = "(?:\\bhas|\\bhave|\\bhad|'s|'ve|'d)";

    /**
     * The agent reports that the action it attempted failed ("the booking was unsuccessful", "your visit could not be
     * scheduled", "no appointments are available"): not a dead end (it may offer another try), but no success either.
     */
    static final Cue ACTION_FAILED = cue(
            "\\b(unsuccessful|failed)\\b|\\b(did not|didn'?t) go through\\b"
                    + "|\\b(was|is|were)(n'?t| not) (possible|successful)\\b"
                    + "|\\b(could ?n'?t|could not|can'?t|cannot|was(n'?t| not) able to|unable to) (be )?(book|reserve"
                    + "|schedul|complet|process|make|made|confirm|place|buy|purchas|transfer|send|sent|add|play)"
                    + "|\\b(is|are|was|were)(n'?t| not) (booked|reserved|scheduled|confirmed|completed|processed|made)\\b"
                    + "|\\bno (\\w+ )?(appointments?|availability|openings?|slots?|seats?|tables?|rooms?|tickets?|showings?)"
                    + " (are |is )?(available|left|open)\\b|\\bno availability\\b",
            "unsuccessful", "failed", "through", "possible", "successful", "couldn't", "couldnt", "could", "can't",
            "cannot", "able", "unable", "not", "availability", "available", "left", "open");

    /** The agent confirms that the task succeeded ("has been booked", "I've reset it", "your cab is on the way"). */
    static final Cue SUCCESS_CONFIRMATION = cue(
            HAVE + " (now |just |already |all )?been (successfully |already )?(" + DONE_VERBS + ")\\b(?! to\\b)"
                    + "|" + BE + " (now |successfully |all |already )*(" + DONE_VERBS + "|complete|all set"
                    + "|(a )?success(ful)?|ready)\\b(?! to\\b)"
                    + "|" + BE + " (now )?(on (its|it's|their|the|your) way|on route|en route|coming|headed your way"
                    + "|(now )?playing)\\b|\\b(now playing|playing now)\\b"
                    + "|\\b(booking|reservation|appointment|transfer|payment|order|visit|purchase|ride|cab|taxi)"
                    + " (" + DONE_VERBS + ")\\b(?! (to|with|for|by)\\b)"
                    + "|\\bsuccessfully\\b|\\b(went|gone) through\\b"
                    + "|\\b(you'?re|you are) (now )?(all set|set|booked|reserved|confirmed|registered|hereby \\w+ed)\\b"
                    + "|\\bi('?ve| have)? (successfully |now |just |already )?(" + DONE_VERBS + ")\\b(?! (to|with)\\b)"
                    + "|\\bi('?ve| have)? (got|gotten|gone ahead and) (\\w+ )?(\\w+ )?(all )?(" + DONE_VERBS + ")\\b(?! (to|with)\\b)"
                    + "|\\bi (was able to|managed to) (confirm|book|reserve|schedule|complete|process|fix|resolve|buy"
                    + "|purchase|set up|send|transfer|cancel|update|change|reset|find you|rent|play|add|order|pay"
                    + "|register)\\b"
                    + "|\\b(booking|reservation|purchase|transfer|payment|order|appointment|ticket|visit|request)"
                    + " (is |was |has been )?(successful|complete|completed|confirmed|verified)\\b"
                    + "|\\bconfirmation (is )?(complete|done|successful)\\b"
                    + "|\\b(all|that'?s|it'?s) (done|booked|set|confirmed)\\b|\\bdone for you\\b"
                    + "|\\b(tickets?|it|they) (is|are) yours\\b"
                    + "|\\byou (got|have) (a|the|your) (seats?|tickets?|table|room|booking|reservation|spot|car|ride)\\b"
                    + "|\\byou (now )?have (the |your )?(seats?|tickets?|table|room|booking|reservation|car|ride) now\\b"
                    + "|\\bi (got|have got) (you |that |this |your |the )(\\w+ )?(seats?|tickets?|table|room|booking"
                    + "|reservation|appointment|ride|cab|car)\\b"
                    // a media request is done once the thing plays
                    + "|\\b(just |now )?(started|starts|begun|began|begins) (to )?play(ing)?\\b"
                    + "|" + HAVE + " (now |just )?(started|begun)\\b(?! to (look|search|check)\\b)"
                    + "|" + BE + " (now )?starting( now)?\\b|\\bwill (now )?(start|begin)( playing)? now\\b"
                    + "|\\bconsider it done\\b|\\bi did it\\b|\\bcorrectly (booked|reserved|made|added|scheduled)\\b"
                    + "|\\b(added|saved) (it )?to (your|the) calendar\\b"
                    + "|(" + BE + "|" + HAVE + " (now |just |already )?been) (now |successfully |already )*added to"
                    + " (your|the)\\b|\\bgot (it|that|this|them) added\\b"
                    + "|\\bput (it|that|this) through\\b"
                    + "|\\byou('ve| have) (now |just )?(booked|reserved|rented|purchased|bought|scheduled|ordered)\\b"
                    + "|\\byou('ll| will| should) (get|receive) (an? )?(email |text )?confirmation\\b"
                    // media handed over ("enjoy the song"); "enjoy your trip" is as often a farewell after advice
                    + "|\\benjoy (the|your) (song|music|tunes|track|album|movie|film)\\b|\\benjoy (listening|watching)\\b",
            successTriggers());

    /** Every word the success alternatives are built on: at least one occurs in any success phrase. */
    private static String[] successTriggers() {
        String extra = "been|success|successful|successfully|ready|way|route|coming|playing|through|all set|yours"
                + "|able to|managed to|confirm|complete|done|seat|seats|ticket|tickets|table|room|booking|reservation"
                + "|spot|car|ride|play|plays|starting|start|begin|begun|began|begins|did it|correctly|calendar|cab"
                + "|appointment|enjoy|confirmation|added|through";
        String verbs = DONE_VERBS.replace("set ?up", "set|setup").replace("cancell?ed", "cancelled|canceled");
        return (verbs + "|" + extra).split("\\|");
    }

    /** The user says it worked (past tense or "now": accepting an offer, "that works for me", is not this). */
    static final Cue USER_RESOLUTION = cue(
            "\\b(that|it|this) (worked|fixed it|solved it|did it|did the trick|helped)\\b"
                    + "|\\b(problem|issue) (solved|resolved|fixed)\\b|\\b(works|working) now\\b"
                    + "|\\b(that'?s|that is) (exactly )?what i (needed|wanted|was looking for)\\b",
            "worked", "fixed", "solved", "did it", "did the trick", "helped", "resolved", "now", "what i");

    /** The agent asks whether the user needs anything more: a "no" after it closes rather than corrects. */
    static final Cue OFFER_MORE_HELP = cue(
            "\\b(anything|something) else\\b|\\banything more\\b|\\b(any|other|further|more) (help|assistance)\\b"
                    + "|\\bhelp (you )?with anything\\b|\\bstill need me\\b|\\b(will|would) (that|this) be all\\b"
                    + "|\\bis that all\\b|\\b(can|may|could) i (do|help with) (anything|more|something)\\b"
                    + "|\\bwhat else\\b|\\b(any ?thing|something) (else|more|further)\\b|\\banymore (help|assistance)\\b"
                    + "|\\b(assist|help) (you )?(out )?(any )?further\\b|\\bfurther assist\\b"
                    + "|\\b(help|assist) (you )?(with )?(any )?other (things?|matters?)\\b"
                    + "|\\bany other (service|services|matter|matters|questions?|requests?|way|information)\\b"
                    + "|\\bhow else\\b|\\banything (additional|i can)\\b"
                    + "|\\bis there anything (i|you'?d|you would)\\b|\\b(help|assist) (you )?(some )?more\\b",
            "else", "more", "help", "assist", "assistance", "anything", "something", "need me", "be all", "is that all",
            "further", "anymore", "other", "thing", "how else", "additional");

    /** The agent asks the user to confirm an action before it acts. */
    static final Cue ASKS_CONFIRMATION = cue(
            "\\b(please|kindly|can you|could you|would you) confirm\\b|\\bjust to (make sure|confirm|clarify)\\b"
                    + "|\\b(is|are) (that|this|these|those|everything|all (that|this)) (correct|right)\\b"
                    + "|\\bshall i (go ahead|proceed)\\b|\\bto confirm\\b|\\bconfirm (that|the following|this)\\b",
            "confirm", "make sure", "clarify", "correct", "right", "go ahead", "proceed");

    /** The user says yes. */
    static final Cue AFFIRMATION = cue(
            "^\\s*(yes|yeah|yep|yup|sure|correct|right|ok(ay)?|absolutely|definitely|perfect|exactly|that'?s (right"
                    + "|correct|it|perfect|fine|good)|sounds (good|great|perfect|right)|go ahead|please do|confirm(ed)?)\\b");

    /** The user wraps up. */
    static final Cue USER_CLOSING = cue(
            "\\b(thanks|thank you|thx|ty|cheers)\\b|\\b(that'?s|that is|that will be|that'?ll be) all\\b"
                    + "|\\bnothing (else|more)\\b|\\b(good)?bye\\b|\\bhave a (nice|good|great) (day|one|evening)\\b",
            "thank", "thanks", "thx", "ty", "cheers", "all", "nothing", "bye", "goodbye", "have a");

    /** A closing that declines rather than thanks for a result ("no thanks, that's all"). */
    static final Cue DECLINING_CLOSE = cue("^\\s*(no|nope|nah|not (now|today|at the moment|right now))\\b");
}
