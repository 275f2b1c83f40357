// Small reads of the organisation the edges need (src/slack, src/jobs never query Prisma themselves,
// issue #11): the center row, names of people and windows, a person with their window. Each takes a
// `Tx`, so a notify callback reads through the transaction it was handed (one SQLite connection).
// One place for an organisation cache to sit behind later.
import type { Db, Prisma } from "../db/client.ts";
import { centerRaw, connectionOf, personWithWindowRaw } from "../db/hotPath.ts";

type Tx = Db | Prisma.TransactionClient;

/** The center (one row, id 1), or null before the organisation is imported. */
export async function centerRow(db: Tx): Promise<Prisma.CenterModel | null> {
  // A prepared statement: every leave preview reads it (src/db/hotPath.ts, issue #11).
  const raw = connectionOf(db);
  if (raw) return centerRaw(raw) as Prisma.CenterModel | null;
  return db.center.findUnique({ where: { id: 1 } });
}

export type PersonWithWindow = Prisma.PersonModel & { window: Prisma.WindowModel | null };

/** A person row with their window row (null without one), or null: one joined statement (hot path). */
export async function personWithWindow(db: Tx, id: string): Promise<PersonWithWindow | null> {
  const raw = connectionOf(db);
  if (!raw) return db.person.findUnique({ where: { id }, include: { window: true } });
  const found = personWithWindowRaw(raw, id);
  return found ? ({ ...found.person, window: found.window } as unknown as PersonWithWindow) : null;
}

/** Whether the organisation was imported (the center row exists). */
export async function centerExists(db: Tx): Promise<boolean> {
  return (await db.center.findUnique({ where: { id: 1 }, select: { id: true } })) !== null;
}

/** Person id → name: of `ids`, or of everyone when `ids` is not given. */
export async function personNames(db: Tx, ids?: Iterable<string>): Promise<Map<string, string>> {
  const rows = await db.person.findMany({
    ...(ids === undefined ? {} : { where: { id: { in: [...ids] } } }),
    select: { id: true, name: true },
  });
  return new Map(rows.map((p) => [p.id, p.name]));
}

/** Id, name and leader of the windows `ids`, or of every window when `ids` is not given. */
export async function windowRows(
  db: Tx,
  ids?: Iterable<string>,
): Promise<Array<{ id: string; name: string; leaderId: string | null }>> {
  return db.window.findMany({
    ...(ids === undefined ? {} : { where: { id: { in: [...ids] } } }),
    select: { id: true, name: true, leaderId: true },
  });
}

/** Whether `id` is a window (active or not). */
export async function isWindowId(db: Tx, id: string): Promise<boolean> {
  return (await db.window.count({ where: { id } })) > 0;
}

/** Whether `id` is a person (active or not). */
export async function isPerson(db: Tx, id: string): Promise<boolean> {
  return (await db.person.findUnique({ where: { id }, select: { id: true } })) !== null;
}

/** A person's window: its name and its leader (null fields without a window), or null for no such person. */
export async function personWindow(
  db: Tx,
  id: string,
): Promise<{ name: string | null; leaderId: string | null } | null> {
  const p = await db.person.findUnique({
    where: { id },
    select: { window: { select: { name: true, leaderId: true } } },
  });
  return p ? { name: p.window?.name ?? null, leaderId: p.window?.leaderId ?? null } : null;
}

/** A person's name and their window's name (null without a window), or null for no such person. */
export async function personWithWindowName(
  db: Tx,
  id: string,
): Promise<{ name: string; windowName: string | null } | null> {
  const p = await db.person.findUnique({ where: { id }, include: { window: { select: { name: true } } } });
  return p ? { name: p.name, windowName: p.window?.name ?? null } : null;
}
