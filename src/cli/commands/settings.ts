import type { Err } from "../../domain/result.ts";
import { systemClock } from "../../services/clock.ts";
import {
  getSetting,
  listSettings,
  resetSetting,
  SETTING_KEYS,
  SINCE_EVER,
  setSetting,
  settingHistory,
} from "../../services/settings.ts";
import type { CliCommand } from "../main.ts";
import { defaultActor, openDb } from "../serviceContext.ts";

type Say = (zh: string, en: string) => string;

const USAGE =
  "settings list [--month YYYY-MM] | get <key> [--month YYYY-MM] | set <key> <json> [--from YYYY-MM] | " +
  "reset <key> [--from YYYY-MM] | history [<key>]  [--actor <id>] [--lang en]";

function message(e: Err, say: Say): string {
  const d = (e.detail ?? {}) as Record<string, unknown>;
  switch (e.code) {
    case "SETTINGS.UNKNOWN_KEY": {
      const key = String(d.key);
      const near = SETTING_KEYS.filter((k) => k.toLowerCase().includes(key.split(".").at(-1)!.toLowerCase()));
      const hint = near.length > 0 && near.length <= 5 ? near.join(", ") : "settings list";
      return say(`没有设置项 "${key}"（参见：${hint}）`, `unknown setting "${key}" (see: ${hint})`);
    }
    case "SETTINGS.BAD_MONTH":
      return say(
        `月份 "${String(d.from)}" 无效（应为 YYYY-MM）`,
        `bad month "${String(d.from)}" (want YYYY-MM)`,
      );
    case "SETTINGS.MONTH_CLOSED":
      // RULES.md §8a: a closed month keeps the settings it was scored under; a correction reopens it first.
      return say(
        `${String(d.month)} 已结算，"${String(d.key)}" 不能从 ${String(d.from)} 起生效：请先由主任重新打开 ${String(d.month)}，或从其后的月份起生效（--from）`,
        `${String(d.month)} is closed, so "${String(d.key)}" cannot take effect from ${String(d.from)}: have the director reopen ${String(d.month)} first, or choose a later month (--from)`,
      );
    case "SETTINGS.BAD_VALUE":
      return say(
        `设置 "${String(d.key)}" 的取值无效：${String(d.issue)}`,
        `bad value for "${String(d.key)}": ${String(d.issue)}`,
      );
    default:
      return say(`失败：${e.code}`, `failed: ${e.code}`);
  }
}

/** JSON, or a bare word taken as a string (`set routing.dayBasis.sick working`). */
function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const command: CliCommand = {
  summary:
    "rule settings (RULES.md (config), by effective month §8a): settings list | get <key> | set <key> <json> [--from YYYY-MM] | reset <key> | history [<key>]",
  async run(args) {
    const pos: string[] = [];
    let actor = defaultActor();
    let lang = "zh";
    let from: string | undefined;
    let month: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === "--actor" || a === "--lang" || a === "--from" || a === "--month") {
        const v = args[++i];
        if (v === undefined) {
          process.stderr.write(`${a}: missing value\nusage: ${USAGE}\n`);
          return 2;
        }
        if (a === "--actor") actor = v;
        else if (a === "--from") from = v;
        else if (a === "--month") month = v;
        else lang = v;
      } else pos.push(a);
    }
    const say: Say = (zh, en) => (lang === "en" ? en : zh);
    const [sub, ...rest] = pos;
    const want = { list: 0, get: 1, set: 2, reset: 1, history: 1 } as Record<string, number>;
    // `history` takes its key optionally.
    const fits = sub === "history" ? rest.length <= 1 : rest.length === want[sub ?? ""];
    if (sub === undefined || !(sub in want) || !fits) {
      const what =
        sub === undefined
          ? say("缺少子命令 list|get|set|reset|history", "missing list|get|set|reset|history")
          : !(sub in want)
            ? say(`未知子命令 "${sub}"`, `unknown subcommand "${sub}"`)
            : say(`"${sub}" 需要 ${want[sub]} 个参数`, `"${sub}" takes ${want[sub]} argument(s)`);
      process.stderr.write(`${what}\n${say("用法", "usage")}: ${USAGE}\n`);
      return 2;
    }
    const db = openDb();
    try {
      switch (sub) {
        case "list": {
          const lines = (await listSettings(db, month)).map(
            (e) =>
              `${e.key} = ${JSON.stringify(e.value)}${e.overridden ? say(`  （默认 ${JSON.stringify(e.default)}）`, `  (default ${JSON.stringify(e.default)})`) : ""}`,
          );
          process.stdout.write(`${lines.join("\n")}\n`);
          return 0;
        }
        case "get": {
          const r = await getSetting(db, rest[0]!, month);
          if (!r.ok) {
            process.stderr.write(`${message(r, say)}\n`);
            return 1;
          }
          process.stdout.write(`${JSON.stringify(r.value.value)}\n`);
          return 0;
        }
        case "history": {
          // Every version, oldest first: the month it takes effect and its value (RULES.md §8a).
          const r = await settingHistory(db, rest[0]);
          if (!r.ok) {
            process.stderr.write(`${message(r, say)}\n`);
            return 1;
          }
          const since = (m: string) =>
            m === SINCE_EVER ? say("一直", "always") : say(`${m} 起`, `from ${m}`);
          const lines = r.value.map(
            (v) =>
              `${v.key}  ${since(v.fromMonth)}  = ${JSON.stringify(v.value)}${say(`  （默认 ${JSON.stringify(v.default)}）`, `  (default ${JSON.stringify(v.default)})`)}`,
          );
          if (lines.length === 0)
            lines.push(say("（无改动：全部为默认值）", "(no changes: every setting is its default)"));
          process.stdout.write(`${lines.join("\n")}\n`);
          return 0;
        }
        default: {
          // set or reset (from the month given, else the current one): what the value was and what it is now.
          const r =
            sub === "set"
              ? await setSetting(db, rest[0]!, parseValue(rest[1]!), actor, systemClock, from)
              : await resetSetting(db, rest[0]!, actor, systemClock, from);
          if (!r.ok) {
            process.stderr.write(`${message(r, say)}\n`);
            return 1;
          }
          process.stdout.write(
            `${r.value.key}: ${JSON.stringify(r.value.before)} → ${JSON.stringify(r.value.after)}${say(`（${r.value.from} 起生效）`, ` (from ${r.value.from})`)}\n`,
          );
          return 0;
        }
      }
    } finally {
      await db.$disconnect();
    }
  },
};
