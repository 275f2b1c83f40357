// Languages from Slack (README: Chinese by default, English for people whose Slack locale is English).
// The locale of everyone the organisation names — its people (Person.locale) and the users who hold a
// center role or lead a window's parent unit (UserLocale) — is read from Slack's users.list with
// include_locale, so a message the bot sends on its own (month notices, reminders, award proposals,
// transfer flags) is in the right language even to someone who never talked to the bot.
// The Slack call is a port (UserDirectory): src/slack/userDirectory.ts implements it with a WebClient.
import type { Db, Prisma } from "../db/client.ts";
import { orgSnapshot, snapshotLocale } from "../db/orgCache.ts";

type Tx = Db | Prisma.TransactionClient;

export interface DirectoryMember {
  id: string;
  /** Slack's locale, e.g. "en-US"; absent when Slack did not say (the stored one is kept). */
  locale?: string | undefined;
  /** A deactivated account: users.list lists deleted users too. */
  deleted?: boolean;
}

export type DirectoryPage =
  | { ok: true; members: DirectoryMember[]; nextCursor: string }
  /** HTTP 429: Slack asks to wait `retryAfterSec` before calling the method again. */
  | { ok: false; retryAfterSec: number };

/** One page of Slack's users.list (include_locale). Other failures are thrown. */
export interface UserDirectory {
  listUsers(page: { cursor?: string; limit: number }): Promise<DirectoryPage>;
}

export interface LocaleSyncOptions {
  /** users.list page size: Slack recommends 100–200 (api.slack.com/apis/pagination). */
  pageSize?: number;
  /** Gap between two pages: users.list is Tier 2, about 20 calls a minute (api.slack.com/apis/rate-limits). */
  minIntervalMs?: number;
  /** 429 answers honoured in one sync before it gives up (the job is retried on the next tick). */
  maxRateLimited?: number;
  /** A Retry-After longer than this gives up rather than holding the scheduler's tick. */
  maxRetryAfterSec?: number;
  /** Guard against a cursor that never ends. */
  maxPages?: number;
  sleep?: (ms: number) => Promise<void>;
}

export const LOCALE_SYNC_DEFAULTS: Required<Omit<LocaleSyncOptions, "sleep">> = {
  pageSize: 200,
  minIntervalMs: 3_000,
  maxRateLimited: 5,
  maxRetryAfterSec: 300,
  maxPages: 500,
};

export interface LocaleSyncReport {
  pages: number;
  /** Members listed (the whole workspace, bots and deleted users included). */
  members: number;
  /** 429 answers waited out. */
  rateLimited: number;
  /** Locales written: people (Person.locale) and other org users (UserLocale). */
  people: number;
  others: number;
  /** Org users (active people, center roles, parent-unit leaders) users.list does not list. */
  missing: string[];
  /** Org users whose Slack account is deactivated. */
  deactivated: string[];
}

