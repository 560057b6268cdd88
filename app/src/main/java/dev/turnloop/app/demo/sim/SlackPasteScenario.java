package dev.turnloop.app.demo.sim;

import static dev.turnloop.app.demo.sim.Scenario.pick;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Users paste a Slack message (mentions like {@code <@U04QX7K2L>}, code fences, {@code *bold*}) and ask how to
 * connect Slack. An agent whose prompt does not say how to read pasted markup answers the markup instead of the
 * request, the user repeats themselves and leaves; with such an instruction it answers and the connection is made.
 */
final class SlackPasteScenario implements Scenario {

    /** Without the instruction the model still reads through the markup now and then. */
    static final double SUCCESS_WITHOUT_INSTRUCTION = 0.12;
    /** With it, most go through; a few users leave anyway. */
    static final double SUCCESS_WITH_INSTRUCTION = 0.92;
    /** Share of failing users who say something before leaving. */
    static final double PARTING_WORDS = 0.6;

    private static final List<String> OPENERS = List.of(
            "How do I connect Slack? My teammate sent me this:",
            "Can you help me connect our Slack workspace? Pasting what my admin wrote:",
            "Trying to connect Slack to Relay, this is from our IT channel:",
            "Need help connecting Slack, copying the thread here:");
    private static final List<String> PASTED = List.of(
            "<@%1$s> can you connect the *Relay* app to Slack? it needs `chat:write`",
            "```\n<@%1$s> connect Slack -> approve *chat:write* + *channels:read*\n```",
            "<!here> *reminder*: connect Slack to Relay before Friday, ping <@%1$s> for admin rights",
            "~old workspace~ *new workspace*: <#%2$s|support> should get the Relay Slack connection, cc <@%1$s>");
    private static final List<String> MISREAD = List.of(
            "It looks like your message contains Slack formatting I can't read. Please remove the mentions and"
                    + " formatting and send your question again as plain text.",
            "I see a code snippet and a user ID. Which programming language is this, and what error do you get"
                    + " when you run it?",
            "Who is %1$s? I can only look at your own Relay account, so please tell me what you'd like to do.");
    private static final List<String> REPEATS = List.of(
            "That's not what I asked. I just want to connect Slack to our workspace.",
            "No, I meant how do I connect Slack? The message is from my teammate.",
            "I already said it: I need to connect our Slack workspace to Relay.",
            "You didn't read my message. How do I connect Slack?");
    private static final List<String> MISREAD_AGAIN = List.of(
            "Sorry for the trouble. Could you send your question again without the formatting?",
            "I still can't make sense of the mentions and asterisks in your message. Please send it as plain text.");
    private static final List<String> PARTING = List.of(
            "Forget it, this is useless.",
            "You're not listening. I'll figure it out myself.",
            "Never mind.");
    private static final List<String> APPROVED = List.of(
            "Ok, approved it in Slack.",
            "Done, I clicked approve.",
            "Just approved the app.");
    private static final List<String> CLOSINGS = List.of(
            "No, that's all, thanks!",
            "Nope, thank you!",
            "That's it, thanks.");

    @Override
    public Script write(AgentProfile agent, RandomGenerator random) {
        String user = slackId('U', random);
        String channel = slackId('C', random);
        Script.Builder script = new Script.Builder("I need to connect Slack.")
                .user(pick(random, OPENERS) + "\n" + String.format(pick(random, PASTED), user, channel));
        double success = agent.readsPastedFormatting() ? SUCCESS_WITH_INSTRUCTION : SUCCESS_WITHOUT_INSTRUCTION;
        if (random.nextDouble() < success) {
            return script
                    .agent("Sure! To connect Slack: 1. open Settings → Integrations → Slack, 2. click **Connect**,"
                            + " 3. approve the Relay app in Slack with the `chat:write` scope your teammate mentioned."
                            + " Let me know when you have approved it.")
                    .user(pick(random, APPROVED))
                    .agent("Great, the Relay app has been added to your Slack workspace and can now post in your"
                            + " channels. Anything else I can help with?")
                    .user(pick(random, CLOSINGS))
                    .end(Script.Ending.RESOLVED);
        }
        script.agent(String.format(pick(random, MISREAD), user))
                .user(pick(random, REPEATS))
                .agent(pick(random, MISREAD_AGAIN));
        if (random.nextDouble() < PARTING_WORDS) {
            script.user(pick(random, PARTING));
        }
        return script.end(Script.Ending.ABANDONED);
    }

    /** A Slack member or channel id: a letter, a zero and eight upper-case letters or digits. */
    private static String slackId(char kind, RandomGenerator random) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
        StringBuilder id = new StringBuilder().append(kind).append('0');
        for (int i = 0; i < 8; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }
}
