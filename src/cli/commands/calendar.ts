// `calendar import <file> [--year <y>] [--actor <id>]`, `calendar show <year>`, `calendar years`
// (RULES.md §2: the center loads a new year's official schedule; a loaded year replaces the package's).
// Accepts JSON {"year":2027,"holidays":[{"date","name"}…],"workdays":[…]} or an .ics like chinese-days ships.
import fs from "node:fs";
import path from "node:path";
import { createWorkCalendar } from "../../domain/calendar.ts";
import { datesInRange, weekday } from "../../domain/dates.ts";
import type { Err } from "../../domain/result.ts";
import {
  importHolidaySchedule,
  loadedYears,
  loadHolidaySchedule,
  packageYears,
  parseScheduleFile,
} from "../../services/calendar.ts";
import type { CliCommand } from "../main.ts";
import { defaultActor, openDb } from "../serviceContext.ts";

type Say = (zh: string, en: string) => string;

const USAGE =
  "calendar import <file> [--year <y>] [--actor <id>] | calendar show <year> | calendar years  [--lang en]";
const WEEKDAYS_ZH = ["日", "一", "二", "三", "四", "五", "六"];
const WEEKDAYS_EN = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function message(e: Err, say: Say): string {
  const d = (e.detail ?? {}) as Record<string, unknown>;
  const s = (v: unknown) => (Array.isArray(v) ? v.join(", ") : String(v));
  switch (e.code) {
    case "CALENDAR.BAD_FILE":
      return say(`文件格式不对：${s(d.reason)}`, `bad file: ${s(d.reason)}`);
    case "CALENDAR.BAD_YEAR":
      return say(`年份无效：${s(d.year)}`, `invalid year: ${s(d.year)}`);
    case "CALENDAR.BAD_DATE":
      return say(`日期无效：${s(d.date)}（应为 YYYY-MM-DD）`, `invalid date: ${s(d.date)} (use YYYY-MM-DD)`);
    case "CALENDAR.DATE_OUTSIDE_YEAR":
      return say(`日期 ${s(d.date)} 不在 ${s(d.year)} 年内`, `date ${s(d.date)} is not in ${s(d.year)}`);
    case "CALENDAR.DUPLICATE_DATE":
      return say(`日期 ${s(d.date)} 重复出现`, `date ${s(d.date)} is listed twice`);
    case "CALENDAR.HOLIDAY_AND_WORKDAY":
      return say(
        `日期 ${s(d.date)} 既是节假日又是调休上班日`,
        `date ${s(d.date)} is both a holiday and a make-up workday`,
      );
    case "CALENDAR.WORKDAY_NOT_WEEKEND":
      return say(
        `调休上班日 ${s(d.date)} 不是周六或周日`,
        `make-up workday ${s(d.date)} is not a Saturday or Sunday`,
      );
    case "CALENDAR.HOLIDAY_COUNT":
      return say(
        `节假日共 ${s(d.count)} 天，不合常理（应在 ${s(d.min)}–${s(d.max)} 天之间）`,
        `${s(d.count)} holidays is implausible (expected ${s(d.min)}–${s(d.max)})`,
      );
    case "CALENDAR.WORKDAY_COUNT":
      return say(
        `调休上班日共 ${s(d.count)} 天，不合常理（最多 ${s(d.max)} 天）`,
        `${s(d.count)} make-up workdays is implausible (at most ${s(d.max)})`,
      );
    case "CALENDAR.ICS_YEARS":
      return say(
        `该 .ics 文件包含多个年份（${s(d.years)}），请用 --year 指定`,
        `the .ics file holds several years (${s(d.years)}); pick one with --year`,
      );
    default:
      return say(`失败：${e.code}`, `failed: ${e.code}`);
  }
}

function langOf(args: string[]): "zh" | "en" {
  const i = args.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  if (i < 0) return "zh";
  return (args[i]!.includes("=") ? args[i]!.split("=")[1] : args[i + 1]) === "en" ? "en" : "zh";
}

/** Splits `--name value` / `--name=value` options from positional words. */
function options(args: string[], known: readonly string[]): { pos: string[]; opt: Map<string, string> } {
  const pos: string[] = [];
  const opt = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith("--")) {
      pos.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = eq > 0 ? a.slice(eq + 1) : args[++i];
    if (!known.includes(name)) throw new UsageError(`${name}`, "unknown");
    if (value === undefined) throw new UsageError(name, "missing");
    opt.set(name, value);
  }
  return { pos, opt };
}

class UsageError extends Error {
  constructor(
    readonly arg: string,
    readonly problem: "unknown" | "missing" | "invalid",
  ) {
    super(`${arg} ${problem}`);
  }
}

function usageText(e: UsageError, say: Say): string {
  switch (e.problem) {
    case "unknown":
      return say(`未知参数 ${e.arg}`, `unknown argument ${e.arg}`);
    case "missing":
      return say(`缺少 ${e.arg}`, `missing ${e.arg}`);
    default:
      return say(`参数无效：${e.arg}`, `invalid argument: ${e.arg}`);
  }
}

function parseYear(text: string | undefined, label: string): number {
  if (text === undefined) throw new UsageError(label, "missing");
  if (!/^\d{4}$/.test(text)) throw new UsageError(`${label} "${text}"`, "invalid");
  return Number(text);
}

