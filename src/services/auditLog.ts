// Reads of the audit trail the edges use to key their messages: the n-th time something happened to an
// entity names the n-th set of messages (the audit row is written before the notify runs), so a retry
// of the same change queues nothing twice and a later change queues anew.
import type { Db, Prisma } from "../db/client.ts";

type Tx = Db | Prisma.TransactionClient;

/** How many `action` rows the audit log holds for `entityId` (and `entity`, when given). */
export async function auditCount(
  db: Tx,
  where: { action: string; entityId: string; entity?: string },
): Promise<number> {
  return db.auditLog.count({
    where: {
      action: where.action,
      ...(where.entity !== undefined ? { entity: where.entity } : {}),
      entityId: where.entityId,
    },
  });
}

/** The id of the latest `action` audit row, or null when there is none. */
export async function latestAuditId(db: Tx, action: string): Promise<number | null> {
  const row = await db.auditLog.findFirst({
    where: { action },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  return row?.id ?? null;
}