/** An expected failure, thrown so the job run is recorded failed and retried (worded in i18n as error.<code>). */
export class LocaleSyncError extends Error {
  constructor(
    readonly code: "LOCALES.RATE_LIMITED" | "LOCALES.TOO_MANY_PAGES",
    readonly detail: Record<string, unknown>,
  ) {
    super(`${code} ${JSON.stringify(detail)}`);
  }
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// A locale as Slack writes them (en-US, zh-CN, es-LA, pt-BR…); anything else is not stored.
const LOCALE = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/;

/** Every member of the workspace from users.list, page by page within its rate limit. */
async function listAll(
  directory: UserDirectory,
  o: Required<Omit<LocaleSyncOptions, "sleep">> & { sleep: (ms: number) => Promise<void> },
): Promise<{ members: DirectoryMember[]; pages: number; rateLimited: number }> {
  const members: DirectoryMember[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  let pages = 0;
  let rateLimited = 0;
  let last = 0;
  for (;;) {
    const wait = last + o.minIntervalMs - Date.now();
    if (last > 0 && wait > 0) await o.sleep(wait);
    last = Date.now();
    const page = await directory.listUsers({ ...(cursor ? { cursor } : {}), limit: o.pageSize });
    if (!page.ok) {
      rateLimited++;
      if (rateLimited > o.maxRateLimited || page.retryAfterSec > o.maxRetryAfterSec)
        throw new LocaleSyncError("LOCALES.RATE_LIMITED", {
          retryAfterSec: page.retryAfterSec,
          times: rateLimited,
        });
      await o.sleep(page.retryAfterSec * 1000);
      last = 0; // the Retry-After wait is the gap
      continue; // the same cursor again
    }
    pages++;
    members.push(...page.members);
    if (!page.nextCursor) return { members, pages, rateLimited };
    if (pages >= o.maxPages || seen.has(page.nextCursor))
      throw new LocaleSyncError("LOCALES.TOO_MANY_PAGES", { pages });
    seen.add(page.nextCursor);
    cursor = page.nextCursor;
  }
}

/**
 * Reads every member's locale from Slack and stores those of the organisation's users in one
 * transaction: a person's on Person.locale, a center role holder's or parent-unit leader's on
 * UserLocale. Users outside the organisation are ignored; a user Slack gives no locale for keeps the
 * stored one. Throws LocaleSyncError (rate limit past its bounds, endless cursor) or the directory's error.
 */
export async function syncLocales(
  db: Db,
  directory: UserDirectory,
  options: LocaleSyncOptions = {},
): Promise<LocaleSyncReport> {
  const o = { ...LOCALE_SYNC_DEFAULTS, sleep: realSleep, ...options };
  // Slack first, outside the transaction: the write below holds SQLite's only writer briefly.
  const listed = await listAll(directory, o);
  const byId = new Map(listed.members.map((m) => [m.id, m]));
  const report: LocaleSyncReport = {
    pages: listed.pages,
    members: listed.members.length,
    rateLimited: listed.rateLimited,
    people: 0,
    others: 0,
    missing: [],
    deactivated: [],
  };
  const localeOf = (id: string) => {
    const l = byId.get(id)?.locale;
    return typeof l === "string" && LOCALE.test(l) ? l : null;
  };
  await db.$transaction(async (tx) => {
    const people = await tx.person.findMany({ select: { id: true, locale: true, active: true } });
    const personIds = new Set(people.map((p) => p.id));
    const others = [...(await orgUsers(tx))].filter((id) => !personIds.has(id)).sort();
    const stored = new Map(
      (await tx.userLocale.findMany({ where: { slackId: { in: others } } })).map((u) => [
        u.slackId,
        u.locale,
      ]),
    );
    for (const p of people) {
      const locale = localeOf(p.id);
      if (locale && locale !== p.locale) {
        await tx.person.update({ where: { id: p.id }, data: { locale } });
        report.people++;
      }
    }
    for (const id of others) {
      const locale = localeOf(id);
      if (locale && locale !== stored.get(id)) {
        await tx.userLocale.upsert({
          where: { slackId: id },
          create: { slackId: id, locale },
          update: { locale },
        });
        report.others++;
      }
    }
    for (const id of [...people.filter((p) => p.active).map((p) => p.id), ...others].sort()) {
      const m = byId.get(id);
      if (!m) report.missing.push(id);
      else if (m.deleted) report.deactivated.push(id);
    }
  });
  return report;
}

/** The users the organisation names besides its people: center roles and parent-unit leaders. */
async function orgUsers(db: Tx): Promise<Set<string>> {
  // One after the other: inside an interactive transaction queries share its one connection.
  const roles = await db.centerRole.findMany({ select: { slackId: true } });
  const windows = await db.window.findMany({ where: { active: true }, select: { parentUnitLeaderId: true } });
  return new Set([
    ...roles.map((r) => r.slackId),
    ...windows.map((w) => w.parentUnitLeaderId).filter((x): x is string => !!x),
  ]);
}

/** Whether `userId` is someone the organisation names (a person, a center role, a parent-unit leader). */
export async function isOrgUser(db: Tx, userId: string): Promise<boolean> {
  if ((await db.person.count({ where: { id: userId } })) > 0) return true;
  return (await orgUsers(db)).has(userId);
}

/**
 * The stored Slack locale of a user: a person's Person.locale, else the UserLocale of a center role
 * holder or parent-unit leader; null when not known (the caller's language default: Chinese).
 */
export async function storedLocale(db: Tx, userId: string): Promise<string | null> {
  // From memory when the organisation is cached (src/db/orgCache.ts): every listener reads it first.
  const org = orgSnapshot(db);
  if (org) return snapshotLocale(await org, userId);
  const person = await db.person.findUnique({ where: { id: userId }, select: { locale: true } });
  if (person?.locale) return person.locale;
  const other = await db.userLocale.findUnique({ where: { slackId: userId }, select: { locale: true } });
  return other?.locale ?? null;
}

/**
 * `storedLocale` for many users with two queries (the close's 5,000 notices read one locale each):
 * every person's stored locale, then the other org users'.
 */
export async function storedLocales(db: Tx): Promise<(userId: string) => string | null> {
  const [people, others] = await Promise.all([
    db.person.findMany({ where: { locale: { not: null } }, select: { id: true, locale: true } }),
    db.userLocale.findMany({ select: { slackId: true, locale: true } }),
  ]);
  const personal = new Map(people.map((p) => [p.id, p.locale]));
  const other = new Map(others.map((o) => [o.slackId, o.locale]));
  return (userId) => personal.get(userId) || other.get(userId) || null;
}

/** Stores a locale learned from users.info for an org user who is not a person (see storedLocale). */
export async function rememberLocale(db: Tx, userId: string, locale: string): Promise<void> {
  if (!LOCALE.test(locale)) return;
  await db.userLocale.upsert({
    where: { slackId: userId },
    create: { slackId: userId, locale },
    update: { locale },
  });
}

/** Stores `locale` on the person `userId` (from users.info); false when `userId` is not a person. */
export async function rememberPersonLocale(db: Tx, userId: string, locale: string): Promise<boolean> {
  const person = await db.person.findUnique({ where: { id: userId }, select: { id: true } });
  if (!person) return false;
  await db.person.update({ where: { id: userId }, data: { locale } });
  return true;
}
