package dev.turnloop.ingest.decode;

/**
 * The OpenTelemetry attribute names {@link OtlpSpanDecoder} reads: GenAI semantic conventions, the general
 * {@code user.id}, and turnloop's own {@code turnloop.*} names for what the conventions do not cover (deployed
 * versions, turn index, tenant, user segment). Public so producers' tests and docs can use the same constants.
 */
public final class OtelAttributeNames {

    /** Operation of a GenAI span: chat, text_completion, generate_content, invoke_agent, execute_tool, ... */
    public static final String OPERATION_NAME = "gen_ai.operation.name";
    /** Conversation (session, thread) id: the TurnEvent's conversation_id and Kafka key. */
    public static final String CONVERSATION_ID = "gen_ai.conversation.id";
    public static final String AGENT_NAME = "gen_ai.agent.name";
    public static final String AGENT_VERSION = "gen_ai.agent.version";
    /** Chat history sent to the model, as a JSON string or structured value ([{role, parts:[{type, content}]}]). */
    public static final String INPUT_MESSAGES = "gen_ai.input.messages";
    /** Model output choices, same shape as {@link #INPUT_MESSAGES}; choice 0 becomes the reply turn. */
    public static final String OUTPUT_MESSAGES = "gen_ai.output.messages";
    public static final String TOOL_NAME = "gen_ai.tool.name";
    /** Marks pre-{@code gen_ai.operation.name} inference spans (semantic conventions before 1.27). */
    public static final String LEGACY_SYSTEM = "gen_ai.system";
    public static final String PROVIDER_NAME = "gen_ai.provider.name";
    /** Low-cardinality error class of a failed operation; "timeout" marks a timed-out tool call. */
    public static final String ERROR_TYPE = "error.type";
    /** Pseudonymous user id (OpenTelemetry general attribute); user.name and user.email are deliberately not read. */
    public static final String USER_ID = "user.id";

    /** Index of the user turn that opened the exchange a span belongs to; the reply is this index + 1. */
    public static final String TURN_INDEX = "turnloop.turn.index";
    public static final String PROMPT_VERSION = "turnloop.prompt.version";
    public static final String HARNESS_VERSION = "turnloop.harness.version";
    public static final String CONFIG_VERSION = "turnloop.config.version";
    public static final String TENANT = "turnloop.tenant";
    public static final String PROJECT = "turnloop.project";
    /** EndReason symbol (RESOLVED, USER_LEFT, HANDED_OFF, TIMEOUT, ERROR, UNKNOWN) set on a conversation's last span. */
    public static final String END_REASON = "turnloop.end.reason";
    /** Prefix of user attributes: {@code turnloop.user.plan=trial} becomes user_attributes {@code plan=trial}. */
    public static final String USER_ATTRIBUTE_PREFIX = "turnloop.user.";

    private OtelAttributeNames() {
    }
}
