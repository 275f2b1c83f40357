// The locale sync (src/services/locales.ts) through a real WebClient (src/slack/userDirectory.ts) against
// the Slack stand-in's users.list: paged by cursor at limit 200, a 429 waited out for its Retry-After,
// the org's people and center roles stored, everyone else ignored; and when the scheduler runs it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadSlackApiConfig, STANDIN_BOT_TOKEN } from "../../src/config.ts";
import { shanghaiInstant } from "../../src/domain/dates.ts";
import { JOB, localeSyncDue, tick } from "../../src/jobs/scheduler.ts";
import {
  type DirectoryPage,
  LOCALE_SYNC_DEFAULTS,
  storedLocale,
  syncLocales,
  type UserDirectory,
} from "../../src/services/locales.ts";
import { importOrg } from "../../src/services/org.ts";
import { slackUserDirectory } from "../../src/slack/userDirectory.ts";
import { closeContext, type TestContext } from "../helpers/closeFixture.ts";
import type { TestDb } from "../helpers/db.ts";
import { ORG, orgFixture } from "../helpers/org.ts";
import { type SlackStandIn, startSlackStandIn } from "../helpers/slackStandIn.ts";

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe("locale sync over users.list", () => {
  let t: TestDb;
  let ctx: TestContext;
  let slack: SlackStandIn;
  beforeEach(async () => {
    ({ t, ctx } = await closeContext("2026-07-15T02:00:00.000Z"));
    slack = await startSlackStandIn();
  });
  afterEach(async () => {
    await slack.close();
    await t.close();
  });

  /** The org's users with their Slack locales, and `fillers` other members of the workspace. */
  function workspace(fillers: number) {
    const locales: Record<string, string> = {
      [ORG.director]: "en-US",
      [ORG.deputy]: "zh-CN",
      [ORG.inspector1]: "en-GB",
      [ORG.inspector2]: "zh-CN",
      [ORG.taxLeader]: "zh-CN",
      [ORG.taxStaff1]: "en-US",
      [ORG.taxStaff2]: "zh-CN",
      [ORG.hrssLeader]: "zh-TW",
      [ORG.estateLeader]: "zh-CN",
      [ORG.taxParent]: "en-US",
      // ORG.estateStaff1 and ORG.estateParent are not in the workspace.
      [ORG.outsider]: "en-US",
    };
    for (let i = 0; i < fillers; i++)
      slack.users.set(`U8F${String(i).padStart(5, "0")}`, { locale: "ja-JP" });
    for (const [id, locale] of Object.entries(locales))
      slack.users.set(id, { locale, name: id.toLowerCase() });
  }

  it("reads 3 pages of 200, waits out a 429 for its Retry-After, stores people's and center roles' locales", async () => {
    workspace(438); // + 11 org users and outsider + the bot user = 450 members: pages of 200, 200, 50
    // A person whose stored locale Slack now reports otherwise is updated.
    await t.db.person.update({ where: { id: ORG.taxLeader }, data: { locale: "en-US" } });
    const slackDirectory = slackUserDirectory({ token: "xoxb-test", slackApiUrl: slack.url });
    let answered = 0;
    const directory: UserDirectory = {
      async listUsers(page) {
        const r = await slackDirectory.listUsers(page);
        // After page 1, Slack answers the next call with HTTP 429 and Retry-After: 1.
        if (++answered === 1) slack.failNext("users.list", { status: 429, retryAfter: 1 });
        return r;
      },
    };
    const sleeps: number[] = [];
    const report = await syncLocales(t.db, directory, {
      minIntervalMs: 20,
      sleep: async (ms) => {
        sleeps.push(ms);
        await realSleep(ms);
      },
    });

    const calls = slack.callsTo("users.list");
    expect(calls).toHaveLength(4);
    for (const c of calls) {
      expect(String(c.args.limit)).toBe("200");
      expect(String(c.args.include_locale)).toBe("true");
    }
    expect(calls[0]!.args.cursor).toBeUndefined();
    expect(calls[1]!.failed).toEqual({ status: 429, retryAfter: 1 });
    // The same page again, no sooner than Slack asked.
    expect(calls[2]!.args.cursor).toBe(calls[1]!.args.cursor);
    expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(1000);
    expect(sleeps).toContain(1000);
    expect(calls[3]!.args.cursor).not.toBe(calls[2]!.args.cursor);
    expect(calls[3]!.response?.members).toHaveLength(50);

    expect(report).toMatchObject({ pages: 3, members: 450, rateLimited: 1 });
    expect(report.missing).toEqual([ORG.estateParent, ORG.estateStaff1].sort());
    expect(report.deactivated).toEqual([]);

    const people = Object.fromEntries(
      (await t.db.person.findMany({ select: { id: true, locale: true } })).map((p) => [p.id, p.locale]),
    );
    expect(people).toEqual({
      [ORG.taxLeader]: "zh-CN",
      [ORG.taxStaff1]: "en-US",
      [ORG.taxStaff2]: "zh-CN",
      [ORG.hrssLeader]: "zh-TW",
      [ORG.estateLeader]: "zh-CN",
      [ORG.estateStaff1]: null, // not in the workspace: nothing to read
    });
    const others = Object.fromEntries((await t.db.userLocale.findMany()).map((u) => [u.slackId, u.locale]));
    // Center roles and the parent-unit leader in the workspace; not the outsider, not the fillers.
    expect(others).toEqual({
      [ORG.director]: "en-US",
      [ORG.deputy]: "zh-CN",
      [ORG.inspector1]: "en-GB",
      [ORG.inspector2]: "zh-CN",
      [ORG.taxParent]: "en-US",
    });
    expect(report).toMatchObject({ people: 5, others: 5 });
    expect(await storedLocale(t.db, ORG.inspector1)).toBe("en-GB");
    expect(await storedLocale(t.db, ORG.outsider)).toBeNull();

    // A center role's locale survives a re-import (CenterRole rows are replaced wholesale).
    expect((await importOrg(t.db, orgFixture(), "test")).ok).toBe(true);
    expect(await storedLocale(t.db, ORG.director)).toBe("en-US");
  }, 30_000);

  it("keeps the stored locale when Slack gives none; reports deactivated accounts; bounds 429s and cursors", async () => {
    await t.db.person.update({ where: { id: ORG.taxStaff1 }, data: { locale: "en-US" } });
    await t.db.userLocale.create({ data: { slackId: ORG.director, locale: "en-US" } });
    const pages: DirectoryPage[] = [
      {
        ok: true,
        members: [
          { id: ORG.taxStaff1 }, // no locale: kept
          { id: ORG.director, locale: "" }, // empty: kept
          { id: ORG.taxStaff2, locale: "en-US", deleted: true },
        ],
        nextCursor: "",
      },
    ];
    const fake = (answers: DirectoryPage[]): UserDirectory & { asked: number } => {
      const d = {
        asked: 0,
        async listUsers() {
          const a = answers[Math.min(d.asked, answers.length - 1)]!;
          d.asked++;
          return a;
        },
      };
      return d;
    };
    const noWait = { minIntervalMs: 0, sleep: async () => {} };
    const r = await syncLocales(t.db, fake(pages), noWait);
    expect(await storedLocale(t.db, ORG.taxStaff1)).toBe("en-US");
    expect(await storedLocale(t.db, ORG.director)).toBe("en-US");
    expect(await storedLocale(t.db, ORG.taxStaff2)).toBe("en-US");
    expect(r.deactivated).toEqual([ORG.taxStaff2]);

    // Slack keeps answering 429: given up after maxRateLimited waits, nothing written.
    const limited = fake([{ ok: false, retryAfterSec: 2 }]);
    await expect(syncLocales(t.db, limited, { ...noWait, maxRateLimited: 3 })).rejects.toThrow(
      "LOCALES.RATE_LIMITED",
    );
    expect(limited.asked).toBe(4);
    // A Retry-After past the bound is not waited for at all.
    const long = fake([{ ok: false, retryAfterSec: LOCALE_SYNC_DEFAULTS.maxRetryAfterSec + 1 }]);
    await expect(syncLocales(t.db, long, noWait)).rejects.toThrow("LOCALES.RATE_LIMITED");
    expect(long.asked).toBe(1);
    // A cursor that comes back again ends the sync instead of looping.
    const loop = fake([{ ok: true, members: [], nextCursor: "same" }]);
    await expect(syncLocales(t.db, loop, noWait)).rejects.toThrow("LOCALES.TOO_MANY_PAGES");
    expect(loop.asked).toBe(2);
    // Tier 2 is about 20 calls a minute: the default pace stays under it.
    expect(60_000 / LOCALE_SYNC_DEFAULTS.minIntervalMs).toBeLessThanOrEqual(20);
    expect(LOCALE_SYNC_DEFAULTS.pageSize).toBe(200);
  });

  it("the stand-in's users.list: bots listed, invalid_cursor for a cursor it never gave", async () => {
    workspace(0);
    const { WebClient } = await import("@slack/web-api");
    const client = new WebClient("xoxb-test", { slackApiUrl: slack.url, retryConfig: { retries: 0 } });
    const all = await client.users.list({});
    expect(all.members?.find((m) => m.id === "U0BOT")?.is_bot).toBe(true);
    expect(all.members?.[1]?.locale).toBeUndefined(); // only with include_locale
    expect(all.response_metadata?.next_cursor).toBe("");
    await expect(client.users.list({ cursor: "bm90IGEgY3Vyc29y" })).rejects.toMatchObject({
      data: { ok: false, error: "invalid_cursor" },
    });
  });

  it("the scheduler: daily from 06:00 (yesterday's caught up at start-up), and again after an org import", async () => {
    workspace(0);
    const directory = slackUserDirectory({ token: "xoxb-test", slackApiUrl: slack.url });
    const deps = { ctx, owner: "test", directory, localeSync: { minIntervalMs: 0 } };
    const at = (date: string, hh: number) => ctx.clock.set(shanghaiInstant(date, hh));
    const runs = async () =>
      (
        await t.db.jobRun.findMany({
          where: { job: JOB.localeSync, state: "done" },
          orderBy: { period: "asc" },
        })
      ).map((r) => r.period);

    at("2026-07-16", 3); // the bot starts at 03:00: yesterday's sync was missed
    const first = await tick(deps);
    expect(first.ran).toContainEqual({ job: JOB.localeSync, period: "2026-07-15", status: "done" });
    expect(await storedLocale(t.db, ORG.inspector1)).toBe("en-GB");
    at("2026-07-16", 5);
    expect(await localeSyncDue(ctx, 6)).toBeNull();
    at("2026-07-16", 6);
    await tick(deps);
    expect(await runs()).toEqual(["2026-07-15", "2026-07-16"]);
    at("2026-07-16", 7);
    expect(await localeSyncDue(ctx, 6)).toBeNull();

    // An org import: its sync runs on the next tick, once.
    slack.users.set(ORG.deputy, { locale: "en-US" });
    expect((await importOrg(t.db, orgFixture(), "test")).ok).toBe(true);
    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { action: "org.import" },
      orderBy: { id: "desc" },
    });
    await tick(deps);
    expect(await runs()).toContain(`import-${audit.id}`);
    expect(await storedLocale(t.db, ORG.deputy)).toBe("en-US");
    at("2026-07-16", 8);
    expect(await localeSyncDue(ctx, 6)).toBeNull();
    // The next day's sync sees the import: nothing else is due after it.
    at("2026-07-17", 6);
    expect(await localeSyncDue(ctx, 6)).toBe("2026-07-17");
    await tick(deps);
    expect(await localeSyncDue(ctx, 6)).toBeNull();

    // A Slack failure is recorded and retried on the next tick; the rest of the tick goes on.
    at("2026-07-18", 6);
    slack.failNext("users.list", "invalid_auth");
    const failed = await tick(deps);
    expect(failed.ran).toContainEqual(
      expect.objectContaining({ job: JOB.localeSync, period: "2026-07-18", status: "failed" }),
    );
    at("2026-07-18", 7);
    expect((await tick(deps)).ran).toContainEqual({
      job: JOB.localeSync,
      period: "2026-07-18",
      status: "done",
    });
  });

  it("the command line's workspace: the bot token, or a local API in demo mode; none without either", () => {
    const api = (env: Record<string, string>) => {
      const r = loadSlackApiConfig(env);
      if (!r.ok) throw new Error(JSON.stringify(r.detail));
      return r.value;
    };
    expect(api({})).toBeNull();
    expect(api({ SLACK_API_URL: "https://slack.com/api/" })).toBeNull();
    expect(api({ SLACK_API_URL: slack.url })).toBeNull();
    expect(api({ SLACK_API_URL: slack.url, SERVICE_HALL_DEMO: "1" })).toEqual({
      token: STANDIN_BOT_TOKEN,
      slackApiUrl: slack.url,
    });
    expect(api({ SLACK_BOT_TOKEN: "xoxb-1" })).toEqual({
      token: "xoxb-1",
      slackApiUrl: "https://slack.com/api/",
    });
    expect(loadSlackApiConfig({ SLACK_BOT_TOKEN: "nope" })).toMatchObject({
      ok: false,
      detail: { setting: "SLACK_BOT_TOKEN" },
    });
  });
});
