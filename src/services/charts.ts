// What the charts are drawn from (issue #13 part 3): the frozen monthly results (RULES.md §8), read when
// a chart is rendered — in the outbox sender, just before the upload (src/jobs/charts.ts), not in the
// close's transaction.
import type { Db, Prisma } from "../db/client.ts";

type Tx = Db | Prisma.TransactionClient;

/** The windows' frozen scores of `months` (those closed at least once), by month then window. */
export async function windowScoresOf(
  db: Tx,
  months: readonly string[],
): Promise<Map<string, { windowId: string; scoreHundredths: number; rank: number }[]>> {
  const rows = await db.windowMonthResult.findMany({
    where: { month: { in: [...months] } },
    select: { month: true, windowId: true, scoreHundredths: true, rank: true },
    orderBy: [{ month: "asc" }, { rank: "asc" }, { windowId: "asc" }],
  });
  const by = new Map<string, { windowId: string; scoreHundredths: number; rank: number }[]>();
  for (const r of rows) by.set(r.month, [...(by.get(r.month) ?? []), r]);
  return by;
}

/** One person's frozen score per month in `fromMonth`..`toMonth` (months never closed are absent). */
export async function personScoresOf(
  db: Tx,
  personId: string,
  fromMonth: string,
  toMonth: string,
): Promise<Map<string, number>> {
  const rows = await db.personMonthResult.findMany({
    where: { personId, month: { gte: fromMonth, lte: toMonth } },
    select: { month: true, scoreHundredths: true },
  });
  return new Map(rows.map((r) => [r.month, r.scoreHundredths]));
}
