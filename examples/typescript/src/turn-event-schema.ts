// The TurnEvent contract as the registry knows it: TurnEvent.avsc with the named types it uses (Role, ToolCall,
// Feedback, EndMarker, from common/) defined inline, so the schema stands alone like the one `turnloop schemas
// register` publishes.
import * as avro from 'avsc';
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';

/** Reads schemaDir/TurnEvent.avsc and schemaDir/common/*.avsc and returns the self-contained TurnEvent schema. */
export function loadTurnEventSchema(schemaDir: string): avro.Schema {
  const registry: { [name: string]: avro.Type } = {};
  const commonDir = join(schemaDir, 'common');
  // common types do not reference each other, so any order parses
  for (const file of readdirSync(commonDir).filter((f) => f.endsWith('.avsc')).sort()) {
    avro.Type.forSchema(JSON.parse(readFileSync(join(commonDir, file), 'utf8')), { registry });
  }
  const turnEvent = avro.Type.forSchema(JSON.parse(readFileSync(join(schemaDir, 'TurnEvent.avsc'), 'utf8')),
    { registry });
  return turnEvent.schema({ exportAttrs: true }) as avro.Schema;
}
