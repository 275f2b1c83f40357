// `simulate <ledger.json> [--lang en]`: scores a ledger of months with no database (RULES.md §4–§7)
// and prints the result shapes of §9 as JSON. Records are taken as filed: linked window items are not
// added. Quarters appear when all three of their months are in the ledger; a `years` list appears only
// when a ledger holds all twelve months of a year (stars/leading entries then give the year's awards).
// Bad input: every problem is listed on stderr, naming the entry (`records[3]: unknown code "S-XYZ"`),
// exit 1; usage errors exit 2.
import fs from "node:fs";
import { z } from "zod";
import {
  type CatalogErrorCode,
  checkMonthlyLimit,
  MAX_HALF_DAYS_IN_A_MONTH,
  validateRecordInput,
} from "../../domain/catalog.ts";

/** The ledger gives no calendar: the bound of any month (the scoring caps per-month items as well). */
const ANY_MONTH = { all: MAX_HALF_DAYS_IN_A_MONTH, working: MAX_HALF_DAYS_IN_A_MONTH };

import {
  isIsoDate,
  isMonth,
  isQuarter,
  monthsOfQuarter,
  previousMonth,
  quarterOf,
} from "../../domain/dates.ts";
import {
  fenToYuan,
  formatHundredths,
  type Hundredths,
  hundredthsToNumber,
  parseHundredths,
} from "../../domain/points.ts";
import type { Err } from "../../domain/result.ts";
import { inEvaluation } from "../../domain/scoring/common.ts";
import { scoreMonth } from "../../domain/scoring/month.ts";
import { scoreQuarter } from "../../domain/scoring/quarter.ts";
import { DEFAULT_SCORING_SETTINGS, type ScoringSettings } from "../../domain/scoring/settings.ts";
import type {
  MonthInput,
  MonthResult,
  QuarterResult,
  ScoredRecord,
  ScoringPerson,
  ScoringWindow,
  YearResult,
} from "../../domain/scoring/types.ts";
import { scoreYear } from "../../domain/scoring/year.ts";
import type { CliCommand } from "../main.ts";

type Lang = "zh" | "en";
type Say = (zh: string, en: string) => string;

const USAGE = "simulate <ledger.json> [--lang en]";

// ---- ledger schema (RULES.md §9); exact-decimal and cross-reference checks follow the parse
function ledgerSchema(say: Say) {
  const id = z.string().min(1);
  const month = z.string().refine(isMonth, { message: say("应为月份 YYYY-MM", "expected a month YYYY-MM") });
  const date = z
    .string()
    .refine(isIsoDate, { message: say("应为日期 YYYY-MM-DD", "expected a date YYYY-MM-DD") });
  const count = z.number().int().nonnegative();
  const days = z.number().nonnegative();

  return z.strictObject({
    months: z.array(month).min(1),
    people: z.array(
      z.strictObject({
        id,
        window: id,
        role: z.enum(["staff", "window_leader"]),
        joined: date.optional(),
        left: date.optional(),
        partyTransferred: z.boolean().optional(),
        exempt: z.boolean().optional(),
        establishment: z.boolean().optional(),
      }),
    ),
    windows: z.array(
      z.strictObject({
        id,
        profile: z
          .strictObject({
            leaderNotMiddle: z.boolean().default(false),
            leaderNotHead: z.boolean().default(false),
            missingItems: count.default(0),
            unauthorisedItems: count.default(0),
          })
          .optional(),
        flags: z.array(z.union([z.literal(1), z.literal(2), z.literal(4)])).optional(),
      }),
    ),
    records: z
      .array(
        z.strictObject({
          month,
          person: id.optional(),
          window: id.optional(),
          code: z.string(),
          count: z.number().optional(),
          points: z.number().optional(),
        }),
      )
      .default([]),
    personalLeaveDays: z.array(z.strictObject({ month, person: id, days })).default([]),
    ratings: z
      .array(z.strictObject({ month, person: id, satisfied: count, basic: count, unsatisfied: count }))
      .default([]),
    seconded: z
      .array(z.strictObject({ month, person: id, days, workingDays: z.number().int().positive() }))
      .default([]),
    centerEvaluation: z
      .array(
        z.strictObject({
          quarter: z.string(),
          person: id.optional(),
          window: id.optional(),
          points: z.number(),
        }),
      )
      .default([]),
    stars: z.array(z.strictObject({ quarter: z.string(), person: id })).default([]),
    leading: z.array(z.strictObject({ quarter: z.string(), window: id })).default([]),
  });
}
type Ledger = z.infer<ReturnType<typeof ledgerSchema>>;

