// Every decision RULES.md marks (config), stored as `Setting` rows (key = dotted path such as
// "routing.dayBasis.sick", value = JSON) over the documented defaults. Values are validated on the way
// in and again on load, so the rules never run on a setting of the wrong shape.
//
// Rules by date (RULES.md §8a): every row is one version, in force from its `fromMonth` until the key's
// next version. A month is scored, and a request routed, under the versions in force in that month
// (the request's start month), so reopening and re-closing an old month after a change gives the old
// answer. A change may not take effect in a closed month: that month's frozen result would no longer
// be what its settings give (reopen it first, as any correction — §8a).
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { isMonth, monthOf, shanghaiDate } from "../domain/dates.ts";
import { err, ok, type Result } from "../domain/result.ts";
import { DEFAULT_ROUTING_SETTINGS, type RoutingSettings } from "../domain/routing.ts";
import { DEFAULT_SCORING_SETTINGS, type ScoringSettings } from "../domain/scoring/settings.ts";
import { type Clock, systemClock } from "./clock.ts";
import {
  DEFAULT_OPERATIONS_SETTINGS,
  type OperationsSettings,
  operationsSettingsSchema,
} from "./closeSettings.ts";

export interface Settings {
  routing: RoutingSettings;
  scoring: ScoringSettings;
  /** Award counts, attendance hours, job schedule (RULES.md §5, §7; decisions in closeSettings.ts). */
  operations: OperationsSettings;
}

export const DEFAULT_SETTINGS: Settings = {
  routing: DEFAULT_ROUTING_SETTINGS,
  scoring: DEFAULT_SCORING_SETTINGS,
  operations: DEFAULT_OPERATIONS_SETTINGS,
};

// ---------------------------------------------------------------------------------------------
// Schemas. `satisfies z.ZodType<…>` ties them to the domain types: a field added there breaks the build here.

const dayBasis = z.enum(["working", "calendar"]);
const flag = z.boolean();
const count = z.number().int().min(0);
const percent = z.number().min(0).max(100);
const hundredths = z.number().int().min(0);

export const routingSettingsSchema = z.strictObject({
  dayBasis: z.strictObject({
    personal: dayBasis,
    sick: dayBasis,
    annual: dayBasis,
    marriage: dayBasis,
    maternity: dayBasis,
    nursing: dayBasis,
    family: dayBasis,
    breastfeeding: dayBasis,
    trip: dayBasis,
  }),
  year: z.literal("calendar"),
  rejectOnOpinionDisagree: flag,
  otherLeaveUsesPersonalTable: flag,
  refuseAnnualPastBalance: flag,
}) satisfies z.ZodType<RoutingSettings>;

export const scoringSettingsSchema = z
  .strictObject({
    bandRounding: z.enum(["half_up", "down"]),
    bandSharesPercent: z
      .tuple([percent, percent])
      .refine(([a, b]) => a <= b, "band 1 share must not exceed band 2's"),
    bandAmountsFen: z.tuple([count, count, count]),
    moneyMinHundredths: hundredths,
    fullMoneyMinHundredths: hundredths,
    secondmentReduction: z.enum(["proportional", "whole"]),
    staffBonusCapHundredths: hundredths,
    windowBonusCapHundredths: hundredths,
    personalLeave: z.strictObject({
      thresholdHalfDays: count,
      baseHundredths: hundredths,
      perHalfDayHundredths: hundredths,
    }),
    staffRateMinPercent: percent,
    windowRate97Percent: percent,
    windowRate95Percent: percent,
    contractStaff: z.strictObject({
      thresholdPercent: percent,
      stepPercent: percent.refine((p) => p > 0, "must be above 0"),
      pointsPerStepHundredths: hundredths,
      maxHundredths: hundredths,
    }),
    infoQuotaMonth: z.enum(["quarter_last_month", "filed_month"]),
    starDisciplineCodes: z.array(z.string().min(1)),
    starMinScoreHundredths: hundredths,
    starMinTenureMonths: count,
    transferMaxScoreHundredths: hundredths,
    leadingLeaderMinTenureMonths: count,
    leadingLastPlaces: count,
    leadingMaxScoreHundredths: hundredths,
    leadingRateMinPercent: percent,
    leadingCallbackMax: count,
    linkWindowItems: flag,
    lateMinutes: z.strictObject({ lateMaxMinutes: count, gapCountsAsLate: flag, offPostMinMinutes: count }),
  })
  .refine((s) => s.moneyMinHundredths <= s.fullMoneyMinHundredths, {
    message: "moneyMinHundredths must not exceed fullMoneyMinHundredths",
    path: ["moneyMinHundredths"],
  }) satisfies z.ZodType<ScoringSettings>;

