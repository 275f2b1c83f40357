// The replay guard's claims (src/slack/replayGuard.ts): one InboundDelivery row per delivery key. The
// insert is the claim — the key's primary key lets exactly one delivery of a retried event or re-posted
// interaction through (Slack's retries: https://api.slack.com/apis/events-api#retries).
import { retryOnBusy } from "./busyRetry.ts";
import type { Db } from "./client.ts";
import { isUniqueViolation } from "./errors.ts";
import { claimDeliveryRaw, connectionOf } from "./hotPath.ts";

/** Claims `key`: true for its first delivery, false when it was already claimed (a replay). */
export async function recordReplayDelivery(db: Db, key: string, receivedAt: Date): Promise<boolean> {
  // Every delivery claims before its ack: a prepared statement (src/db/hotPath.ts), retried on
  // SQLITE_BUSY like any of the client's queries (src/db/busyRetry.ts).
  const raw = connectionOf(db);
  if (raw) return retryOnBusy(async () => claimDeliveryRaw(raw, key, receivedAt));
  try {
    await db.inboundDelivery.create({ data: { key, receivedAt } });
    return true;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    return false;
  }
}

/** Drops the claims received before `before` (far past Slack's retry schedule). */
export async function pruneReplayDeliveries(db: Db, before: Date): Promise<void> {
  await db.inboundDelivery.deleteMany({ where: { receivedAt: { lt: before } } });
}

/** Releases the claim on `key` (its listeners threw: a genuine retry is processed again); never throws. */
export async function releaseReplayDelivery(db: Db, key: string): Promise<void> {
  await db.inboundDelivery.delete({ where: { key } }).catch(() => undefined);
}