async function runImport(pos: string[], opt: Map<string, string>, say: Say): Promise<number> {
  const file = pos[0];
  if (!file || pos.length > 1)
    throw new UsageError(file ? pos.slice(1).join(" ") : "<file>", file ? "unknown" : "missing");
  const year = opt.has("--year") ? parseYear(opt.get("--year"), "--year") : undefined;
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    process.stderr.write(
      say(`无法读取文件 ${file}：${(e as Error).message}`, `cannot read ${file}: ${(e as Error).message}`) +
        "\n",
    );
    return 1;
  }
  const parsed = parseScheduleFile(text, file, year);
  if (!parsed.ok) {
    process.stderr.write(`${file}: ${message(parsed, say)}\n`);
    return 1;
  }
  const db = openDb();
  try {
    const r = await importHolidaySchedule(db, parsed.value, opt.get("--actor") ?? defaultActor(), {
      source: path.basename(file),
    });
    if (!r.ok) {
      process.stderr.write(
        `${file}: ${message(r, say)}${say("（未写入任何数据）", " (nothing was written)")}\n`,
      );
      return 1;
    }
    const v = r.value;
    process.stdout.write(
      say(
        `已${v.replaced ? "替换" : "导入"} ${v.year} 年安排：节假日 ${v.holidays} 天，调休上班 ${v.workdays} 天\n`,
        `${v.replaced ? "Replaced" : "Loaded"} ${v.year}: ${v.holidays} holidays, ${v.workdays} make-up workdays\n`,
      ),
    );
    return 0;
  } finally {
    await db.$disconnect();
  }
}

async function runShow(pos: string[], say: Say, lang: "zh" | "en"): Promise<number> {
  if (pos.length > 1) throw new UsageError(pos.slice(1).join(" "), "unknown");
  const year = parseYear(pos[0], "<year>");
  const db = openDb();
  try {
    const schedule = await loadHolidaySchedule(db);
    const calendar = createWorkCalendar(schedule);
    if (!calendar.coversYear(year)) {
      process.stderr.write(
        say(
          `没有 ${year} 年的法定节假日安排；请用 "calendar import <file>" 导入\n`,
          `no official schedule for ${year}; load it with "calendar import <file>"\n`,
        ),
      );
      return 1;
    }
    const loaded = (await db.calendarYear.findUnique({ where: { year } })) ?? undefined;
    const source = loaded
      ? say(
          `中心导入（${loaded.source}，${loaded.loadedBy}）`,
          `loaded by the center (${loaded.source}, ${loaded.loadedBy})`,
        )
      : say("chinese-days 数据包", "chinese-days package");
    const lines = [`${year}  ${source}`];
    const wd = (d: string) => (lang === "en" ? WEEKDAYS_EN : WEEKDAYS_ZH)[weekday(d)];
    for (const d of datesInRange(`${year}-01-01`, `${year}-12-31`)) {
      const h = schedule.holidays.get(d);
      const w = schedule.makeUpWorkdays.get(d);
      if (h !== undefined) lines.push(`  ${d} ${wd(d)}  ${say("休", "off")}  ${h}`);
      if (w !== undefined) lines.push(`  ${d} ${wd(d)}  ${say("班", "on ")}  ${w}`);
    }
    const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);
    lines.push(
      say("每月工作日：", "working days per month:") +
        months.map((m) => `${m.slice(5)}:${calendar.workingDaysInMonth(m)}`).join(" "),
    );
    process.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

async function runYears(pos: string[], say: Say): Promise<number> {
  if (pos.length > 0) throw new UsageError(pos.join(" "), "unknown");
  const db = openDb();
  try {
    const pkg = packageYears();
    const loaded = await loadedYears(db);
    const rows = await db.calendarYear.findMany({ orderBy: { year: "asc" } });
    const lines = [
      say(`chinese-days 数据包：${pkg[0]}–${pkg.at(-1)}`, `chinese-days package: ${pkg[0]}–${pkg.at(-1)}`),
    ];
    for (const r of rows) {
      const y = loaded.find((l) => l.year === r.year)!;
      lines.push(
        say(
          `中心导入 ${r.year}：${r.source}，${r.loadedBy}，${r.loadedAt.toISOString()}，节假日 ${y.holidays.length} 天，调休上班 ${y.workdays.length} 天${pkg.includes(r.year) ? "（替代数据包）" : ""}`,
          `center-loaded ${r.year}: ${r.source}, ${r.loadedBy}, ${r.loadedAt.toISOString()}, ${y.holidays.length} holidays, ${y.workdays.length} make-up workdays${pkg.includes(r.year) ? " (replaces the package)" : ""}`,
        ),
      );
    }
    process.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

export const command: CliCommand = {
  summary: "working-day calendar: calendar import <file> | show <year> | years",
  async run(args) {
    const lang = langOf(args);
    const say: Say = (zh, en) => (lang === "en" ? en : zh);
    try {
      const { pos, opt } = options(args, ["--year", "--actor", "--lang"]);
      const [sub, ...rest] = pos;
      switch (sub) {
        case "import":
          return await runImport(rest, opt, say);
        case "show":
          return await runShow(rest, say, lang);
        case "years":
          return await runYears(rest, say);
        default:
          throw new UsageError(
            sub === undefined ? "import|show|years" : `"${sub}"`,
            sub === undefined ? "missing" : "unknown",
          );
      }
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      process.stderr.write(`${usageText(e, say)}\n${say("用法", "usage")}: ${USAGE}\n`);
      return 2;
    }
  },
};
