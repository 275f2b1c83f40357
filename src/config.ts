// The environment, read and validated once (docs/architecture.md "Slack app"). Nothing else reads
// process.env. A missing or bad setting stops the process with ONE line naming it.
// The bot needs its Slack tokens: without them `npm start` stops and names SLACK_BOT_TOKEN rather than
// quietly run against a stand-in (issue #8). Demo mode is asked for explicitly: `npm run demo`, or
// SERVICE_HALL_DEMO=1 for `npm start` against the built-in stand-in (or the one SLACK_API_URL names).
import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "./db/client.ts";
import { err, ok, type Result } from "./domain/result.ts";

export type LogLevel = "debug" | "info" | "warn" | "error";

export interface Config {
  /** xoxb-… bot token; a placeholder in demo mode. */
  slackBotToken: string;
  /** Request signing secret (HTTP mode); a placeholder in demo mode or in Socket Mode without one. */
  slackSigningSecret: string;
  /** xapp-… app-level token: when set, the app connects through Socket Mode. */
  slackAppToken?: string;
  /** Web API base URL, ending in "/" (default https://slack.com/api/). */
  slackApiUrl: string;
  /** The bot's user id and bot id (both or neither): when given, no auth.test at start. */
  slackBotUserId?: string;
  slackBotId?: string;
  databaseUrl: string;
  port: number;
  logLevel: LogLevel;
  production: boolean;
  /** SERVICE_HALL_DEMO=1: no real Slack; placeholder tokens against a stand-in. */
  demo: boolean;
  /**
   * Demo mode without SLACK_API_URL: the caller (main.ts) starts the built-in Slack stand-in
   * (src/slack/standin) and points slackApiUrl at it with `withStandIn`.
   */
  standIn: boolean;
}

/** Placeholders used in demo mode with a stand-in, which accepts any token. */
export const STANDIN_BOT_TOKEN = "xoxb-stand-in";
export const STANDIN_SIGNING_SECRET = "stand-in-signing-secret";

export type ConfigError = { setting: string; message: string };

const optional = <T extends z.ZodType>(s: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), s.optional());

// One entry per setting, so an issue names exactly one variable.
const schema = z.object({
  NODE_ENV: optional(z.string()),
  SERVICE_HALL_DEMO: optional(
    z.enum(["1", "0", "true", "false"], "must be 1 (demo mode: a Slack stand-in, no real Slack) or 0"),
  ),
  SLACK_BOT_TOKEN: optional(z.string().regex(/^xoxb-\S+$/, 'must be a bot token starting with "xoxb-"')),
  SLACK_SIGNING_SECRET: optional(
    z.string().regex(/^\S{8,}$/, "must be the app's signing secret (no spaces)"),
  ),
  SLACK_APP_TOKEN: optional(
    z.string().regex(/^xapp-\S+$/, 'must be an app-level token starting with "xapp-"'),
  ),
  SLACK_API_URL: optional(
    z.string().regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, "must be an http(s) URL such as https://slack.com/api/"),
  ),
  SLACK_BOT_USER_ID: optional(
    z.string().regex(/^[UW][A-Z0-9]+$/, "must be a Slack user id such as U0123ABCD"),
  ),
  SLACK_BOT_ID: optional(z.string().regex(/^B[A-Z0-9]+$/, "must be a Slack bot id such as B0123ABCD")),
  DATABASE_URL: optional(
    z.string().regex(/^file:\S+$/, 'must be a SQLite file URL such as "file:./data/service-hall.db"'),
  ),
  PORT: optional(
    z
      .string()
      .regex(/^\d{1,5}$/, "must be a port number 0–65535")
      .refine((s) => Number(s) <= 65535, "must be a port number 0–65535"),
  ),
  LOG_LEVEL: optional(z.enum(["debug", "info", "warn", "error"], "must be one of debug, info, warn, error")),
});

const fail = (setting: string, message: string) => err("CONFIG.INVALID", { setting, message });

/**
 * Validates an environment. Returns the first problem as CONFIG.INVALID {setting, message};
 * `formatConfigError` turns it into the one line the process prints.
 */
