package dev.turnloop.app.demo.sim;

/** The kinds of request the simulated users bring, each with its own failure mode (see the scenario classes). */
public enum SimScenario {
    /** Pasted Slack markup; fixed by a prompt instruction on pasted formatting. */
    SLACK_PASTE("slack-paste", new SlackPasteScenario()),
    /** A 401 setup loop; fixed by a step-by-step API key walkthrough in the prompt. */
    API_KEY_SETUP("api-key-setup", new ApiKeyScenario()),
    /** Billing questions the agent cannot handle: a capability gap (a prompt can at best hand them off). */
    BILLING_QUESTION("billing-question", new BillingScenario()),
    /** Docs questions whose search tool times out; fixed by a larger timeout in the harness. */
    DOCS_SEARCH("docs-search", new DocsSearchScenario()),
    /** A healthy intent, to show what a change does where nothing was wrong. */
    TEAM_INVITE("team-invite", new TeamInviteScenario());

    private final String id;
    private final Scenario scenario;

    SimScenario(String id, Scenario scenario) {
        this.id = id;
        this.scenario = scenario;
    }

    public String id() {
        return id;
    }

    Scenario scenario() {
        return scenario;
    }
}
