// The port through which a change tells the people concerned (docs/architecture.md "The notify port").
// A service that changes state calls it inside its own transaction, once the change is written and
// before it commits, with the outcome it will return. The Slack edge implements it by rendering the
// messages (reading through `tx`) and queueing them in the outbox (src/jobs/outbox.ts, enqueue(tx, …)):
// the messages commit with the change or not at all, and nothing after the ack can lose them. Services
// know nothing of Slack; without a notify (the CLI, tests) a change tells nobody.
import type { Db, Prisma } from "../db/client.ts";

export type Notify<Outcome> = (tx: Db | Prisma.TransactionClient, outcome: Outcome) => Promise<void>;

/**
 * Messages queued apart from any change (a stale click's refresh of what a message shows), in a
 * transaction of their own: queued together or not at all.
 */
export function queueApart(
  db: Db,
  queue: (tx: Db | Prisma.TransactionClient) => Promise<void>,
): Promise<void> {
  return db.$transaction((tx) => queue(tx));
}
