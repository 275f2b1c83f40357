// The organisation (RULES.md §1): the center, its roles, windows and people, imported from one JSON
// file. An import is an idempotent upsert in one transaction: re-importing updates rows and never
// duplicates them; people and windows missing from the file are marked inactive, never deleted
// (their records and results stay). Any refusal names the entry and writes nothing.
import { z } from "zod";
import type { Db, Prisma } from "../db/client.ts";
import { invalidateOrgCache, orgSnapshot } from "../db/orgCache.ts";
import { isIsoDate } from "../domain/dates.ts";
import { err, ok, type Result } from "../domain/result.ts";
import { cleanText } from "../domain/text.ts";
import type { Clock } from "./clock.ts";

type Tx = Db | Prisma.TransactionClient;

const slackId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, "must be a Slack user id such as U0123ABCD");
// Names are shown to everyone: invisible and control characters out (cleanText), then non-empty.
const nonEmpty = z
  .string()
  .transform((s) => cleanText(s, { multiline: false }).trim())
  .pipe(z.string().min(1, "must not be empty"));

export const orgFileSchema = z.strictObject({
  center: z.strictObject({
    name: nonEmpty,
    channel: z.string().regex(/^[CG][A-Z0-9]{2,}$/, "must be a Slack channel id such as C0123ABCD"),
    director: slackId,
    deputyDirector: slackId,
    inspection: z.array(slackId).min(1, "must list at least one inspection member"),
    // Names of users who are not window staff (director, deputy director, inspection members, parent-unit
    // leaders, a former inspector whose records stay): shown instead of their Slack ids where a record
    // names its filer (workbooks filed on paper). Optional (absent: the stored names stay); a window
    // person's name is in people[].
    names: z.record(slackId, nonEmpty).optional(),
  }),
  windows: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, "must be 1–32 letters, digits, _ or -"),
        name: nonEmpty,
        leader: slackId,
        // null: the parent-unit leader is outside the workspace (inspection records their consent).
        parentUnitLeader: slackId.nullable(),
        profile: z.strictObject({
          leaderNotMiddle: z.boolean(),
          leaderNotHead: z.boolean(),
          // Integer columns (32-bit in Prisma): a plausible ceiling keeps a typo from overflowing them.
          missingItems: z.number().int().min(0).max(9999),
          unauthorisedItems: z.number().int().min(0).max(9999),
        }),
      }),
    )
    .min(1, "must list at least one window"),
  people: z.array(
    z.strictObject({
      slackId,
      name: nonEmpty,
      window: z.string().min(1),
      role: z.enum(["staff", "window_leader"], 'must be "staff" or "window_leader"'),
      establishment: z.boolean(),
      partyTransferred: z.boolean(),
      joined: z.string().refine(isIsoDate, "must be a date YYYY-MM-DD"),
      annualLeaveDays: z
        .number()
        .min(0)
        .max(365)
        .refine((d) => Number.isInteger(d * 2), "must be a whole or half number of days"),
      // AB岗 (RULES.md §8): the B (backup) of this person's post, a person of the same window, not the
      // person. Optional: absent (or null) names none — a one-person window's home unit sends cover.
      backup: slackId.nullish(),
    }),
  ),
});

export type OrgFile = z.infer<typeof orgFileSchema>;

export type OrgErrorCode =
  | "ORG.INVALID"
  | "ORG.NAME_OF_PERSON"
  | "ORG.DUPLICATE_WINDOW"
  | "ORG.DUPLICATE_PERSON"
  | "ORG.UNKNOWN_WINDOW"
  | "ORG.LEADER_NOT_IN_WINDOW"
  | "ORG.LEADER_ROLE"
  | "ORG.EXTRA_LEADER"
  | "ORG.BACKUP_UNKNOWN"
  | "ORG.BACKUP_SELF"
  | "ORG.BACKUP_OTHER_WINDOW";

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
}

