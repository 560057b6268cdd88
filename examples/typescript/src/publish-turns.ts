// Publishes the turns of one example conversation to turnloop's turns topic: Avro TurnEvents in the Confluent wire
// format (magic byte, schema id, Avro binary), keyed by conversation id so that a conversation stays on one
// partition and in order. What an agent runtime written in TypeScript does for every turn it serves.
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { join } from 'path';
import { findRegisteredId, registerSchema } from './registered-schema';
import { loadTurnEventSchema } from './turn-event-schema';

interface Options {
  bootstrapServers: string[];
  registryUrl: string;
  topic: string;
  conversationId: string;
  schemaDir: string;
  register: boolean;
}

const USAGE = `Usage: node dist/publish-turns.js [options]

  --bootstrap-servers HOST:PORT[,...]  Kafka (env TURNLOOP_BOOTSTRAP_SERVERS; default localhost:9092)
  --registry-url URL                   Confluent-compatible registry, e.g. http://localhost:8080/apis/ccompat/v7
                                       (env TURNLOOP_SCHEMA_REGISTRY_URL)
  --topic NAME                         default <TURNLOOP_TOPIC_PREFIX or turnloop>.turns
  --conversation-id ID                 default ts-example-<epoch millis>
  --schema-dir DIR                     the .avsc files (default ../../schemas/src/main/avro)
  --register                           register the schema if the registry does not know it yet (production
                                       registers with \`turnloop schemas register\` and leaves this off)
  -h, --help                           this help`;

function parseArgs(argv: string[]): Options {
  const env = process.env;
  const options: Options = {
    bootstrapServers: (env.TURNLOOP_BOOTSTRAP_SERVERS ?? 'localhost:9092').split(','),
    registryUrl: env.TURNLOOP_SCHEMA_REGISTRY_URL ?? 'http://localhost:8080/apis/ccompat/v7',
    topic: `${env.TURNLOOP_TOPIC_PREFIX ?? 'turnloop'}.turns`,
    conversationId: `ts-example-${Date.now()}`,
    schemaDir: join(__dirname, '..', '..', '..', 'schemas', 'src', 'main', 'avro'),
    register: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const value = (): string => {
      if (i + 1 >= argv.length) throw new UsageError(`${argv[i]} needs a value`);
      return argv[++i];
    };
    switch (argv[i]) {
      case '--bootstrap-servers': options.bootstrapServers = value().split(','); break;
      case '--registry-url': options.registryUrl = value(); break;
      case '--topic': options.topic = value(); break;
      case '--conversation-id': options.conversationId = value(); break;
      case '--schema-dir': options.schemaDir = value(); break;
      case '--register': options.register = true; break;
      case '-h': case '--help': console.log(USAGE); process.exit(0);
      default: throw new UsageError(`unknown option ${argv[i]}`);
    }
  }
  return options;
}

class UsageError extends Error {}

/** A short support conversation: a question, a tool call, an answer, thanks, and the runtime's end marker. */
function exampleConversation(conversationId: string, startMillis: number): object[] {
  const cohort = {
    agent_name: 'example-support-agent', agent_version: '1.4.0', prompt_version: 'p-12',
    harness_version: 'h-3', config_version: 'c-7', user_id: 'u-7f3a',
    user_attributes: { plan: 'trial', user_type: 'new' },
  };
  const turns = [
    { role: 'USER', text: 'How do I invite a teammate to my workspace?' },
    {
      role: 'ASSISTANT', text: 'Go to Settings > Members, click Invite, enter their email and pick a role.',
      tool_calls: [{ name: 'search_docs', status: 'OK', latency_ms: 420, error: null }],
    },
    { role: 'USER', text: 'That worked, thanks!' },
    { role: 'ASSISTANT', text: 'Glad it worked. Anything else?', end: { reason: 'RESOLVED' } },
  ];
  return turns.map((turn, index) => ({
    event_id: `${conversationId}#${index}`,
    tenant: 'default',
    project: 'default',
    conversation_id: conversationId,
    turn_index: index,
    event_time: startMillis + index * 15_000,
    ...cohort,
    tool_calls: [],
    feedback: null,
    end: null,
    operation: 'chat',
    ...turn,
  }));
}

/** The id under which the registry knows our TurnEvent contract, registering it first if allowed. */
async function schemaId(registry: SchemaRegistry, options: Options, subject: string): Promise<number> {
  const schema = loadTurnEventSchema(options.schemaDir);
  const id = await findRegisteredId(registry, options.registryUrl, subject, schema);
  if (id !== undefined) return id;
  if (!options.register) {
    throw new Error(`the registry holds no version of ${subject} equal to ${options.schemaDir}/TurnEvent.avsc; `
      + 'run `turnloop schemas register` first (or pass --register)');
  }
  return registerSchema(registry, subject, schema);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const registry = new SchemaRegistry({ host: options.registryUrl });
  const subject = `${options.topic}-value`; // Confluent's TopicNameStrategy, as turnloop registers it
  const id = await schemaId(registry, options, subject);

  const kafka = new Kafka({ clientId: 'turnloop-example-publisher', brokers: options.bootstrapServers,
    logLevel: logLevel.WARN });
  // idempotent: a retried send never duplicates a turn (turnloop dedupes by event_id anyway). The default partitioner
  // hashes keys like Java's (murmur2), so a conversation lands on the partition a Java producer would choose.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    const turns = exampleConversation(options.conversationId, Date.now() - 60_000);
    const messages = await Promise.all(turns.map(async (turn) => ({
      key: options.conversationId,
      value: await registry.encode(id, turn),
    })));
    await producer.send({ topic: options.topic, acks: -1, messages });
    console.log(JSON.stringify({ published: messages.length, topic: options.topic,
      conversation_id: options.conversationId, schema_id: id }));
  } finally {
    await producer.disconnect();
  }
}

main().catch((error: Error) => {
  console.error(`error: ${error.message}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
