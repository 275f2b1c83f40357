// What the outbox did with a set of queued messages, by key prefix: the filer of a record waits, bounded,
// for the notices' first delivery to name one Slack refused (src/slack/listeners/records.ts). Read-only;
// the outbox's queue and sender are src/jobs/outbox.ts.
import type { Db } from "./client.ts";

export interface QueuedMessageState {
  channel: string;
  state: string;
  attempts: number;
  error: string | null;
}

/** The state of every outbound message whose key starts with `prefix`. */
export async function queuedMessageStates(db: Db, prefix: string): Promise<QueuedMessageState[]> {
  return db.outboundMessage.findMany({
    where: { key: { startsWith: prefix } },
    select: { channel: true, state: true, attempts: true, error: true },
  });
}