export interface OrgImportReport {
  windows: ImportCounts;
  people: ImportCounts;
  inspection: number;
}

/** "people[3] (U0STAFF2)" — how a refusal names the entry. */
function entryName(root: unknown, path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(file)";
  const [section, index] = path;
  if (typeof index !== "number") return path.map(String).join(".");
  const list = (root as Record<string, unknown> | null)?.[String(section)];
  const item = Array.isArray(list) ? (list[index] as Record<string, unknown> | undefined) : undefined;
  const id = item?.slackId ?? item?.id;
  return `${String(section)}[${index}]${typeof id === "string" ? ` (${id})` : ""}`;
}

/** Checks a parsed JSON value against the file shape and the cross-entry rules. */
export function validateOrgFile(json: unknown): Result<OrgFile, OrgErrorCode> {
  const parsed = orgFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path
      .slice(typeof issue.path[1] === "number" ? 2 : 1)
      .map(String)
      .join(".");
    return err("ORG.INVALID", {
      entry: entryName(json, issue.path),
      field: field || String(issue.path[0] ?? ""),
      message: issue.message,
    });
  }
  const org = parsed.data;
  // A person's name is people[].name: one place, never two names for one person.
  const personIds = new Set(org.people.map((p) => p.slackId));
  for (const id of Object.keys(org.center.names ?? {}))
    if (personIds.has(id)) return err("ORG.NAME_OF_PERSON", { entry: `center.names (${id})`, user: id });
  const windowIds = new Set<string>();
  for (const [i, w] of org.windows.entries()) {
    if (windowIds.has(w.id))
      return err("ORG.DUPLICATE_WINDOW", { entry: `windows[${i}] (${w.id})`, window: w.id });
    windowIds.add(w.id);
  }
  const people = new Map<string, OrgFile["people"][number]>();
  for (const [i, p] of org.people.entries()) {
    const entry = `people[${i}] (${p.slackId})`;
    if (people.has(p.slackId)) return err("ORG.DUPLICATE_PERSON", { entry, person: p.slackId });
    if (!windowIds.has(p.window)) return err("ORG.UNKNOWN_WINDOW", { entry, window: p.window });
    people.set(p.slackId, p);
  }
  for (const [i, w] of org.windows.entries()) {
    const entry = `windows[${i}] (${w.id})`;
    const leader = people.get(w.leader);
    if (!leader || leader.window !== w.id)
      return err("ORG.LEADER_NOT_IN_WINDOW", { entry, window: w.id, leader: w.leader });
    if (leader.role !== "window_leader")
      return err("ORG.LEADER_ROLE", { entry, window: w.id, leader: w.leader });
  }
  const leaders = new Map(org.windows.map((w) => [w.id, w.leader]));
  for (const [i, p] of org.people.entries()) {
    if (p.role === "window_leader" && leaders.get(p.window) !== p.slackId)
      return err("ORG.EXTRA_LEADER", {
        entry: `people[${i}] (${p.slackId})`,
        window: p.window,
        leader: leaders.get(p.window),
      });
  }
  // AB岗 (§8): A and B are in the same window; B is someone else of the file.
  for (const [i, p] of org.people.entries()) {
    if (!p.backup) continue;
    const entry = `people[${i}] (${p.slackId})`;
    if (p.backup === p.slackId) return err("ORG.BACKUP_SELF", { entry, person: p.slackId });
    const b = people.get(p.backup);
    if (!b) return err("ORG.BACKUP_UNKNOWN", { entry, backup: p.backup });
    if (b.window !== p.window)
      return err("ORG.BACKUP_OTHER_WINDOW", {
        entry,
        backup: p.backup,
        window: p.window,
        backupWindow: b.window,
      });
  }
  return ok(org);
}

function counts(): ImportCounts {
  return { created: 0, updated: 0, unchanged: 0, deactivated: 0 };
}

function changed(current: Record<string, unknown>, next: Record<string, unknown>): boolean {
  return Object.entries(next).some(([k, v]) => current[k] !== v);
}

