package dev.turnloop.pr.mechanism;

import dev.turnloop.pr.proposal.RuleTemplate;

/**
 * The instruction texts the prompt rules write, as constants. A prompt pull request only ever adds one of these
 * (with a tool name from the settings in a slot), followed by quoted evidence; user text never becomes an
 * instruction. Bump the id's version when a text changes, so a reviewer can tell the texts apart.
 */
public final class RuleTemplates {
    public static final RuleTemplate PASTED_FORMATTING = RuleTemplate.of("pasted-formatting-v1",
            "Users often paste text copied from Slack or other chat tools, with markup such as user mentions, *bold*,"
                    + " _italics_, ~strikethrough~ or code fences. Read through that markup: treat it as formatting rather"
                    + " than as part of the request, answer the request it contains, and never ask the user to remove the"
                    + " formatting first.");
    public static final RuleTemplate API_KEY_SETUP = RuleTemplate.of("api-key-setup-v1",
            "When a user is stuck setting up an API key or token (for example a 401 or \"unauthorized\" error after"
                    + " adding a key), do not repeat the same advice. Walk through the setup once, step by step: where to"
                    + " create the key, which permission it needs, where to put it, and how to check that it works. If the"
                    + " key is still rejected, explain that it may be expired or revoked and how to create a new one. Never"
                    + " ask the user to paste the full key into the chat.");
    public static final RuleTemplate ROUTE_BILLING = RuleTemplate.of("route-billing-v1",
            "When the user asks about billing, invoices, refunds, charges or payments, do not say that you cannot help:"
                    + " call the {tool} tool to look up the account, and offer a handoff to the billing team if the tool"
                    + " cannot resolve the request.");
    public static final RuleTemplate HUMAN_AFTER_REPAIR = RuleTemplate.of("human-after-repair-v1",
            "When a user has had to correct or repeat themselves and then asks for a person, do not repeat your previous"
                    + " answer. Briefly restate what you understood, ask one clarifying question if something is still"
                    + " unclear, and offer the handoff to a human right away if the user still wants one.");
    public static final RuleTemplate DEAD_END = RuleTemplate.of("dead-end-v1",
            "For requests like the examples below, do not end your reply with a refusal or a bare \"I can't help with"
                    + " that\". Say what you can do instead, point to the closest help-center article or next step, and offer"
                    + " a handoff to a human when nothing else fits.");

    private RuleTemplates() {
    }
}