export interface SimulateOutput {
  months: unknown[];
  quarters: unknown[];
  years?: unknown[];
}

function zodPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const k of path) out += typeof k === "number" ? `[${k}]` : out === "" ? String(k) : `.${String(k)}`;
  return out || "(ledger)";
}

function catalogMessage(e: Err<CatalogErrorCode | "CATALOG.MONTH_CAP">, say: Say): string {
  const d = e.detail ?? {};
  const code = String(d.code);
  const pts = (v: unknown) => (typeof v === "number" ? formatHundredths(v) : String(v));
  switch (e.code) {
    case "CATALOG.UNKNOWN_CODE":
      return say(`未知的代码 "${code}"`, `unknown code "${code}"`);
    case "CATALOG.WRONG_TARGET":
      return d.expected === "window"
        ? say(`"${code}" 是窗口项目，应记在 window 下`, `"${code}" is a window item; file it on a window`)
        : say(`"${code}" 是个人项目，应记在 person 下`, `"${code}" is a staff item; file it on a person`);
    case "CATALOG.AUTOMATIC":
      return say(
        `"${code}" 由系统自动计算，不能登记`,
        `"${code}" is computed automatically and cannot be filed`,
      );
    case "CATALOG.LEADER_ONLY":
      return say(`"${code}" 仅限窗口负责人`, `"${code}" is for window leaders only`);
    case "CATALOG.BAD_COUNT":
      return say(
        `count 应为不小于 1 的整数（现为 ${d.count}）`,
        `count must be a whole number ≥ 1 (got ${d.count})`,
      );
    case "CATALOG.COUNT_TOO_HIGH":
      return say(
        `"${code}" 的 count ${d.count} 不合常理（一个月最多 ${d.max}）`,
        `count ${d.count} for "${code}" is not plausible (at most ${d.max} a month)`,
      );
    case "CATALOG.MONTH_CAP":
      // RULES.md §8: a per-month item's range is the most one target gets in a month.
      return say(
        `"${code}" 每月合计最多 ${pts(d.max)} 分，同月已登记 ${pts(d.filed)} 分，最多还可记 ${pts(d.left)} 分`,
        `"${code}" gives at most ${pts(d.max)} a month; ${pts(d.filed)} already in that month, ${pts(d.left)} left`,
      );
    case "CATALOG.POINTS_REQUIRED":
      return say(
        `"${code}" 须给出 points（${pts(d.min)}–${pts(d.max)} 分）`,
        `"${code}" needs points (${pts(d.min)}–${pts(d.max)})`,
      );
    case "CATALOG.POINTS_OUT_OF_RANGE":
      return d.min === d.max
        ? say(
            `"${code}" 固定为 ${pts(d.min)} 分，points ${pts(d.points)} 不被接受`,
            `"${code}" is fixed at ${pts(d.min)}; points ${pts(d.points)} refused`,
          )
        : say(
            `points ${pts(d.points)} 超出 "${code}" 的范围 ${pts(d.min)}–${pts(d.max)}`,
            `points ${pts(d.points)} outside the range of "${code}" (${pts(d.min)}–${pts(d.max)})`,
          );
  }
}

