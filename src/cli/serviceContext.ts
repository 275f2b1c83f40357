// Shared by the close/import/export/jobs CLI commands: the service context (database from
// DATABASE_URL, migrated; calendar; settings; system clock), flag parsing, bilingual output and the
// close commands' common shape. Messages the commands queue for Slack are sent by the running bot's
// outbox sender.
import os from "node:os";
import { loadDatabaseConfig } from "../config.ts";
import { createDb, type Db, databaseFilePath } from "../db/client.ts";
import { applyMigrations } from "../db/migrate.ts";
import { ok, type Result } from "../domain/result.ts";
import { loadWorkCalendar } from "../services/calendar.ts";
import { systemClock } from "../services/clock.ts";
import type { ServiceContext } from "../services/context.ts";
import { contextSettings } from "../services/settings.ts";
import { errorText, type Lang } from "../slack/i18n/index.ts";
import type { CliCommand } from "./main.ts";

/** The database DATABASE_URL names, migrated; CONFIG.INVALID when DATABASE_URL is not valid. */
export function openDatabase(): Result<Db, "CONFIG.INVALID"> {
  const cfg = loadDatabaseConfig({ DATABASE_URL: process.env.DATABASE_URL });
  if (!cfg.ok) return cfg;
  applyMigrations(databaseFilePath(cfg.value.databaseUrl));
  return ok(createDb(cfg.value.databaseUrl));
}

/** `openDatabase`, throwing (the CLI prints the message, exit code 1) when DATABASE_URL is not valid. */
export function openDb(): Db {
  const db = openDatabase();
  if (!db.ok) throw new Error(`DATABASE_URL ${String(db.detail?.message ?? "is invalid")}`);
  return db.value;
}

/** Who a change made from the command line is logged as when --actor is not given. */
export function defaultActor(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return "cli";
  }
}

export async function openContext(): Promise<{ ctx: ServiceContext; close(): Promise<void> }> {
  const db = openDb();
  const ctx: ServiceContext = {
    db,
    clock: systemClock,
    calendar: await loadWorkCalendar(db),
    ...(await contextSettings(db)),
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

/**
 * `close-<month|quarter|year> <period> [--actor <Slack id>] [flags] [--lang en]`: runs one close flow
 * as `actor` (default "cli") and prints what it closed; a refusal goes to stderr with exit code 1.
 */
export function closeCommand<Closed>(spec: {
  summary: string;
  usage: string;
  /** Valued flags besides --actor and --lang. */
  flags?: readonly string[];
  close(
    ctx: ServiceContext,
    period: string,
    opts: { actor: string; values: ReadonlyMap<string, string> },
  ): Promise<Result<{ kind: "closed"; closed: Closed } | { kind: "already_closed" }>>;
  /** What closed, in Chinese and in English. */
  report(closed: Closed): { zh: string; en: string };
}): CliCommand {
  return {
    summary: spec.summary,
    async run(args) {
      const p = parseFlags(args, ["actor", ...(spec.flags ?? [])]);
      if (!p.ok) return usage(spec.usage, p.message);
      const { positional, values, lang } = p.flags;
      if (positional.length !== 1) return usage(spec.usage);
      const { ctx, close } = await openContext();
      try {
        const r = await spec.close(ctx, positional[0]!, { actor: values.get("actor") ?? "cli", values });
        if (!r.ok) {
          process.stderr.write(`${failure(lang, r)}\n`);
          return 1;
        }
        if (r.value.kind !== "closed") return 0;
        const { zh, en } = spec.report(r.value.closed);
        process.stdout.write(say(lang, zh, en));
        return 0;
      } finally {
        await close();
      }
    },
  };
}
