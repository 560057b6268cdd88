package dev.turnloop.pr.mechanism;

import java.util.regex.Pattern;

/**
 * Dead ends on billing questions. With a billing tool configured the prompt should route to it (a prompt fix);
 * without one the agent lacks the capability, which is a bigger change than a pull request should guess at.
 */
final class BillingDeadEndRule extends PatternRule {
    private static final Pattern BILLING_WORDS = Pattern.compile(
            "(?i)\\b(billing|billed|invoices?|refunds?|refunded|charged|charges?|overcharged|payments?|subscriptions?"
                    + "|receipts?|credit card)\\b");

    BillingDeadEndRule(MechanismSettings settings) {
        super(settings);
    }

    @Override
    boolean matches(ConversationEvidence conversation) {
        return conversation.deadEnd() && BILLING_WORDS.matcher(conversation.excerpt()).find();
    }

    @Override
    Mechanism mechanism() {
        return settings.billingTool() == null ? Mechanism.BILLING_CAPABILITY : Mechanism.ROUTE_BILLING;
    }

    @Override
    public boolean shows(Mechanism.Parsed parsed, ConversationEvidence conversation) {
        return (parsed.mechanism() == Mechanism.ROUTE_BILLING || parsed.mechanism() == Mechanism.BILLING_CAPABILITY)
                && matches(conversation);
    }

    @Override
    String describe(int support, int total) {
        return settings.billingTool() == null
                ? "The agent dead-ends on billing questions in " + share(support, total) + " and has no billing tool;"
                        + " it lacks the capability (a billing tool or a route to the billing team), which needs building, not"
                        + " a prompt edit."
                : "The agent dead-ends on billing questions in " + share(support, total) + " although the billing tool '"
                        + settings.billingTool() + "' exists; the system prompt does not route billing requests to it.";
    }
}
