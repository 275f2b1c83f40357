// `org import <file> [--actor <id>] [--lang en]` | `org show [--json] [--lang en]`: the organisation
// (center, roles, windows, people; RULES.md §1) from its JSON file, and what is stored now.
import fs from "node:fs";
import { formatConfigError } from "../../config.ts";
import { importOrg, showOrg } from "../../services/org.ts";
import { errorText, type Lang, t } from "../../slack/i18n/index.ts";
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
          lines.push(`    ${p.active ? " " : "x"} ${p.id.padEnd(12)} ${p.role.padEnd(13)} ${p.name}`);
      }
      process.stdout.write(`${lines.join("\n")}\n`);
      return 0;
    } finally {
      await db.$disconnect();
    }
  },
};