/**
 * Imports the organisation file (already JSON-parsed). Idempotent; one transaction; an AuditLog row
 * with the counts and the ids that changed.
 */
export async function importOrg(
  db: Db,
  json: unknown,
  actor: string,
  clock?: Clock,
): Promise<Result<OrgImportReport, OrgErrorCode>> {
  const valid = validateOrgFile(json);
  if (!valid.ok) return valid;
  const org = valid.value;
  const report: OrgImportReport = { windows: counts(), people: counts(), inspection: 0 };
  const changes: { windows: string[]; people: string[] } = { windows: [], people: [] };

  // The org cache (src/db/orgCache.ts) is forgotten once the import has ended, committed or rolled
  // back: a snapshot read meanwhile may hold rows the import wrote or was about to undo.
  const imported = db.$transaction(async (tx) => {
    const center = {
      name: org.center.name,
      channelId: org.center.channel,
      directorId: org.center.director,
      deputyDirectorId: org.center.deputyDirector,
    };
    await tx.center.upsert({ where: { id: 1 }, create: { id: 1, ...center }, update: center });

    // Center roles are exactly what the file says.
    await tx.centerRole.deleteMany({
      where: { role: { in: ["inspection", "director", "deputy_director"] } },
    });
    const roles = [
      ...[...new Set(org.center.inspection)].map((slackId) => ({ slackId, role: "inspection" })),
      { slackId: org.center.director, role: "director" },
      { slackId: org.center.deputyDirector, role: "deputy_director" },
    ];
    await tx.centerRole.createMany({ data: roles });
    // Users' names are exactly what the file's center.names says; a file without it leaves them as
    // they are (an org file written before names existed does not erase them).
    if (org.center.names) {
      await tx.userName.deleteMany({});
      await tx.userName.createMany({
        data: Object.entries(org.center.names).map(([slackId, name]) => ({ slackId, name })),
      });
    }
    report.inspection = new Set(org.center.inspection).size;

    const existingWindows = new Map((await tx.window.findMany()).map((w) => [w.id, w]));
    for (const w of org.windows) {
      const data = {
        name: w.name,
        leaderId: w.leader,
        parentUnitLeaderId: w.parentUnitLeader,
        leaderNotMiddle: w.profile.leaderNotMiddle,
        leaderNotHead: w.profile.leaderNotHead,
        missingItems: w.profile.missingItems,
        unauthorisedItems: w.profile.unauthorisedItems,
        active: true,
      };
      const current = existingWindows.get(w.id);
      if (!current) {
        await tx.window.create({ data: { id: w.id, ...data } });
        report.windows.created++;
        changes.windows.push(w.id);
      } else if (changed(current, data)) {
        await tx.window.update({ where: { id: w.id }, data });
        report.windows.updated++;
        changes.windows.push(w.id);
      } else report.windows.unchanged++;
    }
    const inFileWindows = new Set(org.windows.map((w) => w.id));
    for (const w of existingWindows.values()) {
      if (w.active && !inFileWindows.has(w.id)) {
        await tx.window.update({ where: { id: w.id }, data: { active: false } });
        report.windows.deactivated++;
        changes.windows.push(w.id);
      }
    }

    const existingPeople = new Map((await tx.person.findMany()).map((p) => [p.id, p]));
    for (const p of org.people) {
      const data = {
        name: p.name,
        windowId: p.window,
        role: p.role,
        establishment: p.establishment,
        partyTransferred: p.partyTransferred,
        joined: p.joined,
        annualLeaveHalfDays: Math.round(p.annualLeaveDays * 2),
        backupId: p.backup ?? null,
        active: true,
      };
      const current = existingPeople.get(p.slackId);
      if (!current) {
        await tx.person.create({ data: { id: p.slackId, ...data } });
        report.people.created++;
        changes.people.push(p.slackId);
      } else if (changed(current, data)) {
        await tx.person.update({ where: { id: p.slackId }, data });
        report.people.updated++;
        changes.people.push(p.slackId);
      } else report.people.unchanged++;
    }
    const inFilePeople = new Set(org.people.map((p) => p.slackId));
    for (const p of existingPeople.values()) {
      if (p.active && !inFilePeople.has(p.id)) {
        await tx.person.update({ where: { id: p.id }, data: { active: false } });
        report.people.deactivated++;
        changes.people.push(p.id);
      }
    }

    await tx.auditLog.create({
      data: {
        ...(clock ? { at: clock.now() } : {}),
        actorId: actor,
        action: "org.import",
        entity: "Org",
        entityId: "1",
        after: JSON.stringify({ ...report, changed: changes }),
      },
    });
  });
  await imported.finally(() => invalidateOrgCache(db));
  return ok(report);
}