export function loadConfig(env: Record<string, string | undefined>): Result<Config, "CONFIG.INVALID"> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(String(issue.path[0] ?? "environment"), issue.message);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  const socketMode = e.SLACK_APP_TOKEN !== undefined;
  const demo = e.SERVICE_HALL_DEMO === "1" || e.SERVICE_HALL_DEMO === "true";
  const anyToken = (e.SLACK_BOT_TOKEN ?? e.SLACK_SIGNING_SECRET ?? e.SLACK_APP_TOKEN) !== undefined;

  if (demo) {
    // Demo mode never talks to Slack: refuse it where a forgotten SERVICE_HALL_DEMO=1 would silently take
    // a real deployment off Slack (production, or real tokens set beside it).
    if (production) return fail("SERVICE_HALL_DEMO", "cannot be used with NODE_ENV=production");
    if (anyToken)
      return fail(
        "SERVICE_HALL_DEMO",
        "runs against a Slack stand-in and takes no Slack tokens: unset it to run against Slack",
      );
  } else {
    // Tokens are required even with a local SLACK_API_URL: the bench, the demo and the tests pass
    // placeholder tokens to their stand-in explicitly.
    if (!e.SLACK_BOT_TOKEN)
      return fail(
        "SLACK_BOT_TOKEN",
        "is required (the bot token, xoxb-…); to try the bot without Slack, run `npm run demo` or set SERVICE_HALL_DEMO=1",
      );
    if (!e.SLACK_SIGNING_SECRET && !socketMode)
      return fail(
        "SLACK_SIGNING_SECRET",
        "is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)",
      );
  }
  const standIn = demo && e.SLACK_API_URL === undefined;
  if ((e.SLACK_BOT_USER_ID === undefined) !== (e.SLACK_BOT_ID === undefined)) {
    const missing = e.SLACK_BOT_USER_ID === undefined ? "SLACK_BOT_USER_ID" : "SLACK_BOT_ID";
    return fail(missing, "must be set together with the other (SLACK_BOT_USER_ID and SLACK_BOT_ID)");
  }

  const apiUrl = e.SLACK_API_URL ?? "https://slack.com/api/";
  const config: Config = {
    slackBotToken: e.SLACK_BOT_TOKEN ?? STANDIN_BOT_TOKEN,
    slackSigningSecret: e.SLACK_SIGNING_SECRET ?? STANDIN_SIGNING_SECRET,
    slackApiUrl: apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/`,
    databaseUrl: e.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    port: e.PORT === undefined ? 3000 : Number(e.PORT),
    logLevel: e.LOG_LEVEL ?? "info",
    production,
    demo,
    standIn,
  };
  if (e.SLACK_APP_TOKEN) config.slackAppToken = e.SLACK_APP_TOKEN;
  if (e.SLACK_BOT_USER_ID && e.SLACK_BOT_ID) {
    config.slackBotUserId = e.SLACK_BOT_USER_ID;
    config.slackBotId = e.SLACK_BOT_ID;
  }
  return ok(config);
}

/**
 * DATABASE_URL alone, for the admin CLI (org import, backup, closes …): opening the database needs no
 * Slack tokens, and an administrator's shell need not hold the bot's.
 */
export function loadDatabaseConfig(
  env: Record<string, string | undefined>,
): Result<{ databaseUrl: string }, "CONFIG.INVALID"> {
  const parsed = schema.pick({ DATABASE_URL: true }).safeParse(env);
  if (!parsed.success) return fail("DATABASE_URL", parsed.error.issues[0]!.message);
  return ok({ databaseUrl: parsed.data.DATABASE_URL ?? DEFAULT_DATABASE_URL });
}

/**
 * The Slack workspace an admin command may read (the locale sync after `org import`, `jobs tick`):
 * SLACK_BOT_TOKEN at SLACK_API_URL (default Slack's), or in demo mode (SERVICE_HALL_DEMO=1) a local
 * SLACK_API_URL with the placeholder token. Null when the environment names no workspace (the running
 * bot's daily job reads it then); CONFIG.INVALID for a malformed value.
 */
export function loadSlackApiConfig(
  env: Record<string, string | undefined>,
): Result<{ token: string; slackApiUrl: string } | null, "CONFIG.INVALID"> {
  const parsed = schema
    .pick({ SLACK_BOT_TOKEN: true, SLACK_API_URL: true, SERVICE_HALL_DEMO: true })
    .safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(String(issue.path[0] ?? "environment"), issue.message);
  }
  const e = parsed.data;
  const apiUrl = e.SLACK_API_URL ?? "https://slack.com/api/";
  const slackApiUrl = apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/`;
  if (e.SLACK_BOT_TOKEN) return ok({ token: e.SLACK_BOT_TOKEN, slackApiUrl });
  const demo = e.SERVICE_HALL_DEMO === "1" || e.SERVICE_HALL_DEMO === "true";
  if (demo && e.SLACK_API_URL !== undefined) return ok({ token: STANDIN_BOT_TOKEN, slackApiUrl });
  return ok(null);
}

/** The config pointed at a running stand-in (its URL ends in /api/). */
export function withStandIn(config: Config, standInUrl: string): Config {
  return { ...config, slackApiUrl: standInUrl };
}

export function formatConfigError(e: { detail?: Record<string, unknown> }): string {
  const d = (e.detail ?? {}) as Partial<ConfigError>;
  return `configuration error: ${d.setting ?? "environment"} ${d.message ?? "is invalid"}`;
}

/** For entry points: the validated config of this process, or exit 1 after one line on stderr. */
export function configOrExit(env: Record<string, string | undefined> = process.env): Config {
  const r = loadConfig(env);
  if (r.ok) return r.value;
  process.stderr.write(`${formatConfigError(r)}\n`);
  process.exit(1);
}
