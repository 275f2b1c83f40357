// The real entry point (src/main.ts, what `npm start` runs) as a child process, against a Slack stand-in:
// for tests that must see the process itself survive (or not).
//
//   await prepareMainDatabase(file, orgFixture());
//   const bot = await startMainProcess({ file, slackApiUrl: standIn.url });
//   … fetch(`${bot.url}/healthz`) …
//   await bot.stop();
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { STANDIN_SIGNING_SECRET } from "../../src/config.ts";
import { createDb } from "../../src/db/client.ts";
import { applyMigrations } from "../../src/db/migrate.ts";
import { isIsoDate, shanghaiDate } from "../../src/domain/dates.ts";
import { importHolidaySchedule, packageHolidaySchedule, packageYears } from "../../src/services/calendar.ts";
import type { OrgFile } from "../../src/services/org.ts";
import { seedOrg } from "./org.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Migrates `file`, imports `org`, and makes sure the current year has a holiday schedule. */
export async function prepareMainDatabase(file: string, org: OrgFile): Promise<void> {
  applyMigrations(file);
  const db = createDb(`file:${file}`);
  try {
    await seedOrg(db, org);
    // src/main.ts refuses to start in a year without an official schedule; past the holiday package's
    // last year, give this throw-away database one (2026's dates moved to this year).
    const year = Number(shanghaiDate(new Date()).slice(0, 4));
    if (!packageYears().includes(year)) {
      const holidays = [...packageHolidaySchedule().holidays]
        .filter(([d]) => d.startsWith("2026-"))
        .map(([d, name]) => ({ date: `${year}${d.slice(4)}`, name }))
        .filter((h) => isIsoDate(h.date));
      const loaded = await importHolidaySchedule(db, { year, holidays, workdays: [] }, "test");
      if (!loaded.ok) throw new Error(`holiday schedule: ${JSON.stringify(loaded)}`);
    }
  } finally {
    await db.$disconnect();
  }
}

export interface MainProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Still running (no exit, no signal). */
  alive(): boolean;
  stop(): Promise<void>;
}

export interface MainProcessOptions {
  file: string;
  slackApiUrl: string;
  /** More environment, e.g. { SLACK_APP_TOKEN } for Socket Mode. */
  env?: Record<string, string>;
}

export function startMainProcess(opts: MainProcessOptions): Promise<MainProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env))
    if (k.startsWith("SLACK_") || k === "NODE_ENV" || k === "SERVICE_HALL_DEMO") delete env[k];
  Object.assign(env, {
    SLACK_BOT_TOKEN: "xoxb-test",
    SLACK_SIGNING_SECRET: STANDIN_SIGNING_SECRET,
    DATABASE_URL: `file:${opts.file}`,
    SLACK_API_URL: opts.slackApiUrl,
    PORT: "0",
    LOG_LEVEL: "error",
    ...opts.env,
  });
  // node --import tsx (not the tsx CLI, which would put a wrapper process between us and the server).
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stderr!.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stdout!.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bot did not start: ${out}`)), 30_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`the bot exited (${code}): ${out}`));
    };
    child.once("exit", onExit);
    const onData = () => {
      const m = /listening on port (\d+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.off("exit", onExit);
      child.stdout!.off("data", onData);
      resolve({
        url: `http://127.0.0.1:${m[1]}`,
        child,
        output: () => out,
        alive,
        async stop() {
          if (!alive()) return;
          const exited = new Promise<void>((r) => child.once("exit", () => r()));
          child.kill("SIGTERM");
          const timeout = setTimeout(() => child.kill("SIGKILL"), 10_000);
          await exited;
          clearTimeout(timeout);
        },
      });
    };
    child.stdout!.on("data", onData);
  });
}
