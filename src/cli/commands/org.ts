// `org import <file> [--actor <id>] [--lang en]` | `org show [--json] [--lang en]`: the organisation
// (center, roles, windows, people; RULES.md §1) from its JSON file, and what is stored now. After an
// import, everyone's language is read from Slack (users.list) when the environment has the bot token.
import fs from "node:fs";
import { formatConfigError, loadSlackApiConfig } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { DEFAULT_OPERATIONS_SETTINGS } from "../../services/closeSettings.ts";
import { LocaleSyncError, syncLocales } from "../../services/locales.ts";
import { importOrg, showOrg } from "../../services/org.ts";
import { loadSettings } from "../../services/settings.ts";
import { errorText, type Lang, t } from "../../slack/i18n/index.ts";
import { userDirectoryFor } from "../../slack/userDirectory.ts";
import type { CliCommand } from "../main.ts";
import { defaultActor, openDatabase } from "../serviceContext.ts";

const USAGE = "org import <file.json> [--actor <id>] [--lang en] | org show [--json] [--lang en]";

/** Takes `--name value` and `--flag` options out of args. */
function options(args: string[]): { rest: string[]; opts: Map<string, string | true> } {
  const rest: string[] = [];
  const opts = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--json") opts.set(a, true);
    else if (a.startsWith("--")) opts.set(a, args[++i] ?? "");
    else rest.push(a);
  }
  return { rest, opts };
}

/** Reads the locales of the organisation just imported from Slack, or says when the bot will. */
async function readLocales(db: Db, lang: Lang): Promise<void> {
  const hourOf = async () => {
    const settings = await loadSettings(db).catch(() => ({ operations: DEFAULT_OPERATIONS_SETTINGS }));
    return String(settings.operations.jobs.localeSyncHour).padStart(2, "0");
  };
  const slack = loadSlackApiConfig(process.env);
  if (!slack.ok) {
    process.stderr.write(`${formatConfigError(slack)}\n`);
    return;
  }
  const directory = userDirectoryFor(slack.value);
  if (!directory) {
    process.stdout.write(`${t(lang, "org.locales_later", { hour: await hourOf() })}\n`);
    return;
  }
  try {
    const r = await syncLocales(db, directory);
    const lines = [
      t(lang, "org.locales_synced", {
        members: r.members,
        pages: r.pages,
        people: r.people,
        others: r.others,
      }),
    ];
    if (r.missing.length) lines.push(t(lang, "org.locales_missing", { ids: r.missing.join(", ") }));
    if (r.deactivated.length)
      lines.push(t(lang, "org.locales_deactivated", { ids: r.deactivated.join(", ") }));
    process.stdout.write(`${lines.join("\n")}\n`);
  } catch (e) {
    const error =
      e instanceof LocaleSyncError
        ? errorText(lang, e)
        : ((e as { data?: { error?: unknown } }).data?.error ?? (e instanceof Error ? e.message : e));
    process.stderr.write(
      `${t(lang, "org.locales_failed", { error: String(error), hour: await hourOf() })}\n`,
    );
  }
}

export const command: CliCommand = {
  summary: "organisation: org import <file.json> | org show",
  async run(args) {
    const { rest, opts } = options(args);
    const lang: Lang = opts.get("--lang") === "en" ? "en" : "zh";
    const [sub, file] = rest;
    if (sub !== "import" && sub !== "show") {
      process.stderr.write(`usage: ${USAGE}\n`);
      return 2;
    }
    if (sub === "import" && !file) {
      process.stderr.write(`usage: ${USAGE}\n`);
      return 2;
    }
    let json: unknown;
    if (sub === "import") {
      try {
        json = JSON.parse(fs.readFileSync(file!, "utf8"));
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        process.stderr.write(
          lang === "en" ? `cannot read ${file} as JSON: ${why}\n` : `无法按 JSON 读取 ${file}：${why}\n`,
        );
        return 1;
      }
    }
    const opened = openDatabase();
    if (!opened.ok) {
      process.stderr.write(`${formatConfigError(opened)}\n`);
      return 1;
    }
    const db = opened.value;
    try {
      if (sub === "import") {
        const actor = typeof opts.get("--actor") === "string" ? String(opts.get("--actor")) : defaultActor();
        const r = await importOrg(db, json, actor);
        if (!r.ok) {
          process.stderr.write(`${errorText(lang, r)}\n`);
          return 1;
        }
        const { windows: w, people: p, inspection } = r.value;
        process.stdout.write(
          `${t(lang, "org.imported", {
            wc: w.created,
            wu: w.updated,
            wn: w.unchanged,
            wd: w.deactivated,
            pc: p.created,
            pu: p.updated,
            pn: p.unchanged,
            pd: p.deactivated,
            inspection,
          })}\n`,
        );
        await readLocales(db, lang);
        return 0;
      }
      const org = await showOrg(db);
      if (opts.has("--json")) {
        process.stdout.write(`${JSON.stringify(org, null, 2)}\n`);
        return 0;
      }
      if (!org.center) {
        process.stdout.write(lang === "en" ? "no organisation imported yet\n" : "尚未导入组织架构\n");
        return 0;
      }
      const c = org.center;
      const lines = [
        `${c.name}  #${c.channelId}  director ${c.directorId}  deputy ${c.deputyDirectorId}`,
        `inspection: ${org.inspection.join(", ")}`,
      ];
      for (const w of org.windows) {
        lines.push(
          `${w.active ? "" : "(inactive) "}${w.id}  ${w.name}  leader ${w.leaderId ?? "-"}  parent-unit ${w.parentUnitLeaderId ?? "(outside)"}`,
        );
        for (const p of w.people)
          lines.push(
            `    ${p.active ? " " : "x"} ${p.id.padEnd(12)} ${p.role.padEnd(13)} ${p.name}${p.backupId ? `  B ${p.backupId}` : ""}`,
          );
      }
      process.stdout.write(`${lines.join("\n")}\n`);
      return 0;
    } finally {
      await db.$disconnect();
    }
  },
};
