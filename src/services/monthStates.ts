// The recent months' close state, for the director's App Home (RULES.md §4(4)): which months are closed
// and may be reopened for a correction (their quarter still open, as reopenPeriod requires), and which
// are reopened and wait to be closed again.
import type { Db, Prisma } from "../db/client.ts";
import { isMonth, quarterOf } from "../domain/dates.ts";

export interface MonthState {
  month: string;
  state: "closed" | "reopened";
  closedAt: Date | null;
  reopenedAt: Date | null;
  reopenedBy: string | null;
  reopenReason: string | null;
  /** Closed, and its quarter is not: the director may reopen it. */
  canReopen: boolean;
}

/** The latest `limit` months that were ever closed, newest first. */
export async function recentMonthStates(db: Db, limit = 4): Promise<MonthState[]> {
  // Period ids are 'YYYY-MM', 'YYYY-Qn' and 'YYYY': months are the seven-character ones.
  const rows = (await db.period.findMany({ orderBy: { period: "desc" } }))
    .filter((p) => isMonth(p.period))
    .slice(0, limit);
  const quarters = new Map(
    (
      await db.period.findMany({
        where: { period: { in: [...new Set(rows.map((r) => quarterOf(r.period)))] } },
      })
    ).map((q) => [q.period, q.state]),
  );
  return rows.map((r) => ({
    month: r.period,
    state: r.state === "reopened" ? "reopened" : "closed",
    closedAt: r.closedAt,
    reopenedAt: r.reopenedAt,
    reopenedBy: r.reopenedBy,
    reopenReason: r.reopenReason,
    canReopen: r.state === "closed" && quarters.get(quarterOf(r.period)) !== "closed",
  }));
}

/** The Period row of a month, quarter or year ('YYYY-MM', 'YYYY-Qn', 'YYYY'), or null when never closed. */
export async function periodRow(db: Db | Prisma.TransactionClient, period: string) {
  return db.period.findUnique({ where: { period } });
}
