// Finds the registry's id for our copy of the contract. Registries store schemas as registered text (the Java
// producer's carries extra properties such as avro.java.string), so a textual lookup misses; two Avro schemas are the
// same contract when their Parsing Canonical Forms match, which is what avsc's Type#equals compares.
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import * as avro from 'avsc';

/**
 * The id of the newest version of `subject` whose canonical form equals `schema`, or undefined when none does
 * (or the subject does not exist).
 */
export async function findRegisteredId(registry: SchemaRegistry, registryUrl: string, subject: string,
  schema: avro.Schema): Promise<number | undefined> {
  const response = await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}/versions`);
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`listing ${subject} answered ${response.status}: ${await response.text()}`);
  const versions = (await response.json()) as number[];
  const local = avro.Type.forSchema(schema);
  for (const version of [...versions].sort((a, b) => b - a)) {
    const id = await registry.getRegistryId(subject, version);
    const registered = await registry.getSchema(id);
    if (local.equals(registered as unknown as avro.Type)) return id;
  }
  return undefined;
}

/** Registers `schema` under `subject` (a new version if the registry's compatibility rule allows it). */
export async function registerSchema(registry: SchemaRegistry, subject: string, schema: avro.Schema): Promise<number> {
  // the subject's compatibility is the registry's business (BACKWARD in turnloop's setup), not the publisher's
  const registered = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(schema) },
    { subject, compatibility: undefined, updateConfig: false });
  return registered.id;
}
