import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import {
  formatConfigError,
  loadConfig,
  loadDatabaseConfig,
  STANDIN_BOT_TOKEN,
  withStandIn,
} from "../../src/config.ts";

const valid = {
  SLACK_BOT_TOKEN: "xoxb-1-2-abc",
  SLACK_SIGNING_SECRET: "0123456789abcdef",
  NODE_ENV: "production",
};

function problem(env: Record<string, string | undefined>): string {
  const r = loadConfig(env);
  if (r.ok) throw new Error("expected a configuration error");
  return formatConfigError(r);
}

describe("loadConfig", () => {
  test("defaults", () => {
    const r = loadConfig(valid);
    expect(r.ok && r.value).toMatchObject({
      slackApiUrl: "https://slack.com/api/",
      databaseUrl: "file:./data/service-hall.db",
      port: 3000,
      logLevel: "info",
      production: true,
      demo: false,
      standIn: false,
    });
    expect(r.ok && r.value.slackAppToken).toBeUndefined();
  });

  test("explicit values, API URL gets its trailing slash", () => {
    const r = loadConfig({
      ...valid,
      SLACK_API_URL: "http://127.0.0.1:4000/api",
      DATABASE_URL: "file:/var/lib/shb/db.sqlite",
      PORT: "8080",
      LOG_LEVEL: "debug",
      SLACK_BOT_USER_ID: "U0BOT",
      SLACK_BOT_ID: "B0BOT",
    });
    expect(r.ok && r.value).toMatchObject({
      slackApiUrl: "http://127.0.0.1:4000/api/",
      databaseUrl: "file:/var/lib/shb/db.sqlite",
      port: 8080,
      logLevel: "debug",
      slackBotUserId: "U0BOT",
      slackBotId: "B0BOT",
    });
  });

  test("each bad setting is named in one line", () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ PORT: "abc" }, "PORT"],
      [{ PORT: "70000" }, "PORT"],
      [{ DATABASE_URL: "postgres://x" }, "DATABASE_URL"],
      [{ SLACK_BOT_TOKEN: "xoxp-user-token" }, "SLACK_BOT_TOKEN"],
      [{ SLACK_APP_TOKEN: "xoxb-wrong" }, "SLACK_APP_TOKEN"],
      [{ SLACK_API_URL: "slack.com/api" }, "SLACK_API_URL"],
      [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
      [{ SLACK_BOT_USER_ID: "U0BOT" }, "SLACK_BOT_ID"],
      [{ SLACK_BOT_ID: "B0BOT" }, "SLACK_BOT_USER_ID"],
    ];
    for (const [change, setting] of cases) {
      const line = problem({ ...valid, ...change });
      expect(line).toMatch(new RegExp(`^configuration error: ${setting} `));
      expect(line).not.toContain("\n");
    }
  });

  test("production needs the tokens", () => {
    expect(problem({ NODE_ENV: "production" })).toContain("SLACK_BOT_TOKEN is required");
    expect(problem({ NODE_ENV: "production", SLACK_BOT_TOKEN: "xoxb-1" })).toContain("SLACK_SIGNING_SECRET");
    // Socket Mode needs no signing secret.
    expect(
      loadConfig({ NODE_ENV: "production", SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }).ok,
    ).toBe(true);
  });

  test("one token without the other is an error even outside production", () => {
    expect(problem({ SLACK_SIGNING_SECRET: "0123456789abcdef" })).toContain("SLACK_BOT_TOKEN");
  });

  // Issue #8: `npm start` without tokens used to run quietly against the built-in stand-in.
  test("no tokens: SLACK_BOT_TOKEN is required in development too, even with a local SLACK_API_URL", () => {
    for (const env of [{}, { NODE_ENV: "development" }, { SLACK_API_URL: "http://127.0.0.1:7000/api/" }]) {
      const line = problem(env);
      expect(line).toMatch(/^configuration error: SLACK_BOT_TOKEN is required /);
      // …and says how to get the demo instead.
      expect(line).toContain("npm run demo");
      expect(line).toContain("SERVICE_HALL_DEMO=1");
    }
    expect(problem({ SERVICE_HALL_DEMO: "0" })).toContain("SLACK_BOT_TOKEN is required");
  });

  test("demo mode only when asked for: SERVICE_HALL_DEMO=1 → placeholders and the built-in stand-in", () => {
    const r = loadConfig({ SERVICE_HALL_DEMO: "1" });
    expect(r.ok && [r.value.demo, r.value.standIn, r.value.slackBotToken]).toEqual([
      true,
      true,
      STANDIN_BOT_TOKEN,
    ]);
    if (r.ok)
      expect(withStandIn(r.value, "http://127.0.0.1:5555/api/").slackApiUrl).toBe(
        "http://127.0.0.1:5555/api/",
      );
    // A stand-in named by SLACK_API_URL is used as is.
    const ext = loadConfig({ SERVICE_HALL_DEMO: "true", SLACK_API_URL: "http://127.0.0.1:7000/api/" });
    expect(ext.ok && [ext.value.demo, ext.value.standIn, ext.value.slackApiUrl]).toEqual([
      true,
      false,
      "http://127.0.0.1:7000/api/",
    ]);
  });

  test("demo mode is refused where it would take a real deployment off Slack", () => {
    expect(problem({ SERVICE_HALL_DEMO: "1", NODE_ENV: "production" })).toMatch(
      /^configuration error: SERVICE_HALL_DEMO cannot be used with NODE_ENV=production$/,
    );
    expect(problem({ SERVICE_HALL_DEMO: "1", SLACK_BOT_TOKEN: "xoxb-1-2-abc" })).toMatch(
      /^configuration error: SERVICE_HALL_DEMO /,
    );
    expect(problem({ SERVICE_HALL_DEMO: "yes" })).toMatch(
      /^configuration error: SERVICE_HALL_DEMO must be 1/,
    );
  });

  test("the admin CLI reads DATABASE_URL alone: no Slack tokens needed", () => {
    const r = loadDatabaseConfig({});
    expect(r.ok && r.value.databaseUrl).toBe("file:./data/service-hall.db");
    const bad = loadDatabaseConfig({ DATABASE_URL: "postgres://x", SLACK_BOT_TOKEN: "not checked here" });
    expect(!bad.ok && formatConfigError(bad)).toMatch(/^configuration error: DATABASE_URL /);
  });

  test("empty strings count as unset", () => {
    const r = loadConfig({ ...valid, PORT: "", SLACK_API_URL: " " });
    expect(r.ok && [r.value.port, r.value.slackApiUrl]).toEqual([3000, "https://slack.com/api/"]);
  });
});

/** This process's environment without any of the bot's settings (the developer's shell may have some). */
function bareEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env))
    if (k.startsWith("SLACK_") || ["NODE_ENV", "SERVICE_HALL_DEMO", "DATABASE_URL", "PORT"].includes(k))
      delete env[k];
  return env;
}

test("`npm start` with nothing set stops with one line naming SLACK_BOT_TOKEN (no quiet stand-in)", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  // `npm start` is `tsx src/main.ts`; node --import tsx runs the same file without npm's own output.
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  expect(pkg.scripts.start).toBe("tsx src/main.ts");
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: bareEnv(),
    encoding: "utf8",
    // Before issue #8 the bot started (against the stand-in) and never exited: bounded, it fails instead.
    timeout: 60_000,
  });
  expect(r.status).toBe(1);
  const lines = r.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^configuration error: SLACK_BOT_TOKEN is required /);
  expect(r.stdout).toBe("");
});

test("the process stops with exactly one line naming the setting", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: "abc", NODE_ENV: "development" };
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env,
    encoding: "utf8",
  });
  expect(r.status).toBe(1);
  expect(r.stderr.trim().split("\n")).toEqual(["configuration error: PORT must be a port number 0–65535"]);
});
