import type { Err } from "../../domain/result.ts";
import { getSetting, listSettings, resetSetting, SETTING_KEYS, setSetting } from "../../services/settings.ts";
import type { CliCommand } from "../main.ts";
import { defaultActor, openDb } from "../serviceContext.ts";

type Say = (zh: string, en: string) => string;

const USAGE = "settings list | get <key> | set <key> <json> | reset <key>  [--actor <id>] [--lang en]";

function message(e: Err, say: Say): string {
  const d = (e.detail ?? {}) as Record<string, unknown>;
  switch (e.code) {
    case "SETTINGS.UNKNOWN_KEY": {
      const key = String(d.key);
      const near = SETTING_KEYS.filter((k) => k.toLowerCase().includes(key.split(".").at(-1)!.toLowerCase()));
      const hint = near.length > 0 && near.length <= 5 ? near.join(", ") : "settings list";
      return say(`没有设置项 "${key}"（参见：${hint}）`, `unknown setting "${key}" (see: ${hint})`);
    }
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
  summary: "rule settings (RULES.md (config)): settings list | get <key> | set <key> <json> | reset <key>",
  async run(args) {
    const pos: string[] = [];
    let actor = defaultActor();
    let lang = "zh";
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === "--actor" || a === "--lang") {
        const v = args[++i];
        if (v === undefined) {
          process.stderr.write(`${a}: missing value\nusage: ${USAGE}\n`);
          return 2;
        }
        if (a === "--actor") actor = v;
        else lang = v;
      } else pos.push(a);
    }
    const say: Say = (zh, en) => (lang === "en" ? en : zh);
    const [sub, ...rest] = pos;
    const want = { list: 0, get: 1, set: 2, reset: 1 } as Record<string, number>;
    if (sub === undefined || !(sub in want) || rest.length !== want[sub]) {
      const what =
        sub === undefined
          ? say("缺少子命令 list|get|set|reset", "missing list|get|set|reset")
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
          const lines = (await listSettings(db)).map(
            (e) =>
              `${e.key} = ${JSON.stringify(e.value)}${e.overridden ? say(`  （默认 ${JSON.stringify(e.default)}）`, `  (default ${JSON.stringify(e.default)})`) : ""}`,
          );
          process.stdout.write(`${lines.join("\n")}\n`);
          return 0;
        }
        case "get": {
          const r = await getSetting(db, rest[0]!);
          if (!r.ok) {
            process.stderr.write(`${message(r, say)}\n`);
            return 1;
          }
          process.stdout.write(`${JSON.stringify(r.value.value)}\n`);
          return 0;
        }
        default: {
          // set or reset: both say what the value was and what it is now.
          const r =
            sub === "set"
              ? await setSetting(db, rest[0]!, parseValue(rest[1]!), actor)
              : await resetSetting(db, rest[0]!, actor);
          if (!r.ok) {
            process.stderr.write(`${message(r, say)}\n`);
            return 1;
          }
          process.stdout.write(
            `${r.value.key}: ${JSON.stringify(r.value.before)} → ${JSON.stringify(r.value.after)}\n`,
          );
          return 0;
        }
      }
    } finally {
      await db.$disconnect();
    }
  },
};
