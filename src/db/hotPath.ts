// The approval hot path's statements on better-sqlite3 directly (issue #11), behind the repository
// functions that use them (src/services/approvals.ts, requestFacts.ts, src/jobs/outbox.ts).
// Why not Prisma here, measured (bench/service.ts with `node --cpu-prof`, 2026-12-02): per decision,
// Prisma's query compiler (WASM) took 35% of the CPU, its interpreter and adapter another 25%, and
// better-sqlite3's `prepare` 8% (the adapter prepares every query again). A statement prepared once and
// kept per connection costs none of that. Everything else keeps Prisma; the schema and migrations are
// Prisma's, and these statements name their columns as the schema does.
// The connection is the one Prisma's adapter opened (src/db/client.ts): inside `db.$transaction` a
// statement run here is part of that transaction (one connection), and a SQLITE_BUSY it throws makes
// withBusyRetry run the transaction again as a whole (src/db/busyRetry.ts), as a Prisma query's would.
import type Database from "better-sqlite3";
import type { Db, Prisma } from "./client.ts";

type Tx = Db | Prisma.TransactionClient;

const connections = new WeakMap<object, () => Database.Database | null>();

/** Binds a client (the application's, or a transaction's) to the connection its queries run on. */
export function registerConnection(client: object, raw: () => Database.Database | null): void {
  connections.set(client, raw);
}

/** The open better-sqlite3 connection under `db` (or its transaction); null: query through Prisma. */
export function connectionOf(db: Tx): Database.Database | null {
  const raw = connections.get(db)?.();
  return raw?.open ? raw : null;
}

const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** `sql` prepared once per connection. */
export function statement(raw: Database.Database, sql: string): Database.Statement {
  let byText = prepared.get(raw);
  if (!byText) {
    byText = new Map();
    prepared.set(raw, byText);
  }
  let s = byText.get(sql);
  if (!s) {
    // Prisma's adapter makes the connection return BigInts by default; the schema's Int columns are
    // 32-bit, as Prisma types them: numbers.
    s = raw.prepare(sql).safeIntegers(false);
    byText.set(sql, s);
  }
  return s;
}

/** A DateTime as Prisma's SQLite adapter stores it ("2026-12-01T02:00:00.000+00:00"). */
export const sqlTime = (d: Date): string => d.toISOString().replace("Z", "+00:00");

/** A row's value as Prisma types it, by the column's declared type (DATETIME → Date, BOOLEAN → boolean). */
function typed(declared: string | null, v: unknown): unknown {
  if (v === null) return null;
  if (declared === "DATETIME") return new Date(v as string);
  if (declared === "BOOLEAN") return v === 1 || v === true;
  return v;
}

/**
 * Runs `sql` in raw mode and splits each row by the table its columns come from (`SELECT r.*, s.*`):
 * one object per table, typed as Prisma types them. Whatever columns the schema adds come along.
 */
const columnsOf = new WeakMap<Database.Statement, Database.ColumnDefinition[]>();

function rowsByTable(s: Database.Statement, params: unknown[]): Record<string, unknown>[][] {
  let columns = columnsOf.get(s);
  if (!columns) {
    columns = s.columns();
    columnsOf.set(s, columns);
  }
  const rows = s.raw(true).all(...params) as unknown[][];
  return rows.map((values) => {
    const out: Record<string, unknown>[] = [];
    let table: string | null = null;
    let current: Record<string, unknown> = {};
    columns.forEach((c, i) => {
      if (c.table !== table) {
        if (table !== null) out.push(current);
        current = {};
        table = c.table;
      }
      current[c.name] = typed(c.type, values[i]);
    });
    out.push(current);
    return out;
  });
}

const CHAIN_OF_STEP = `SELECT r.*, s.* FROM "ApprovalStep" AS t
  JOIN "Request" AS r ON r."id" = t."requestId"
  JOIN "ApprovalStep" AS s ON s."requestId" = r."id"
  WHERE t."id" = ? ORDER BY s."seq"`;

/**
 * A step's request and all its steps (by seq), in one statement; null when there is no such step.
 * Typed by the caller (src/services/approvals.ts), whose Prisma models these rows are.
 */
export function chainOfStepRaw(
  raw: Database.Database,
  stepId: number,
): { request: Record<string, unknown>; steps: Record<string, unknown>[] } | null {
  const rows = rowsByTable(statement(raw, CHAIN_OF_STEP), [stepId]);
  if (rows.length === 0) return null;
  return { request: rows[0]![0]!, steps: rows.map((r) => r[1]!) };
}

/** A pending step decided, unless someone decided it first: the rows changed (1, or 0 for the loser). */
export function claimStepRaw(
  raw: Database.Database,
  c: { id: number; state: string; at: Date; by: string; note: string | null },
): number {
  return statement(
    raw,
    `UPDATE "ApprovalStep" SET "state" = ?, "decidedAt" = ?, "decidedBy" = ?, "note" = ?
     WHERE "id" = ? AND "state" = 'pending'`,
  ).run(c.state, sqlTime(c.at), c.by, c.note, c.id).changes;
}

