// Shared by the close/import/export/jobs CLI commands: the service context (database from
// DATABASE_URL, migrated; calendar; settings; system clock), flag parsing and bilingual output.
// Messages the commands queue for Slack are sent by the running bot's outbox sender.
import { loadConfig } from "../config.ts";
import { createDb, databaseFilePath } from "../db/client.ts";
import { applyMigrations } from "../db/migrate.ts";
import { loadWorkCalendar } from "../services/calendar.ts";
import { systemClock } from "../services/clock.ts";
import type { ServiceContext } from "../services/context.ts";
import { loadSettings } from "../services/settings.ts";
import { errorText, type Lang } from "../slack/i18n/index.ts";

export async function openContext(): Promise<{ ctx: ServiceContext; close(): Promise<void> }> {
  const cfg = loadConfig({ DATABASE_URL: process.env.DATABASE_URL });
  if (!cfg.ok) throw new Error(`DATABASE_URL ${String(cfg.detail?.message ?? "is invalid")}`);
  applyMigrations(databaseFilePath(cfg.value.databaseUrl));
  const db = createDb(cfg.value.databaseUrl);
  const ctx: ServiceContext = {
    db,
    clock: systemClock,
    calendar: await loadWorkCalendar(db),
    settings: await loadSettings(db),
  };
  return { ctx, close: () => db.$disconnect() };
}

export interface Flags {
  positional: string[];
  values: Map<string, string>;
  switches: Set<string>;
  lang: Lang;
}

/** `--name value` for names in `valued`, `--name` alone otherwise; `--lang en` picks English. */
export function parseFlags(
  args: readonly string[],
  valued: readonly string[],
  switches: readonly string[] = [],
): { ok: true; flags: Flags } | { ok: false; message: string } {
  const flags: Flags = { positional: [], values: new Map(), switches: new Set(), lang: "zh" };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith("--")) {
      flags.positional.push(a);
      continue;
    }
    const name = a.slice(2);
    if (name === "lang" || valued.includes(name)) {
      const v = args[i + 1];
      if (v === undefined || v.startsWith("--"))
        return { ok: false, message: `${a} 缺少取值 / ${a} needs a value` };
      i++;
      if (name === "lang") flags.lang = v === "en" ? "en" : "zh";
      else flags.values.set(name, v);
    } else if (switches.includes(name)) flags.switches.add(name);
    else return { ok: false, message: `未知参数 ${a} / unknown argument ${a}` };
  }
  return { ok: true, flags };
}

export function say(lang: Lang, zh: string, en: string): string {
  return lang === "en" ? en : zh;
}

/** A Result error as one line in the chosen language. */
export function failure(lang: Lang, e: { code: string; detail?: Record<string, unknown> }): string {
  return errorText(lang, e);
}

export function usage(line: string, message?: string): number {
  if (message) process.stderr.write(`${message}\n`);
  process.stderr.write(`usage: npm run --silent cli -- ${line}\n`);
  return 2;
}