/** Checks the ledger's cross-references; returns every problem found, each naming its entry. */
function check(l: Ledger, say: Say): string[] {
  const errors: string[] = [];
  const add = (where: string, zh: string, en: string) => errors.push(`${where}: ${say(zh, en)}`);
  const months = new Set<string>();
  l.months.forEach((m, i) => {
    if (i > 0 && m <= l.months[i - 1]!)
      add(
        `months[${i}]`,
        `"${m}" 不在 "${l.months[i - 1]}" 之后（月份须递增）`,
        `"${m}" is not after "${l.months[i - 1]}" (months must ascend)`,
      );
    months.add(m);
  });
  const windowIds = new Set<string>();
  l.windows.forEach((w, i) => {
    if (windowIds.has(w.id)) add(`windows[${i}]`, `窗口 id "${w.id}" 重复`, `duplicate window id "${w.id}"`);
    windowIds.add(w.id);
  });
  const people = new Map<string, Ledger["people"][number]>();
  l.people.forEach((p, i) => {
    if (people.has(p.id)) add(`people[${i}]`, `人员 id "${p.id}" 重复`, `duplicate person id "${p.id}"`);
    else people.set(p.id, p);
    if (!windowIds.has(p.window))
      add(`people[${i}]`, `未知的窗口 "${p.window}"`, `unknown window "${p.window}"`);
    if (p.joined && p.left && p.left < p.joined)
      add(
        `people[${i}]`,
        `离开日期 ${p.left} 早于进驻日期 ${p.joined}`,
        `left ${p.left} is before joined ${p.joined}`,
      );
  });
  const monthKnown = (where: string, m: string) => {
    if (months.has(m)) return true;
    add(where, `月份 "${m}" 不在 months 中`, `month "${m}" is not in months`);
    return false;
  };
  const personIn = (where: string, pid: string, m: string) => {
    const p = people.get(pid);
    if (!p) {
      add(where, `未知的人员 "${pid}"`, `unknown person "${pid}"`);
      return undefined;
    }
    if (!inEvaluation(p, m)) {
      add(where, `人员 "${pid}" 在 ${m} 不参加考评`, `person "${pid}" is not in evaluation in ${m}`);
      return undefined;
    }
    return p;
  };
  const halfDays = (where: string, d: number) => {
    if (Number.isSafeInteger(d * 2)) return true;
    add(where, `天数 ${d} 应为 0.5 的整数倍`, `days ${d} must be a multiple of 0.5`);
    return false;
  };

  const filedSoFar = new Map<string, { count: number; totalHundredths: Hundredths }>();
  l.records.forEach((r, i) => {
    const where = `records[${i}]`;
    if ((r.person === undefined) === (r.window === undefined)) {
      add(where, "须且只能给出 person 或 window 之一", "give exactly one of person or window");
      return;
    }
    if (!monthKnown(where, r.month)) return;
    let points: Hundredths | undefined;
    if (r.points !== undefined) {
      const h = parseHundredths(r.points);
      if (h === null) {
        add(where, `points ${r.points} 最多两位小数`, `points ${r.points} must have at most two decimals`);
        return;
      }
      points = h;
    }
    let role: ScoringPerson["role"] | undefined;
    if (r.person !== undefined) {
      const p = personIn(where, r.person, r.month);
      if (!p) return;
      role = p.role;
    } else if (!windowIds.has(r.window!)) {
      add(where, `未知的窗口 "${r.window}"`, `unknown window "${r.window}"`);
      return;
    }
    const v = validateRecordInput({
      code: r.code,
      target: r.person !== undefined ? "person" : "window",
      ...(points !== undefined ? { points } : {}),
      ...(r.count !== undefined ? { count: r.count } : {}),
      ...(role ? { role } : {}),
    });
    if (!v.ok) {
      errors.push(`${where}: ${catalogMessage(v, say)}`);
      return;
    }
    // The ledger's records of the same target, item and month together, as filing checks them (§8).
    const key = `${r.month}|${r.person ?? ""}|${r.window ?? ""}|${v.value.item.code}`;
    const already = filedSoFar.get(key) ?? { count: 0, totalHundredths: 0 };
    const within = checkMonthlyLimit(v.value, already, ANY_MONTH);
    if (!within.ok) errors.push(`${where}: ${catalogMessage(within, say)}`);
    else
      filedSoFar.set(key, {
        count: already.count + v.value.count,
        totalHundredths: already.totalHundredths + v.value.totalHundredths,
      });
  });
  l.personalLeaveDays.forEach((x, i) => {
    const where = `personalLeaveDays[${i}]`;
    if (monthKnown(where, x.month)) personIn(where, x.person, x.month);
    halfDays(where, x.days);
  });
  l.ratings.forEach((x, i) => {
    const where = `ratings[${i}]`;
    if (monthKnown(where, x.month)) personIn(where, x.person, x.month);
  });
  const secondedTotal = new Map<string, { halfDays: number; workingDays: number }>();
  l.seconded.forEach((x, i) => {
    const where = `seconded[${i}]`;
    if (monthKnown(where, x.month)) personIn(where, x.person, x.month);
    if (!halfDays(where, x.days)) return;
    const key = `${x.month}|${x.person}`;
    const prev = secondedTotal.get(key);
    if (prev && prev.workingDays !== x.workingDays) {
      add(
        where,
        `同一人同月的 workingDays 不一致（${prev.workingDays} 与 ${x.workingDays}）`,
        `workingDays differs from an earlier entry for the same person and month (${prev.workingDays} vs ${x.workingDays})`,
      );
      return;
    }
    const total = (prev?.halfDays ?? 0) + x.days * 2;
    secondedTotal.set(key, { halfDays: total, workingDays: x.workingDays });
    if (total > x.workingDays * 2)
      add(
        where,
        `抽调天数 ${total / 2} 超过当月工作日 ${x.workingDays}`,
        `seconded days ${total / 2} exceed the month's ${x.workingDays} working days`,
      );
  });
  const evalKeys = new Set<string>();
  l.centerEvaluation.forEach((x, i) => {
    const where = `centerEvaluation[${i}]`;
    const isYear = /^\d{4}$/.test(x.quarter);
    if (!isYear && !isQuarter(x.quarter)) {
      add(
        where,
        `"${x.quarter}" 应为季度 YYYY-Qn 或年份 YYYY`,
        `"${x.quarter}" must be a quarter YYYY-Qn or a year YYYY`,
      );
      return;
    }
    if ((x.person === undefined) === (x.window === undefined)) {
      add(where, "须且只能给出 person 或 window 之一", "give exactly one of person or window");
      return;
    }
    if (x.person !== undefined && !people.has(x.person))
      add(where, `未知的人员 "${x.person}"`, `unknown person "${x.person}"`);
    if (x.window !== undefined) {
      if (!windowIds.has(x.window)) add(where, `未知的窗口 "${x.window}"`, `unknown window "${x.window}"`);
      if (!isYear)
        add(
          where,
          "窗口季度分不含中心评价分，只有年度分含",
          "a window's quarter score has no center evaluation; only its year does",
        );
    }
    const h = parseHundredths(x.points);
    if (h === null || h < 0 || h > 1000)
      add(
        where,
        `评价分 ${x.points} 应在 0–10 之间，最多两位小数`,
        `points ${x.points} must be 0–10 with at most two decimals`,
      );
    const key = `${x.quarter}|${x.person ?? ""}|${x.window ?? ""}`;
    if (evalKeys.has(key))
      add(
        where,
        `重复的中心评价 ${x.quarter} ${x.person ?? x.window}`,
        `duplicate evaluation for ${x.quarter} ${x.person ?? x.window}`,
      );
    evalKeys.add(key);
  });
  l.stars.forEach((x, i) => {
    if (!isQuarter(x.quarter))
      add(`stars[${i}]`, `"${x.quarter}" 应为季度 YYYY-Qn`, `"${x.quarter}" must be a quarter YYYY-Qn`);
    if (!people.has(x.person)) add(`stars[${i}]`, `未知的人员 "${x.person}"`, `unknown person "${x.person}"`);
  });
  l.leading.forEach((x, i) => {
    if (!isQuarter(x.quarter))
      add(`leading[${i}]`, `"${x.quarter}" 应为季度 YYYY-Qn`, `"${x.quarter}" must be a quarter YYYY-Qn`);
    if (!windowIds.has(x.window))
      add(`leading[${i}]`, `未知的窗口 "${x.window}"`, `unknown window "${x.window}"`);
  });
  return errors;
}