/** A waiting step made pending: the rows changed (0 when it was no longer waiting). */
export function activateStepRaw(raw: Database.Database, id: number, at: Date): number {
  return statement(
    raw,
    `UPDATE "ApprovalStep" SET "state" = 'pending', "activatedAt" = ? WHERE "id" = ? AND "state" = 'waiting'`,
  ).run(sqlTime(at), id).changes;
}

export interface AuditInsert {
  at: Date;
  actorId: string;
  action: string;
  entity: string;
  entityId: string;
  before: string | null;
  after: string | null;
  note: string | null;
}

/** Audit rows in one INSERT, in the given order (their ids follow it). */
export function insertAuditsRaw(raw: Database.Database, rows: readonly AuditInsert[]): void {
  if (rows.length === 0) return;
  const values = rows.map(() => "(?, ?, ?, ?, ?, ?, ?, ?)").join(", ");
  statement(
    raw,
    `INSERT INTO "AuditLog" ("at", "actorId", "action", "entity", "entityId", "before", "after", "note") VALUES ${values}`,
  ).run(
    ...rows.flatMap((r) => [
      sqlTime(r.at),
      r.actorId,
      r.action,
      r.entity,
      r.entityId,
      r.before,
      r.after,
      r.note,
    ]),
  );
}

export interface OutboxInsert {
  key: string;
  channel: string;
  op: "post" | "update";
  ref: string | null;
  ts: string | null;
  text: string;
  blocks: string | null;
  filePath: string | null;
  fileName: string | null;
}

/**
 * Outbox rows in one INSERT, in the given order (their ids follow it); a key already stored, or met
 * earlier in `rows`, inserts nothing (the first wins, as one insert after another would). Returns the
 * id of each row inserted, by key.
 */
export function insertOutboxRaw(
  raw: Database.Database,
  rows: readonly OutboxInsert[],
  at: Date,
): Map<string, number> {
  const created = new Map<string, number>();
  if (rows.length === 0) return created;
  const values = rows.map(() => "(?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?, ?)").join(", ");
  const s = statement(
    raw,
    `INSERT INTO "OutboundMessage" ("key", "channel", "text", "blocks", "fileName", "filePath", "state", "attempts", "createdAt", "op", "ref", "ts")
     VALUES ${values} ON CONFLICT ("key") DO NOTHING RETURNING "id", "key"`,
  );
  const time = sqlTime(at);
  const inserted = s.all(
    ...rows.flatMap((r) => [
      r.key,
      r.channel,
      r.text,
      r.blocks,
      r.fileName,
      r.filePath,
      time,
      r.op,
      r.ref,
      r.ts,
    ]),
  ) as { id: number; key: string }[];
  for (const r of inserted) created.set(r.key, r.id);
  return created;
}

/**
 * Queued updates of the same messages as newer ones, superseded, in one UPDATE (found by ref, or by
 * channel, through their indexes: the unary `+` keeps SQLite off the (state, id) index, every queued row): for each update row
 * inserted (`id`), the queued updates of its message (its ref, or its channel and ts) with a smaller id.
 */
export function supersedeOlderUpdatesRaw(
  raw: Database.Database,
  newer: readonly { id: number; ref: string | null; channel: string; ts: string | null }[],
): void {
  if (newer.length === 0) return;
  const terms = newer.map((n) =>
    n.ref !== null
      ? `("ref" = ? AND "id" < ?)`
      : `("ref" IS NULL AND "channel" = ? AND "ts" = ? AND "id" < ?)`,
  );
  statement(
    raw,
    `UPDATE "OutboundMessage" SET "state" = 'superseded'
     WHERE +"op" = 'update' AND +"state" = 'queued' AND (${terms.join(" OR ")})`,
  ).run(...newer.flatMap((n) => (n.ref !== null ? [n.ref, n.id] : [n.channel, n.ts ?? "", n.id])));
}

/** knownRefs (src/jobs/outbox.ts) in one statement: refs sent (MessageRef) or on their way (queued, sending). */
export function knownRefsRaw(raw: Database.Database, prefix: string): string[] {
  // The refs in [prefix, prefix with its last character raised): both tables' ref indexes answer it,
  // where a LIKE (what Prisma's startsWith runs) scans every outbound message ever queued. The unary
  // `+` keeps SQLite (no ANALYZE statistics) from choosing the (state, id) index: every queued row.
  const upper = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  const rows = statement(
    raw,
    `SELECT "ref" FROM "MessageRef" WHERE "ref" >= ? AND "ref" < ?
     UNION
     SELECT "ref" FROM "OutboundMessage" WHERE "ref" >= ? AND "ref" < ? AND +"op" = 'post' AND +"state" IN ('queued', 'sending')`,
  ).all(prefix, upper, prefix, upper) as { ref: string }[];
  return rows.map((r) => r.ref).sort();
}

