import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { formatConfigError, loadConfig, STANDIN_BOT_TOKEN, withStandIn } from "../../src/config.ts";

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

  test("no tokens outside production: the built-in stand-in", () => {
    const r = loadConfig({});
    expect(r.ok && r.value.standIn).toBe(true);
    expect(r.ok && r.value.slackBotToken).toBe(STANDIN_BOT_TOKEN);
    if (r.ok)
      expect(withStandIn(r.value, "http://127.0.0.1:5555/api/").slackApiUrl).toBe(
        "http://127.0.0.1:5555/api/",
      );
    // An external stand-in named by SLACK_API_URL is used as is.
    const ext = loadConfig({ SLACK_API_URL: "http://127.0.0.1:7000/api/" });
    expect(ext.ok && [ext.value.standIn, ext.value.slackApiUrl]).toEqual([
      false,
      "http://127.0.0.1:7000/api/",
    ]);
  });

  test("empty strings count as unset", () => {
    const r = loadConfig({ ...valid, PORT: "", SLACK_API_URL: " " });
    expect(r.ok && [r.value.port, r.value.slackApiUrl]).toEqual([3000, "https://slack.com/api/"]);
  });
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
