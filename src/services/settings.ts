// Every decision RULES.md marks (config), stored as `Setting` rows (key = dotted path such as
// "routing.dayBasis.sick", value = JSON) over the documented defaults. Values are validated on the way
// in and again on load, so the rules never run on a setting of the wrong shape.
import { z } from "zod";
import type { Db } from "../db/client.ts";
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

async function storedRows(db: Pick<Db, "setting">): Promise<{ key: string; value: Json }[]> {
  const rows = await db.setting.findMany({ orderBy: { key: "asc" } });
  return rows.map((r) => ({ key: r.key, value: parseStored(r.value) }));
}

function parseStored(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text; // not JSON: fails validation with the key named
  }
}

/** The settings in force. Throws (naming the key) if a stored row no longer fits the rules. */
export async function loadSettings(db: Db): Promise<Settings> {
  const rows = await storedRows(db);
  // Validate row by row so the error names the offending key.
  for (let i = 0; i < rows.length; i++) {
    const r = merge(rows.slice(0, i + 1));
    if (!r.ok) {
      throw new Error(
        `设置 "${rows[i]!.key}" 无效 (${r.code}${r.detail?.issue ? `: ${r.detail.issue}` : ""})；` +
          `请用 "npm run --silent cli -- settings reset ${rows[i]!.key}" 恢复默认值。 / ` +
          `Setting "${rows[i]!.key}" is invalid; reset it with "npm run --silent cli -- settings reset ${rows[i]!.key}".`,
      );
    }
  }
  const r = merge(rows);
  if (!r.ok) throw new Error(`settings invalid: ${r.code}`);
  return r.value;
}

export interface SettingEntry {
  key: string;
  value: Json;
  default: Json;
  overridden: boolean;
}

/** Every key with its value in force and its default. */
export async function listSettings(db: Db): Promise<SettingEntry[]> {
  const settings = await loadSettings(db);
  const stored = new Set((await db.setting.findMany({ select: { key: true } })).map((r) => r.key));
  return SETTING_KEYS.map((key) => ({
    key,
    value: valueAt(settings, key),
    default: DEFAULT_LEAVES.get(key),
    overridden: stored.has(key),
  }));
}

/** Codes: SETTINGS.UNKNOWN_KEY {key}. */
export async function getSetting(db: Db, key: string): Promise<Result<SettingEntry>> {
  if (!DEFAULT_LEAVES.has(key)) return err("SETTINGS.UNKNOWN_KEY", { key });
  const entry = (await listSettings(db)).find((e) => e.key === key)!;
  return ok(entry);
}

export interface SettingChange {
  key: string;
  before: Json;
  after: Json;
}

/**
 * Sets one key to a (parsed JSON) value, validated against the whole settings, with an AuditLog row.
 * Codes: SETTINGS.UNKNOWN_KEY {key}, SETTINGS.BAD_VALUE {key, issue}.
 */
export async function setSetting(
  db: Db,
  key: string,
  value: Json,
  actor: string,
  clock: Clock = systemClock,
): Promise<Result<SettingChange>> {
  if (!DEFAULT_LEAVES.has(key)) return err("SETTINGS.UNKNOWN_KEY", { key });
  return db.$transaction(async (tx) => {
    const rows = (await storedRows(tx)).filter((r) => r.key !== key);
    const before = merge(rows);
    const after = merge([...rows, { key, value }]);
    if (!after.ok) return after;
    const beforeValue = before.ok ? valueAt(before.value, key) : null;
    const text = JSON.stringify(value);
    await tx.setting.upsert({ where: { key }, create: { key, value: text }, update: { value: text } });
    await tx.auditLog.create({
      data: {
        at: clock.now(),
        actorId: actor,
        action: "settings.set",
        entity: "Setting",
        entityId: key,
        before: JSON.stringify(beforeValue),
        after: text,
      },
    });
    return ok({ key, before: beforeValue, after: valueAt(after.value, key) });
  });
}

/** Removes a stored value, so the default applies again. Codes: SETTINGS.UNKNOWN_KEY {key} (only if never stored). */
export async function resetSetting(
  db: Db,
  key: string,
  actor: string,
  clock: Clock = systemClock,
): Promise<Result<SettingChange>> {
  return db.$transaction(async (tx) => {
    const row = await tx.setting.findUnique({ where: { key } });
    // A stale key (no longer in the defaults) can still be removed: that is how a bad row is cleared.
    if (!DEFAULT_LEAVES.has(key) && !row) return err("SETTINGS.UNKNOWN_KEY", { key });
    const before = row ? row.value : null;
    const dflt = DEFAULT_LEAVES.has(key) ? DEFAULT_LEAVES.get(key) : null;
    if (row) {
      await tx.setting.delete({ where: { key } });
      await tx.auditLog.create({
        data: {
          at: clock.now(),
          actorId: actor,
          action: "settings.reset",
          entity: "Setting",
          entityId: key,
          before,
          after: JSON.stringify(dflt),
        },
      });
    }
    return ok({ key, before: before === null ? dflt : parseStored(before), after: dflt });
  });
}