/** The ledger's records as scoring takes them (checked already). */
function scoredRecords(l: Ledger, people: readonly ScoringPerson[]): ScoredRecord[] {
  return l.records.map((r) => {
    const v = validateRecordInput({
      code: r.code,
      target: r.person !== undefined ? "person" : "window",
      ...(r.points !== undefined ? { points: parseHundredths(r.points)! } : {}),
      ...(r.count !== undefined ? { count: r.count } : {}),
      ...(r.person !== undefined ? { role: people.find((p) => p.id === r.person)!.role } : {}),
    });
    if (!v.ok) throw new Error(`unchecked record ${r.code}`); // check() refused it already
    return {
      month: r.month,
      ...(r.person !== undefined ? { person: r.person } : { window: r.window! }),
      code: r.code,
      count: v.value.count,
      pointsHundredths: v.value.pointsHundredths,
    };
  });
}

function monthInput(
  l: Ledger,
  m: string,
  people: ScoringPerson[],
  windows: ScoringWindow[],
  records: ScoredRecord[],
): MonthInput {
  return {
    month: m,
    people,
    windows,
    records,
    personalLeave: l.personalLeaveDays
      .filter((x) => x.month === m)
      .map((x) => ({ person: x.person, halfDays: x.days * 2 })),
    ratings: l.ratings
      .filter((x) => x.month === m)
      .map((x) => ({ person: x.person, satisfied: x.satisfied, basic: x.basic, unsatisfied: x.unsatisfied })),
    secondments: l.seconded
      .filter((x) => x.month === m)
      .map((x) => ({ person: x.person, halfDays: x.days * 2, workingDays: x.workingDays })),
  };
}