/**
 * A person's requests booked (pending or approved) that overlap [from, to], besides `exceptId`: what
 * the facts an approver sees are counted from (src/services/requestFacts.ts).
 */
export function bookedRaw(
  raw: Database.Database,
  requesterId: string,
  from: string,
  to: string,
  exceptId: number | undefined,
): {
  kind: string;
  startDate: string;
  startHalf: string;
  endDate: string;
  endHalf: string;
  halfDays: number;
  annualOffsetHalfDays: number;
}[] {
  return statement(
    raw,
    `SELECT "kind", "startDate", "startHalf", "endDate", "endHalf", "halfDays", "annualOffsetHalfDays"
     FROM "Request" WHERE "requesterId" = ? AND "state" IN ('pending', 'approved')
     AND "startDate" <= ? AND "endDate" >= ? AND (? IS NULL OR "id" <> ?)`,
  ).all(requesterId, to, from, exceptId ?? null, exceptId ?? null) as ReturnType<typeof bookedRaw>;
}

const PERSON_WITH_WINDOW = `SELECT p.*, w.* FROM "Person" AS p LEFT JOIN "Window" AS w ON w."id" = p."windowId" WHERE p."id" = ?`;

/** A person and their window (null without one) in one statement; null when there is no such person. */
export function personWithWindowRaw(
  raw: Database.Database,
  id: string,
): { person: Record<string, unknown>; window: Record<string, unknown> | null } | null {
  const row = rowsByTable(statement(raw, PERSON_WITH_WINDOW), [id])[0];
  if (!row) return null;
  const [person, window] = row as [Record<string, unknown>, Record<string, unknown>];
  return { person, window: window.id === null ? null : window };
}

/** The center row (id 1), typed as Prisma types it; null before the organisation is imported. */
export function centerRaw(raw: Database.Database): Record<string, unknown> | null {
  return rowsByTable(statement(raw, `SELECT * FROM "Center" WHERE "id" = 1`), [])[0]?.[0] ?? null;
}

/** The replay guard's claim (src/db/inboundDeliveries.ts): true when this insert made it, false if taken. */
export function claimDeliveryRaw(raw: Database.Database, key: string, receivedAt: Date): boolean {
  return (
    statement(
      raw,
      `INSERT INTO "InboundDelivery" ("key", "receivedAt") VALUES (?, ?) ON CONFLICT ("key") DO NOTHING`,
    ).run(key, sqlTime(receivedAt)).changes === 1
  );
}

/**
 * A person's requests pending or approved that overlap the dates [from, to] (by start date, then id),
 * whole rows typed as Prisma types them: the preview's overlap check and year-to-date figures.
 */
export function liveRequestsRaw(
  raw: Database.Database,
  requesterId: string,
  from: string,
  to: string,
): Record<string, unknown>[] {
  return rowsByTable(
    statement(
      raw,
      `SELECT * FROM "Request" WHERE "requesterId" = ? AND "state" IN ('pending', 'approved')
       AND "startDate" <= ? AND "endDate" >= ? ORDER BY "startDate", "id"`,
    ),
    [requesterId, to, from],
  ).map((r) => r[0]!);
}

// A deduction's preview (src/services/records.ts planRecord): the month's state, the month's sums of the
// same item for the same target, and the same act already on record.

/** The month's period state ("open", "closed" …), or null when no row. */
export function periodStateRaw(raw: Database.Database, month: string): string | null {
  const row = statement(raw, `SELECT "state" FROM "Period" WHERE "period" = ?`).get(month) as
    | { state: string }
    | undefined;
  return row?.state ?? null;
}

/** Sums of count and points of the active records of `code` in `month` for a person or a window. */
export function recordSumsRaw(
  raw: Database.Database,
  target: { personId: string } | { windowId: string },
  month: string,
  code: string,
): { count: number; totalHundredths: number } {
  const [column, id] = "personId" in target ? ["personId", target.personId] : ["windowId", target.windowId];
  const row = statement(
    raw,
    `SELECT COALESCE(SUM("count"), 0) AS "count", COALESCE(SUM("totalHundredths"), 0) AS "totalHundredths"
     FROM "Record" WHERE "${column}" = ? AND "month" = ? AND "code" = ? AND "state" = 'active'`,
  ).get(id, month, code) as { count: number; totalHundredths: number };
  return row;
}

/** The first `limit` active records (id, filer) of `code` on `date` for a person or a window, by id. */
export function sameRecordsRaw(
  raw: Database.Database,
  target: { personId: string } | { windowId: string },
  code: string,
  date: string,
  limit: number,
): { id: number; filedBy: string }[] {
  const [column, id] = "personId" in target ? ["personId", target.personId] : ["windowId", target.windowId];
  return statement(
    raw,
    `SELECT "id", "filedBy" FROM "Record" WHERE "code" = ? AND "date" = ? AND "state" = 'active'
     AND "${column}" = ? ORDER BY "id" LIMIT ?`,
  ).all(code, date, id, limit) as { id: number; filedBy: string }[];
}