export const settingsSchema = z.strictObject({
  routing: routingSettingsSchema,
  scoring: scoringSettingsSchema,
  operations: operationsSettingsSchema,
});

// ---------------------------------------------------------------------------------------------
// Keys: the leaves of the defaults (a list such as bandAmountsFen is one leaf).

type Json = unknown;
const isBranch = (v: Json): v is Record<string, Json> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function leaves(v: Json, prefix: string, out: Map<string, Json>): Map<string, Json> {
  if (isBranch(v)) for (const [k, c] of Object.entries(v)) leaves(c, prefix ? `${prefix}.${k}` : k, out);
  else out.set(prefix, v);
  return out;
}

const DEFAULT_LEAVES: ReadonlyMap<string, Json> = leaves(DEFAULT_SETTINGS, "", new Map());

/** Every settable key, in order. */
export const SETTING_KEYS: readonly string[] = [...DEFAULT_LEAVES.keys()];

function withValue(tree: Json, key: string, value: Json): void {
  const parts = key.split(".");
  let node = tree as Record<string, Json>;
  for (const p of parts.slice(0, -1)) node = node[p] as Record<string, Json>;
  node[parts[parts.length - 1]!] = value;
}

function valueAt(tree: Json, key: string): Json {
  return key.split(".").reduce<Json>((node, p) => (node as Record<string, Json>)[p], tree);
}

function issueFor(e: z.ZodError, key: string): string {
  const own = e.issues.find((i) => i.path.join(".") === key) ?? e.issues[0];
  return own ? `${own.path.join(".") || key}: ${own.message}` : "invalid";
}

/** The defaults with the given overrides; Result codes SETTINGS.UNKNOWN_KEY {key}, SETTINGS.BAD_VALUE {key, issue}. */
function merge(rows: readonly { key: string; value: Json }[]): Result<Settings> {
  const tree = structuredClone(DEFAULT_SETTINGS) as Json;
  for (const { key, value } of rows) {
    if (!DEFAULT_LEAVES.has(key)) return err("SETTINGS.UNKNOWN_KEY", { key });
    withValue(tree, key, value);
  }
  const parsed = settingsSchema.safeParse(tree);
  if (!parsed.success) {
    const key = rows.at(-1)?.key ?? "";
    return err("SETTINGS.BAD_VALUE", { key, issue: issueFor(parsed.error, key) });
  }
  return ok(parsed.data as Settings);
}

/** One stored version of a setting. */
export interface SettingVersion {
  key: string;
  fromMonth: string;
  value: Json;
}

/** The month rows written before effective months existed are in force from: since forever. */
export const SINCE_EVER = "0000-00";

type SettingTx = Pick<Db, "setting" | "period">;

async function storedVersions(db: Pick<Db, "setting">): Promise<SettingVersion[]> {
  const rows = await db.setting.findMany({ orderBy: [{ key: "asc" }, { fromMonth: "asc" }] });
  return rows.map((r) => ({ key: r.key, fromMonth: r.fromMonth, value: parseStored(r.value) }));
}

function parseStored(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text; // not JSON: fails validation with the key named
  }
}

/** Per key, the latest version with fromMonth ≤ month (versions sorted by key, then fromMonth). */
function inForce(versions: readonly SettingVersion[], month: string): SettingVersion[] {
  const byKey = new Map<string, SettingVersion>();
  for (const v of versions) if (v.fromMonth <= month) byKey.set(v.key, v);
  return [...byKey.values()];
}

/** The month of an instant by the clock, in Shanghai. */
export function currentMonth(clock: Clock = systemClock): string {
  return monthOf(shanghaiDate(clock.now()));
}

/**
 * Every stored version, read once (the bot at start-up: main.ts), so that routing a request resolves the
 * settings of its start month without a statement (`settingsIn`). Sorted by key, then fromMonth.
 */
export interface SettingsTimeline {
  versions: readonly SettingVersion[];
  /** Settings already resolved per month (a timeline never changes: a new one is read after a change). */
  resolved: Map<string, Settings>;
}

export async function loadSettingsTimeline(db: Pick<Db, "setting">): Promise<SettingsTimeline> {
  return { versions: await storedVersions(db), resolved: new Map() };
}