const num = (h: Hundredths | null) => (h === null ? null : hundredthsToNumber(h));

function countBy<T>(rows: readonly T[], key: (t: T) => string | undefined): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) {
    const k = key(r);
    if (k !== undefined) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

/** Parses, checks and scores a ledger's text. */
export function simulateLedger(
  text: string,
  lang: Lang = "zh",
  settings: ScoringSettings = DEFAULT_SCORING_SETTINGS,
): { ok: true; output: SimulateOutput } | { ok: false; errors: string[] } {
  const say: Say = (zh, en) => (lang === "en" ? en : zh);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      errors: [say(`账本不是有效的 JSON：`, "the ledger is not valid JSON: ") + (e as Error).message],
    };
  }
  const parsed = ledgerSchema(say).safeParse(raw, {
    error: (lang === "en" ? z.locales.en() : z.locales.zhCN()).localeError,
  });
  if (!parsed.success)
    return { ok: false, errors: parsed.error.issues.map((i) => `${zodPath(i.path)}: ${i.message}`) };
  const l = parsed.data;
  const errors = check(l, say);
  if (errors.length > 0) return { ok: false, errors };

  const people: ScoringPerson[] = l.people.map((p) => ({ ...p }));
  const windows: ScoringWindow[] = l.windows.map((w) => ({
    id: w.id,
    profile: w.profile ?? {
      leaderNotMiddle: false,
      leaderNotHead: false,
      missingItems: 0,
      unauthorisedItems: 0,
    },
    ...(w.flags ? { flags: w.flags } : {}),
  }));

  const records = scoredRecords(l, people);
  const results = new Map<string, MonthResult>();
  for (const m of l.months) {
    const input = monthInput(l, m, people, windows, records);
    results.set(m, scoreMonth(input, settings, results.get(previousMonth(m))));
  }

  const quarters: QuarterResult[] = [];
  for (const q of [...new Set(l.months.map(quarterOf))]) {
    const ms = monthsOfQuarter(q).map((m) => results.get(m));
    if (ms.some((m) => m === undefined)) continue;
    const evaluations = new Map<string, Hundredths>();
    for (const e of l.centerEvaluation)
      if (e.quarter === q && e.person !== undefined) evaluations.set(e.person, parseHundredths(e.points)!);
    quarters.push(
      scoreQuarter({ quarter: q, months: ms as MonthResult[], people, windows, evaluations }, settings),
    );
  }

  const years: YearResult[] = [];
  for (const y of [...new Set(l.months.map((m) => m.slice(0, 4)))]) {
    const ms = l.months.filter((m) => m.startsWith(`${y}-`));
    if (ms.length < 12) continue;
    const personEvaluations = new Map<string, Hundredths>();
    const windowEvaluations = new Map<string, Hundredths>();
    for (const e of l.centerEvaluation) {
      if (e.quarter !== y) continue;
      if (e.person !== undefined) personEvaluations.set(e.person, parseHundredths(e.points)!);
      if (e.window !== undefined) windowEvaluations.set(e.window, parseHundredths(e.points)!);
    }
    years.push(
      scoreYear(
        {
          year: y,
          months: ms.map((m) => results.get(m)!),
          quarters: quarters.filter((q) => q.quarter.startsWith(`${y}-`)),
          stars: countBy(l.stars, (s) => (s.quarter.startsWith(`${y}-`) ? s.person : undefined)),
          leading: countBy(l.leading, (s) => (s.quarter.startsWith(`${y}-`) ? s.window : undefined)),
          personEvaluations,
          windowEvaluations,
        },
        settings,
      ),
    );
  }

  const output: SimulateOutput = {
    months: [...results.values()].map((r) => ({
      month: r.month,
      people: r.people.map((p) => ({
        id: p.id,
        base: num(p.baseHundredths),
        bonus: num(p.bonusHundredths),
        score: num(p.scoreHundredths),
        rank: p.rank,
        band: p.band,
        amount: fenToYuan(p.amountFen),
        transfer: p.transfer,
      })),
      windows: r.windows.map((w) => ({ id: w.id, score: num(w.scoreHundredths), rank: w.rank })),
    })),
    quarters: quarters.map((q) => ({
      quarter: q.quarter,
      pending: q.pending,
      people: q.people.map((p) => ({
        id: p.id,
        score: num(p.scoreHundredths),
        starEligible: p.starEligible,
        reasons: p.reasons,
      })),
      windows: q.windows.map((w) => ({
        id: w.id,
        score: num(w.scoreHundredths),
        leadingEligible: w.leadingEligible,
        reasons: w.reasons,
      })),
    })),
  };
  if (years.length > 0)
    output.years = years.map((y) => ({
      year: y.year,
      pending: y.pending,
      people: y.people.map((p) => ({ id: p.id, score: num(p.scoreHundredths), stars: p.stars })),
      windows: y.windows.map((w) => ({ id: w.id, score: num(w.scoreHundredths), leading: w.leading })),
    }));
  return { ok: true, output };
}

export const command: CliCommand = {
  summary: "score a ledger of months without a database (RULES.md §9): simulate ledger.json [--lang en]",
  async run(args) {
    let lang: Lang = "zh";
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === "--lang") lang = args[++i] === "en" ? "en" : "zh";
      else if (a.startsWith("--lang=")) lang = a.slice(7) === "en" ? "en" : "zh";
      else files.push(a);
    }
    const say: Say = (zh, en) => (lang === "en" ? en : zh);
    if (files.length !== 1 || files[0]!.startsWith("--")) {
      process.stderr.write(`${say("用法", "usage")}: ${USAGE}\n`);
      return 2;
    }
    const file = files[0]!;
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (e) {
      process.stderr.write(`${say(`无法读取 ${file}`, `cannot read ${file}`)}: ${(e as Error).message}\n`);
      return 2;
    }
    const r = simulateLedger(text, lang);
    if (!r.ok) {
      process.stderr.write(`${file}:\n${r.errors.map((e) => `  ${e}`).join("\n")}\n`);
      return 1;
    }
    process.stdout.write(`${JSON.stringify(r.output)}\n`);
    return 0;
  },
};
