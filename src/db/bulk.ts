// Many rows in, few statements (issue #11): the monthly close writes 5,000 frozen results inside its
// transaction. Prisma's createMany hands every row to its query compiler first — measured at 5,000
// rows of 3 KB: 2.4 s; at 5,000 outbox rows (9.6 MB of blocks) 4.0 s with createMany, 0.77 s with
// $executeRawUnsafe multi-row inserts, 0.11 s with a better-sqlite3 prepared multi-row insert on the
// connection Prisma's adapter uses (src/db/hotPath.ts: inside a transaction, part of it). The rows go in
// as Prisma's adapter would write them (booleans as 0/1, dates as ISO-8601 text), so Prisma reads them
// back unchanged.
import type { Db, Prisma } from "./client.ts";
import { connectionOf, sqlTime, statement } from "./hotPath.ts";

type Tx = Db | Prisma.TransactionClient;
type Value = string | number | boolean | Date | null;

/** Rows per statement: well under SQLite's parameter limit (32,766) for any of our tables. */
const ROWS_PER_STATEMENT = 200;

/** What Prisma's better-sqlite3 adapter stores for a value (its mapArg). */
function stored(v: Value): string | number | null {
  if (v === null) return null;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof Date) return sqlTime(v);
  return v;
}

/**
 * Inserts `rows` (values in `columns` order) into `table` with multi-row INSERTs, in order (ids ascend
 * as in one insert after another): prepared statements on the connection under `db`, else (a client
 * createDb did not build) Prisma's raw query.
 */
export async function insertRows(
  db: Tx,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly Value[])[],
): Promise<void> {
  const one = `(${columns.map(() => "?").join(", ")})`;
  const sql = (n: number) =>
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${Array(n).fill(one).join(", ")}`;
  const raw = connectionOf(db);
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    const params = chunk.flatMap((r) => r.map(stored));
    if (raw) statement(raw, sql(chunk.length)).run(...params);
    else await db.$executeRawUnsafe(sql(chunk.length), ...params);
  }
}