/** The settings in force in `month` (YYYY-MM). Throws (naming the key) if a version no longer fits. */
export function settingsIn(timeline: SettingsTimeline, month: string): Settings {
  const cached = timeline.resolved.get(month);
  if (cached) return cached;
  const rows = inForce(timeline.versions, month);
  // Validate row by row so the error names the offending key.
  for (let i = 0; i < rows.length; i++) {
    const r = merge(rows.slice(0, i + 1));
    if (!r.ok) {
      const { key, fromMonth } = rows[i]!;
      const fix = `npm run --silent cli -- settings reset ${key}${fromMonth === SINCE_EVER ? "" : ` --from ${fromMonth}`}`;
      throw new Error(
        `设置 "${key}" 无效 (${r.code}${r.detail?.issue ? `: ${r.detail.issue}` : ""})；` +
          `请用 "${fix}" 恢复默认值。 / Setting "${key}" is invalid; reset it with "${fix}".`,
      );
    }
  }
  const r = merge(rows);
  if (!r.ok) throw new Error(`settings invalid: ${r.code}`);
  timeline.resolved.set(month, r.value);
  return r.value;
}

/**
 * The settings in force in `month` (YYYY-MM; default: the current month by the system clock, Shanghai),
 * read from the database now. Throws (naming the key) if a version in force no longer fits the rules.
 */
export async function loadSettings(
  db: Pick<Db, "setting">,
  month: string = currentMonth(),
): Promise<Settings> {
  return settingsIn(await loadSettingsTimeline(db), month);
}

export interface SettingEntry {
  key: string;
  value: Json;
  default: Json;
  overridden: boolean;
}

/** Every key with its value in force in `month` (default: the current month) and its default. */
export async function listSettings(db: Db, month: string = currentMonth()): Promise<SettingEntry[]> {
  const timeline = await loadSettingsTimeline(db);
  const settings = settingsIn(timeline, month);
  const stored = new Set(inForce(timeline.versions, month).map((v) => v.key));
  return SETTING_KEYS.map((key) => {
    const value = valueAt(settings, key);
    const dflt = DEFAULT_LEAVES.get(key);
    // A reset is a version holding the default: not an override.
    return {
      key,
      value,
      default: dflt,
      overridden: stored.has(key) && JSON.stringify(value) !== JSON.stringify(dflt),
    };
  });
}

/** Codes: SETTINGS.UNKNOWN_KEY {key}. */
export async function getSetting(db: Db, key: string, month?: string): Promise<Result<SettingEntry>> {
  if (!DEFAULT_LEAVES.has(key)) return err("SETTINGS.UNKNOWN_KEY", { key });
  const entry = (await listSettings(db, month)).find((e) => e.key === key)!;
  return ok(entry);
}

export interface SettingChange {
  key: string;
  /** The month the change takes effect. */
  from: string;
  before: Json;
  after: Json;
}

/** One version of a setting as `settings history` shows it (a reset is a version holding the default). */
export interface SettingHistoryEntry {
  key: string;
  fromMonth: string;
  value: Json;
  default: Json;
}

/** Every stored version (of one key, or of all), by key then month. Codes: SETTINGS.UNKNOWN_KEY {key}. */
export async function settingHistory(db: Db, key?: string): Promise<Result<SettingHistoryEntry[]>> {
  const versions = (await storedVersions(db)).filter((v) => key === undefined || v.key === key);
  if (key !== undefined && !DEFAULT_LEAVES.has(key) && versions.length === 0)
    return err("SETTINGS.UNKNOWN_KEY", { key });
  return ok(
    versions.map((v) => ({ ...v, default: DEFAULT_LEAVES.has(v.key) ? DEFAULT_LEAVES.get(v.key) : null })),
  );
}

/**
 * The first closed month the version `key`@`from` would be in force in (from `from` up to the key's next
 * version), or null. Quarters and years are not months: they follow their months (closeQuarter refuses a
 * month close inside a closed quarter already).
 */
async function closedMonthAffected(
  tx: SettingTx,
  versions: readonly SettingVersion[],
  key: string,
  from: string,
): Promise<string | null> {
  const next = versions.find((v) => v.key === key && v.fromMonth > from)?.fromMonth;
  const closed = await tx.period.findMany({
    where: { state: "closed", period: { gte: from, ...(next ? { lt: next } : {}) } },
    select: { period: true },
    orderBy: { period: "asc" },
  });
  return closed.map((p) => p.period).find(isMonth) ?? null;
}

/**
 * Writes one version (`value` in force from `from`), validated against the settings of every month it
 * will be in force in, with an AuditLog row (entityId `key`, note `from <month>`).
 * Codes: SETTINGS.UNKNOWN_KEY {key}, SETTINGS.BAD_VALUE {key, issue}, SETTINGS.BAD_MONTH {from},
 * SETTINGS.MONTH_CLOSED {key, from, month}.
 */
