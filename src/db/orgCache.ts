// The organisation in memory (issue #11): who is in which window, who leads it, who holds a center role,
// and everyone's stored language — read by every decision's messages, changed a few times a month.
// Without it an approval read the requester's person and window, the inspection members and two locale
// rows per recipient again for every message (about a dozen statements per decision).
//
// A snapshot is valid while nothing that it holds has changed, which we know without a timer:
//   - in this process: every Prisma write to Person, Window, CenterRole or UserLocale (whichever code
//     runs it, inside a transaction or not) bumps a generation (trackOrgWrites, installed by createDb),
//     and importOrg invalidates once its transaction has ended, committed or rolled back;
//   - in another process (the CLI's org import, a second bot): SQLite's `PRAGMA data_version` changes
//     whenever another connection commits (sqlite.org/pragma.html#pragma_data_version) — checked once
//     per snapshot taken, on the same connection Prisma uses (microseconds, one statement).
// A client not built by createDb (none today) has no snapshot: readers fall back to querying.
import type Database from "better-sqlite3";
import type { Db, Prisma } from "./client.ts";
import type { PrismaClient } from "./generated/client.ts";

type Tx = Db | Prisma.TransactionClient;

export interface OrgPerson {
  windowName: string | null;
  windowLeaderId: string | null;
  locale: string | null;
}

export interface OrgSnapshot {
  people: ReadonlyMap<string, OrgPerson>;
  /** Locales of org users who are not people (UserLocale). */
  otherLocales: ReadonlyMap<string, string>;
  /** Center role → holders, by Slack id ascending. */
  roles: ReadonlyMap<string, readonly string[]>;
}

interface OrgState {
  generation: number;
  raw: () => Database.Database | null;
  cached: { generation: number; dataVersion: number; snapshot: Promise<OrgSnapshot> } | null;
}

const states = new WeakMap<object, OrgState>();
const ORG_MODELS = new Set(["Person", "Window", "CenterRole", "UserLocale"]);
const READS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
]);

export function newOrgState(raw: () => Database.Database | null): OrgState {
  return { generation: 0, raw, cached: null };
}

/** The client, with every write to an org table bumping `state`'s generation (before and after it). */
export function trackOrgWrites(client: PrismaClient, state: OrgState): PrismaClient {
  return client.$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        if (!model || !ORG_MODELS.has(model) || READS.has(operation)) return query(args);
        state.generation++;
        try {
          return await query(args);
        } finally {
          state.generation++;
        }
      },
    },
  }) as unknown as PrismaClient;
}

/** Binds `state` to the client the application uses (createDb). */
export function registerOrgState(db: Db, state: OrgState): void {
  states.set(db, state);
}

/** Forget the snapshot (importOrg calls this once its transaction has ended, whichever way). */
export function invalidateOrgCache(db: Tx): void {
  const state = states.get(db);
  if (state) state.generation++;
}

function dataVersion(raw: Database.Database | null): number | null {
  if (!raw?.open) return null;
  return Number(raw.pragma("data_version", { simple: true }));
}

/**
 * The organisation as stored, from memory when nothing changed since it was read; null for a client
 * createDb did not build (callers then query as before).
 */
export function orgSnapshot(db: Tx): Promise<OrgSnapshot> | null {
  const state = states.get(db);
  if (!state) return null;
  const version = dataVersion(state.raw());
  if (version === null) return null;
  const c = state.cached;
  if (c && c.generation === state.generation && c.dataVersion === version) return c.snapshot;
  const generation = state.generation;
  const snapshot = loadSnapshot(db);
  const entry = { generation, dataVersion: version, snapshot };
  state.cached = entry;
  // A failed read is not kept.
  snapshot.catch(() => {
    if (state.cached === entry) state.cached = null;
  });
  return snapshot;
}

async function loadSnapshot(db: Tx): Promise<OrgSnapshot> {
  const [people, others, roles] = await Promise.all([
    db.person.findMany({
      select: { id: true, locale: true, window: { select: { name: true, leaderId: true } } },
    }),
    db.userLocale.findMany({ select: { slackId: true, locale: true } }),
    db.centerRole.findMany({ orderBy: { slackId: "asc" } }),
  ]);
  const byRole = new Map<string, string[]>();
  for (const r of roles) byRole.set(r.role, [...(byRole.get(r.role) ?? []), r.slackId]);
  return {
    people: new Map(
      people.map((p) => [
        p.id,
        { windowName: p.window?.name ?? null, windowLeaderId: p.window?.leaderId ?? null, locale: p.locale },
      ]),
    ),
    otherLocales: new Map(others.map((o) => [o.slackId, o.locale])),
    roles: byRole,
  };
}

/** storedLocale (src/services/locales.ts) from a snapshot: the person's locale, else the org user's. */
export function snapshotLocale(org: OrgSnapshot, userId: string): string | null {
  return org.people.get(userId)?.locale || (org.otherLocales.get(userId) ?? null);
}
