// Languages from Slack, end to end (issue #8 item 5): the bot's scheduler (startScheduler, as main.ts
// starts it) reads everyone's locale with users.list before the month close, so a person whose Slack is
// in English and who never talked to the bot gets an English month notice from the first month, and an
// English-speaking inspector gets English reminders — delivered through the outbox to the stand-in.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { shanghaiInstant } from "../../src/domain/dates.ts";
import { JOB, type SchedulerHandle, startScheduler, tick } from "../../src/jobs/scheduler.ts";
import { seedStandInWorkspace } from "../../src/slack/standin/workspace.ts";
import { closeContext, file, type TestContext } from "../helpers/closeFixture.ts";
import { createTestDb, type TestDb } from "../helpers/db.ts";
import { ORG, orgFixture } from "../helpers/org.ts";
import { type SlackStandIn, startSlackStandIn } from "../helpers/slackStandIn.ts";

describe("languages from Slack, for everyone", () => {
  let t: TestDb;
  let ctx: TestContext;
  let slack: SlackStandIn;
  let exportDir: string;
  let handle: SchedulerHandle | undefined;
  beforeEach(async () => {
    // Installed on Wednesday 2026-07-15: July is the first month the bot closes.
    ({ t, ctx } = await closeContext("2026-07-15T02:00:00.000Z"));
    exportDir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-e2e-locales-"));
    await tick({ ctx, owner: "install", exportDir });
    await file(ctx, { person: ORG.taxStaff2 }, "S-ATT-LATE", "2026-07-14");
    slack = await startSlackStandIn();
    seedStandInWorkspace(slack, orgFixture(), {
      locales: { [ORG.taxStaff1]: "en-US", [ORG.inspector1]: "en-GB", [ORG.director]: "en-US" },
    });
  });
  afterEach(async () => {
    await handle?.stop();
    handle = undefined;
    await slack.close();
    await t.close();
    fs.rmSync(exportDir, { recursive: true, force: true });
  });

  const dmTexts = (user: string) =>
    slack
      .callsTo("chat.postMessage")
      .filter((c) => c.args.channel === user && !c.failed)
      .map((c) => String(c.args.text));

  it("an English person who never talked to the bot gets an English July notice; an English inspector English reminders", async () => {
    // Nobody has talked to the bot: no locale is stored anywhere.
    expect(await t.db.person.count({ where: { locale: { not: null } } })).toBe(0);
    expect(await t.db.userLocale.count()).toBe(0);
    // A request waiting for inspection since Monday 10:00: reminded after one working day.
    const req = await t.db.request.create({
      data: {
        requesterId: ORG.taxStaff2,
        kind: "personal",
        startDate: "2026-08-10",
        startHalf: "am",
        endDate: "2026-08-10",
        endHalf: "pm",
        halfDays: 2,
        reason: "家中有事",
      },
    });
    await t.db.approvalStep.create({
      data: {
        requestId: req.id,
        seq: 1,
        approver: "inspection",
        action: "review",
        state: "pending",
        activatedAt: shanghaiInstant("2026-08-03", 10),
      },
    });

    // Monday 2026-08-03 09:00, the first working day of August: the bot starts (catch-up tick).
    ctx.clock.set(shanghaiInstant("2026-08-03", 9));
    const client = new WebClient("xoxb-test", { slackApiUrl: slack.url, retryConfig: { retries: 0 } });
    handle = startScheduler(ctx, client, { exportDir, log: () => {}, pollMs: 20, sendIntervalMs: 0 });
    const report = await handle.tickNow();
    // The locales are read before the close, in the same tick.
    const jobs = report?.ran.map((r) => `${r.job} ${r.period} ${r.status}`);
    expect(jobs?.slice(0, 2)).toEqual(["locale-sync 2026-08-03 done", "close-month 2026-07 done"]);
    expect(slack.callsTo("users.list").length).toBeGreaterThan(0);

    await slack.waitFor("chat.postMessage", (c) => c.args.channel === ORG.taxStaff1, 10_000);
    const lin = dmTexts(ORG.taxStaff1);
    expect(lin).toHaveLength(1);
    expect(lin[0]).toContain("Your result for July 2026");
    // A Chinese colleague's notice stays Chinese.
    await slack.waitFor("chat.postMessage", (c) => c.args.channel === ORG.taxStaff2, 10_000);
    expect(dmTexts(ORG.taxStaff2)[0]).toContain("您的2026年7月考评结果");
    // The director (a center role, not a person) gets the full workbook with an English comment.
    const full = await t.db.outboundMessage.findUniqueOrThrow({
      where: { key: `close:2026-07:c1:full-workbook:${ORG.director}` },
    });
    expect(full.text).not.toMatch(/[\u4e00-\u9fff]{2}/u);
    // Nobody talked to the bot: users.info was never needed.
    expect(slack.callsTo("users.info")).toHaveLength(0);

    // Tuesday 11:00: the inspection step has waited a working day; both inspection members are reminded.
    ctx.clock.set(shanghaiInstant("2026-08-04", 11));
    expect((await handle.tickNow())?.reminders).toBe(1);
    await slack.waitFor("chat.postMessage", (c) => c.args.channel === ORG.inspector2, 10_000);
    await slack.waitFor("chat.postMessage", (c) => c.args.channel === ORG.inspector1, 10_000);
    expect(dmTexts(ORG.inspector1).at(-1)).toContain("⏰ Reminder: 王二's personal leave request");
    expect(dmTexts(ORG.inspector2).at(-1)).toContain("⏰ 提醒：王二的");
    // Once a day: Tuesday's tick read them again.
    const runs = await t.db.jobRun.findMany({ where: { job: JOB.localeSync }, orderBy: { period: "asc" } });
    expect(runs.map((r) => `${r.period} ${r.state}`)).toEqual(["2026-08-03 done", "2026-08-04 done"]);
  }, 60_000);

  it("org import on the command line reads the locales when it can reach Slack, else says the bot will", async () => {
    const db = await createTestDb();
    try {
      const orgFile = path.join(exportDir, "org.json");
      fs.writeFileSync(orgFile, JSON.stringify(orgFixture()));
      slack.users.delete(ORG.estateParent); // not in the workspace: named for the administrator
      const env = Object.fromEntries(
        Object.entries(process.env).filter(([k]) => !k.startsWith("SLACK_")),
      ) as Record<string, string>;
      const cli = (extra: Record<string, string>) =>
        new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
          execFile(
            "npx",
            ["tsx", "src/cli/main.ts", "org", "import", orgFile, "--lang", "en"],
            {
              cwd: path.resolve(import.meta.dirname, "../.."),
              env: { ...env, DATABASE_URL: db.url, ...extra },
            },
            (error, stdout, stderr) =>
              resolve({
                code: error ? (typeof error.code === "number" ? error.code : 1) : 0,
                stdout,
                stderr,
              }),
          );
        });

      const offline = await cli({});
      expect(offline.code).toBe(0);
      expect(offline.stdout).toContain("Organisation imported");
      expect(offline.stdout).toContain("No Slack token (SLACK_BOT_TOKEN): the bot reads everyone's language");
      expect(slack.callsTo("users.list")).toHaveLength(0);

      const online = await cli({ SLACK_API_URL: slack.url, SLACK_BOT_TOKEN: "xoxb-test" });
      expect(online.code).toBe(0);
      expect(online.stdout).toContain("Languages read from Slack");
      expect(online.stdout).toContain(
        `Not found in the Slack workspace (check the organisation file): ${ORG.estateParent}`,
      );
      expect(slack.callsTo("users.list").length).toBeGreaterThan(0);
      const stored = await db.db.person.findUniqueOrThrow({ where: { id: ORG.taxStaff1 } });
      expect(stored.locale).toBe("en-US");
      expect((await db.db.userLocale.findUniqueOrThrow({ where: { slackId: ORG.inspector1 } })).locale).toBe(
        "en-GB",
      );
    } finally {
      await db.close();
    }
  }, 60_000);
});