// ---------------------------------------------------------------------------------------------
// Queries.

export interface OrgView {
  center: { name: string; channelId: string; directorId: string; deputyDirectorId: string } | null;
  inspection: string[];
  windows: Array<{
    id: string;
    name: string;
    leaderId: string | null;
    parentUnitLeaderId: string | null;
    active: boolean;
    people: Array<{ id: string; name: string; role: string; active: boolean; backupId: string | null }>;
  }>;
}

export async function showOrg(db: Db): Promise<OrgView> {
  const [center, inspection, windows] = await Promise.all([
    db.center.findUnique({ where: { id: 1 } }),
    inspectionMembers(db),
    db.window.findMany({ orderBy: { id: "asc" }, include: { people: { orderBy: { id: "asc" } } } }),
  ]);
  return {
    center: center && {
      name: center.name,
      channelId: center.channelId,
      directorId: center.directorId,
      deputyDirectorId: center.deputyDirectorId,
    },
    inspection,
    windows: windows.map((w) => ({
      id: w.id,
      name: w.name,
      leaderId: w.leaderId,
      parentUnitLeaderId: w.parentUnitLeaderId,
      active: w.active,
      people: w.people.map((p) => ({
        id: p.id,
        name: p.name,
        role: p.role,
        active: p.active,
        backupId: p.backupId,
      })),
    })),
  };
}

/** The inspection section's members, by Slack id (any of them may act for the section, §1). */
export async function inspectionMembers(db: Tx): Promise<string[]> {
  // From memory when the organisation is cached (src/db/orgCache.ts; issue #11, the hot path).
  const org = orgSnapshot(db);
  if (org) return [...((await org).roles.get("inspection") ?? [])];
  const rows = await db.centerRole.findMany({ where: { role: "inspection" }, orderBy: { slackId: "asc" } });
  return rows.map((r) => r.slackId);
}

export async function hasCenterRole(
  db: Tx,
  slackIdValue: string,
  role: "inspection" | "director" | "deputy_director",
): Promise<boolean> {
  const org = orgSnapshot(db);
  if (org) return (await org).roles.get(role)?.includes(slackIdValue) ?? false;
  return (await db.centerRole.count({ where: { slackId: slackIdValue, role } })) > 0;
}

/**
 * Slack id → name of everyone the organisation names: people (Person.name) and the other users the
 * org file's center.names lists (UserName). A user in neither is not in the map.
 */
export async function orgUserNames(db: Tx): Promise<Map<string, string>> {
  const [people, others] = await Promise.all([
    db.person.findMany({ select: { id: true, name: true } }),
    db.userName.findMany(),
  ]);
  const names = new Map(others.map((u) => [u.slackId, u.name]));
  for (const p of people) names.set(p.id, p.name);
  return names;
}

/** Active windows for a picker, by id. */
export async function activeWindows(
  db: Tx,
): Promise<Array<{ id: string; name: string; leaderId: string | null }>> {
  return db.window.findMany({
    where: { active: true },
    orderBy: { id: "asc" },
    select: { id: true, name: true, leaderId: true },
  });
}
