// The records a month's result is computed from (RULES.md §4, §6): the month's active records and the
// quarter's W-INFO-QUOTA (charged in the quarter's last month). The monthly close reads them once and
// hands the same rows to scoring, the detail workbook and the private notices (issue #11: it read
// 100,000 rows three times, through Prisma's findMany: 2.0 s a read of every column at 100,000 records,
// 0.75 s as raw pages of the columns used).
import type { Db, Prisma } from "../db/client.ts";
import { connectionOf, statement } from "../db/hotPath.ts";
import { monthsOfQuarter, quarterOf } from "../domain/dates.ts";

type Tx = Db | Prisma.TransactionClient;

/** A record as scoring, the detail sheet and the notices read it. */
export interface MonthRecord {
  id: number;
  month: string;
  date: string;
  code: string;
  personId: string | null;
  windowId: string | null;
  count: number;
  pointsHundredths: number;
  totalHundredths: number;
  note: string;
  filedBy: string;
  source: string;
  linkedFromId: number | null;
}

/** Rows per page: pages keep each statement (and each pause of the event loop) short. */
const PAGE = 5000;

const ALL =
  "id, month, date, code, personId, windowId, count, pointsHundredths, totalHundredths, note, filedBy, source, linkedFromId";
const SCORING = "id, month, code, personId, windowId, count, pointsHundredths";

/** What scoring reads of a record (monthScores.ts loadMonthInput). */
export type ScoringRecord = Pick<
  MonthRecord,
  "id" | "month" | "code" | "personId" | "windowId" | "count" | "pointsHundredths"
>;

/**
 * The month's records in filing (id) order: the month's own in keyset pages by id along the
 * (month, state) index (one query with the quarter's W-INFO-QUOTA OR-ed in made SQLite sort every
 * matching row again for each page: 2.5 s at 100,000 records), then the quarter's other months'
 * W-INFO-QUOTA (a few rows a window) merged in by id.
 */
export function monthRecords(db: Tx, month: string): Promise<MonthRecord[]> {
  return read<MonthRecord>(db, month, ALL);
}

/** The same records with only what scoring reads (the /score command, a live month's result). */
export function monthScoringRecords(db: Tx, month: string): Promise<ScoringRecord[]> {
  return read<ScoringRecord>(db, month, SCORING);
}

async function read<R extends { id: number }>(db: Tx, month: string, columns: string): Promise<R[]> {
  // On the connection Prisma's adapter uses when there is one (src/db/hotPath.ts): better-sqlite3 makes
  // the row objects itself, without Prisma's per-value mapping (a third of the read at 100,000 rows).
  const raw = connectionOf(db);
  const query = async (sql: string, ...params: (string | number)[]): Promise<R[]> =>
    raw ? (statement(raw, sql).all(...params) as R[]) : db.$queryRawUnsafe<R[]>(sql, ...params);
  const own: R[] = [];
  let after = 0;
  for (;;) {
    const page = await query(
      `SELECT ${columns} FROM "Record" WHERE month = ? AND state = 'active' AND id > ? ORDER BY id LIMIT ${PAGE}`,
      month,
      after,
    );
    for (const r of page) own.push(r);
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
    // Between pages the event loop runs (a bot closing in its own thread keeps acking).
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const others = monthsOfQuarter(quarterOf(month)).filter((m) => m !== month);
  const quota = await query(
    `SELECT ${columns} FROM "Record" WHERE month IN (?, ?) AND state = 'active' AND code = 'W-INFO-QUOTA' ORDER BY id`,
    ...others,
  );
  if (quota.length === 0) return own;
  const out: R[] = [];
  let q = 0;
  for (const r of own) {
    while (q < quota.length && quota[q]!.id < r.id) out.push(quota[q++]!);
    out.push(r);
  }
  while (q < quota.length) out.push(quota[q++]!);
  return out;
}
