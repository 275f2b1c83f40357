// `route --kind <kind> --role <staff|window_leader> --days <n> [--ytd-personal <n>] [--ytd-sick <n>]
//  [--preceding-sick <n>] [--annual-balance <n>] [--lang en]`: the approval chain RULES.md §3 gives,
// as JSON. Needs no database: without --annual-balance no annual-leave offset is applied.
import {
  parseRequestKind,
  REQUEST_KINDS,
  type Role,
  type RouteInput,
  routeRequest,
  stepKey,
} from "../../domain/routing.ts";
import type { CliCommand } from "../main.ts";

type Lang = "zh" | "en";

const USAGE =
  "route --kind <personal|sick|annual|marriage|maternity|nursing|family|breastfeeding|trip> " +
  "--role <staff|window_leader> --days <n> [--ytd-personal <n>] [--ytd-sick <n>] [--preceding-sick <n>] " +
  "[--annual-balance <n>] [--lang en]";

const KINDS = REQUEST_KINDS.map((k) => k.kind);

const OPTIONS = {
  "--kind": "kind",
  "--role": "role",
  "--days": "halfDays",
  "--ytd-personal": "ytdPersonalHalfDays",
  "--ytd-sick": "ytdSickHalfDays",
  "--preceding-sick": "precedingSickHalfDays",
  "--annual-balance": "annualRemainingHalfDays",
  "--lang": "lang",
} as const;
type Option = keyof typeof OPTIONS;

class UsageError extends Error {}

/** "3", "0.5", "12.0" → half days; null unless a non-negative multiple of 0.5. */
function parseDays(text: string): number | null {
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const half = Number(text) * 2;
  return Number.isSafeInteger(half) ? half : null;
}

function parse(args: string[], say: (zh: string, en: string) => string): RouteInput {
  const values = new Map<Option, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf("=");
    const name = (a.startsWith("--") && eq > 0 ? a.slice(0, eq) : a) as Option;
    if (!(name in OPTIONS)) throw new UsageError(say(`未知参数 ${a}`, `unknown argument ${a}`));
    const value = eq > 0 && a.startsWith("--") ? a.slice(eq + 1) : args[++i];
    if (value === undefined) throw new UsageError(say(`参数 ${name} 缺少取值`, `${name} needs a value`));
    if (values.has(name)) throw new UsageError(say(`参数 ${name} 重复`, `${name} given twice`));
    values.set(name, value);
  }
  for (const req of ["--kind", "--role", "--days"] as const) {
    if (!values.has(req)) throw new UsageError(say(`缺少参数 ${req}`, `missing ${req}`));
  }
  const kindText = values.get("--kind")!;
  const kind = parseRequestKind(kindText); // also 事假, 病假, 年假 …
  if (!kind) {
    throw new UsageError(
      say(
        `--kind 无效："${kindText}"，应为 ${KINDS.join("|")}`,
        `--kind is invalid: "${kindText}"; use ${KINDS.join("|")}`,
      ),
    );
  }
  const role = values.get("--role")!;
  if (role !== "staff" && role !== "window_leader") {
    throw new UsageError(
      say(
        `--role 无效："${role}"，应为 staff|window_leader`,
        `--role is invalid: "${role}"; use staff|window_leader`,
      ),
    );
  }
  const input: RouteInput = { kind, role: role as Role, halfDays: 0 };
  for (const [opt, field] of Object.entries(OPTIONS) as [Option, string][]) {
    if (opt === "--kind" || opt === "--role" || opt === "--lang" || !values.has(opt)) continue;
    const text = values.get(opt)!;
    const half = parseDays(text);
    const positive = opt === "--days";
    if (half === null || (positive && half === 0)) {
      throw new UsageError(
        positive
          ? say(
              `--days 无效："${text}"，应为 0.5 的正整数倍（如 0.5、1、3.5）`,
              `--days is invalid: "${text}"; use a positive multiple of 0.5 (0.5, 1, 3.5)`,
            )
          : say(
              `${opt} 无效："${text}"，应为 0 或 0.5 的整数倍`,
              `${opt} is invalid: "${text}"; use 0 or a multiple of 0.5`,
            ),
      );
    }
    (input as unknown as Record<string, number>)[field] = half;
  }
  return input;
}

function langOf(args: string[]): Lang {
  const i = args.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  if (i < 0) return "zh";
  const v = args[i]!.includes("=") ? args[i]!.split("=")[1] : args[i + 1];
  return v === "en" ? "en" : "zh";
}

export const command: CliCommand = {
  summary: "show the approval chain for a request (RULES.md §3): route --kind personal --role staff --days 3",
  async run(args) {
    const lang = langOf(args);
    const say = (zh: string, en: string) => (lang === "en" ? en : zh);
    let input: RouteInput;
    try {
      input = parse(args, say);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      process.stderr.write(`${e.message}\n${say("用法", "usage")}: ${USAGE}\n`);
      return 2;
    }
    const r = routeRequest(input);
    if (!r.ok) {
      const d = r.detail ?? {};
      const days = (h: unknown) => (typeof h === "number" ? h / 2 : h);
      const text =
        r.code === "ROUTE.ANNUAL_BALANCE"
          ? say(
              `年休假余额不足：剩余 ${days(d.remainingHalfDays)} 天，申请 ${days(d.requestedHalfDays)} 天（--annual-balance）`,
              `not enough annual leave: ${days(d.remainingHalfDays)} days left, ${days(d.requestedHalfDays)} requested (--annual-balance)`,
            )
          : say(`无法确定审批流程：${r.code}`, `cannot route: ${r.code}`);
      process.stderr.write(`${text}\n`);
      return 1;
    }
    const route = r.value;
    const out = {
      steps: route.steps.map(stepKey),
      filingOnly: route.filingOnly,
      flags: route.flags,
      rule: route.rule,
      outsideSteps: route.steps.filter((s) => s.outside).map(stepKey),
      annualOffsetDays: route.annualOffsetHalfDays / 2,
      personalDays: route.personalHalfDays / 2,
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return 0;
  },
};