async function writeVersion(
  db: Db,
  key: string,
  value: Json,
  actor: string,
  clock: Clock,
  from: string,
  action: "settings.set" | "settings.reset",
): Promise<Result<SettingChange>> {
  if (!isMonth(from)) return err("SETTINGS.BAD_MONTH", { from });
  return db.$transaction(async (tx) => {
    const versions = await storedVersions(tx);
    const others = versions.filter((v) => !(v.key === key && v.fromMonth === from));
    const withNew = [...others, { key, fromMonth: from, value }].sort(
      (a, b) => a.key.localeCompare(b.key) || a.fromMonth.localeCompare(b.fromMonth),
    );
    // Every month boundary the new version is in force across (other keys' versions may start later).
    const next = others.find((v) => v.key === key && v.fromMonth > from)?.fromMonth ?? "9999-99";
    const boundaries = [from, ...new Set(others.map((v) => v.fromMonth).filter((m) => m > from && m < next))];
    for (const m of boundaries) {
      const r = merge(inForce(withNew, m).sort((a, b) => (a.key === key ? 1 : 0) - (b.key === key ? 1 : 0)));
      if (!r.ok) return r;
    }
    const closed = await closedMonthAffected(tx, versions, key, from);
    if (closed) return err("SETTINGS.MONTH_CLOSED", { key, from, month: closed });
    const before = merge(inForce(others, from));
    const beforeValue = before.ok ? valueAt(before.value, key) : null;
    const text = JSON.stringify(value);
    await tx.setting.upsert({
      where: { key_fromMonth: { key, fromMonth: from } },
      create: { key, fromMonth: from, value: text },
      update: { value: text },
    });
    await tx.auditLog.create({
      data: {
        at: clock.now(),
        actorId: actor,
        action,
        entity: "Setting",
        entityId: key,
        before: JSON.stringify(beforeValue),
        after: text,
        note: `from ${from}`,
      },
    });
    return ok({ key, from, before: beforeValue, after: value });
  });
}

/**
 * Sets one key to a (parsed JSON) value from month `from` (default: the current month by `clock`).
 * Codes: SETTINGS.UNKNOWN_KEY {key}, SETTINGS.BAD_VALUE {key, issue}, SETTINGS.BAD_MONTH {from},
 * SETTINGS.MONTH_CLOSED {key, from, month}.
 */
export async function setSetting(
  db: Db,
  key: string,
  value: Json,
  actor: string,
  clock: Clock = systemClock,
  from: string = currentMonth(clock),
): Promise<Result<SettingChange>> {
  if (!DEFAULT_LEAVES.has(key)) return err("SETTINGS.UNKNOWN_KEY", { key });
  return writeVersion(db, key, value, actor, clock, from, "settings.set");
}

/**
 * The default applies again from month `from` (a version holding the default: the history stays). A key
 * no longer among the defaults (a stale row) has all its versions removed: that is how a bad row is
 * cleared. Codes: SETTINGS.UNKNOWN_KEY {key} (only if never stored), and those of setSetting.
 */
export async function resetSetting(
  db: Db,
  key: string,
  actor: string,
  clock: Clock = systemClock,
  from: string = currentMonth(clock),
): Promise<Result<SettingChange>> {
  if (DEFAULT_LEAVES.has(key))
    return writeVersion(db, key, DEFAULT_LEAVES.get(key), actor, clock, from, "settings.reset");
  return db.$transaction(async (tx) => {
    const rows = await tx.setting.findMany({ where: { key }, orderBy: { fromMonth: "asc" } });
    if (rows.length === 0) return err("SETTINGS.UNKNOWN_KEY", { key });
    await tx.setting.deleteMany({ where: { key } });
    const before = parseStored(rows.at(-1)!.value);
    await tx.auditLog.create({
      data: {
        at: clock.now(),
        actorId: actor,
        action: "settings.reset",
        entity: "Setting",
        entityId: key,
        before: JSON.stringify(before),
        after: null,
        note: "stale key: every version removed",
      },
    });
    return ok({ key, from: SINCE_EVER, before, after: null });
  });
}

/**
 * What a ServiceContext carries (main.ts, the CLI, the close worker, tests): every version, and the
 * settings in force in the clock's current month.
 */
export async function contextSettings(
  db: Pick<Db, "setting">,
  clock: Clock = systemClock,
): Promise<{ settings: Settings; settingsTimeline: SettingsTimeline }> {
  const settingsTimeline = await loadSettingsTimeline(db);
  return { settings: settingsIn(settingsTimeline, currentMonth(clock)), settingsTimeline };
}
