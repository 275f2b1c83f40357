import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { WebClient } from "@slack/web-api";
import { getTasks } from "node-cron";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { shanghaiInstant } from "../../src/domain/dates.ts";
import { type SchedulerDeps, startScheduler, tick } from "../../src/jobs/scheduler.ts";
import { importHolidaySchedule } from "../../src/services/calendar.ts";
import { setEvaluation } from "../../src/services/imports/evaluations.ts";
import { slackClientOptions } from "../../src/slack/app.ts";
import { seedStandInWorkspace } from "../../src/slack/standin/workspace.ts";
import { closeContext, file, SCHEDULE_2027, type TestContext } from "../helpers/closeFixture.ts";
import type { TestDb } from "../helpers/db.ts";
import { ORG, orgFixture, PEOPLE } from "../helpers/org.ts";
import { startSlackStandIn } from "../helpers/slackStandIn.ts";

describe("scheduler tick (the path the hourly cron takes)", () => {
  let t: TestDb;
  let ctx: TestContext;
  let deps: SchedulerDeps;
  let exportDir: string;
  const at = (date: string, hh: number, mm = 0) => ctx.clock.set(shanghaiInstant(date, hh, mm));
  const closedPeriods = async () =>
    (await t.db.period.findMany({ where: { state: "closed" }, orderBy: { period: "asc" } })).map(
      (p) => p.period,
    );
  const doneRuns = async (job: string) =>
    (await t.db.jobRun.findMany({ where: { job, state: "done" }, orderBy: { period: "asc" } })).map(
      (r) => r.period,
    );
  const evaluate = async (period: string, points = "9") => {
    for (const id of PEOPLE)
      expect(
        (await setEvaluation(ctx, { period, targetType: "person", target: id, points, actor: ORG.director }))
          .ok,
      ).toBe(true);
  };

  beforeEach(async () => {
    // Installed on Wednesday 2026-07-15: the first month the scheduler closes is July.
    ({ t, ctx } = await closeContext("2026-07-15T02:00:00.000Z"));
    exportDir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-sched-"));
    deps = { ctx, owner: "test", exportDir };
    await tick(deps);
    await file(ctx, { person: ORG.taxStaff2 }, "S-ATT-LATE", "2026-07-14");
  });
  afterEach(async () => {
    await t.close();
    fs.rmSync(exportDir, { recursive: true, force: true });
  });

  it("closes a month at 09:00 on the next month's first working day, once", async () => {
    at("2026-08-01", 9); // Saturday: not a working day
    expect((await tick(deps)).ran.filter((r) => r.job === "close-month")).toEqual([]);
    at("2026-08-03", 8, 59); // Monday, before nine
    const early = await tick(deps);
    expect(early.waiting.find((w) => w.job === "close-month")).toMatchObject({ period: "2026-07" });
    expect(await closedPeriods()).toEqual([]);
    at("2026-08-03", 9);
    const report = await tick(deps);
    expect(report.ran).toContainEqual({ job: "close-month", period: "2026-07", status: "done" });
    expect(await closedPeriods()).toEqual(["2026-07"]);
    // The same Monday brings the weekly digest, to the channel.
    expect(report.ran).toContainEqual({ job: "digest", period: "2026-08-03", status: "done" });
    const digest = await t.db.outboundMessage.findUniqueOrThrow({ where: { key: "digest:2026-08-03" } });
    expect(digest.channel).toBe(ORG.channel);
    // Later ticks that day do nothing again.
    at("2026-08-03", 10);
    const again = await tick(deps);
    expect(again.ran).toEqual([]);
    expect(await doneRuns("close-month")).toEqual(["2026-07"]);
    expect(
      await t.db.outboundMessage.count({ where: { key: { startsWith: "close:2026-07:c1:notice:" } } }),
    ).toBe(6);
  });

  it("October: waits through the National Day holiday, closes September on 10-08, then the quarter once evaluations are in", async () => {
    for (const [d, h] of [
      ["2026-08-03", 9],
      ["2026-09-01", 9],
    ] as const) {
      at(d, h);
      await tick(deps);
    }
    expect(await closedPeriods()).toEqual(["2026-07", "2026-08"]);
    for (const d of ["2026-10-01", "2026-10-05", "2026-10-07"]) {
      at(d, 9);
      const r = await tick(deps);
      expect(r.ran.filter((x) => x.job === "close-month")).toEqual([]);
      expect(r.waiting.find((w) => w.job === "close-month")?.reason).toContain(
        shanghaiInstant("2026-10-08", 9).toISOString(),
      );
    }
    // The digest of the week of Monday 10-05 (a holiday) waits for Thursday 10-08, the week's first working day.
    expect(await doneRuns("digest")).not.toContain("2026-10-05");
    at("2026-10-08", 9);
    const r = await tick(deps);
    expect(r.ran).toContainEqual({ job: "close-month", period: "2026-09", status: "done" });
    expect(r.ran).toContainEqual({ job: "digest", period: "2026-10-05", status: "done" });
    // Q3's months are closed but no center evaluation is entered: pending, director and inspection reminded.
    expect(r.waiting).toContainEqual({
      job: "close-quarter",
      period: "2026-Q3",
      reason: "evaluations missing",
    });
    const reminders = await t.db.outboundMessage.findMany({
      where: { key: { startsWith: "evaluations:2026-Q3:2026-10-08:" } },
    });
    expect(reminders.map((m) => m.channel).sort()).toEqual(
      [ORG.director, ORG.inspector1, ORG.inspector2].sort(),
    );
    expect(reminders[0]!.text).toContain("2026-Q3");
    // Reminded once a day only.
    at("2026-10-08", 10);
    await tick(deps);
    expect(await t.db.outboundMessage.count({ where: { key: { startsWith: "evaluations:2026-Q3:" } } })).toBe(
      3,
    );

    await evaluate("2026-Q3");
    at("2026-10-08", 11);
    const q = await tick(deps);
    expect(q.ran).toContainEqual({ job: "close-quarter", period: "2026-Q3", status: "done" });
    expect(await closedPeriods()).toContain("2026-Q3");
    const proposal = await t.db.outboundMessage.findUniqueOrThrow({
      where: { key: "awards:2026-Q3:c1:proposal" },
    });
    expect(proposal.channel).toBe(ORG.director);
    expect(proposal.blocks).toContain("awards_confirm");
    expect(await t.db.award.count({ where: { period: "2026-Q3", state: "proposed" } })).toBeGreaterThan(0);
  });

  it("catches up after downtime: every due month in order, this week's digest only", async () => {
    // Down from mid-July until Tuesday 2026-10-20.
    at("2026-10-20", 14);
    const r = await tick(deps);
    expect(r.ran.filter((x) => x.job === "close-month").map((x) => [x.period, x.status])).toEqual([
      ["2026-07", "done"],
      ["2026-08", "done"],
      ["2026-09", "done"],
    ]);
    expect(await doneRuns("digest")).toEqual(["2026-10-19"]);
    // Transfer flags across the caught-up months use each previous month's frozen result.
    const july = await t.db.personMonthResult.count({ where: { month: "2026-07" } });
    expect(july).toBe(6);
  });

  it("January needs the next year's schedule: the December close waits until it is loaded", async () => {
    for (const month of ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"])
      await t.db.jobRun.create({
        data: { job: "close-month", period: month, state: "done", owner: "earlier" },
      });
    await t.db.period.createMany({
      data: ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11"].map((period) => ({
        period,
        state: "closed",
        closings: 1,
      })),
    });
    await t.db.jobRun.deleteMany({ where: { period: "2026-12" } });
    await t.db.jobRun.create({
      data: { job: "close-quarter", period: "2026-Q3", state: "done", owner: "earlier" },
    });
    await t.db.period.create({ data: { period: "2026-Q3", state: "closed", closings: 1 } });

    at("2027-01-04", 9);
    const blocked = await tick(deps);
    expect(blocked.waiting).toContainEqual({
      job: "close-month",
      period: "2026-12",
      reason: "CALENDAR.YEAR_NOT_LOADED 2027",
    });
    const notices = await t.db.outboundMessage.findMany({
      where: { key: { startsWith: "calendar-missing:2027:" } },
    });
    expect(notices.map((n) => n.channel).sort()).toEqual(
      [ORG.director, ORG.inspector1, ORG.inspector2].sort(),
    );

    expect((await importHolidaySchedule(t.db, SCHEDULE_2027, ORG.inspector1)).ok).toBe(true);
    at("2027-01-04", 10);
    const r = await tick(deps);
    expect(r.ran).toContainEqual({ job: "close-month", period: "2026-12", status: "done" });
    expect(await closedPeriods()).toContain("2026-12");
  });

  it("the year closes after Q4, once the year's evaluations are in, and proposes awards to the director", async () => {
    for (const [d, h] of [
      ["2026-08-03", 9],
      ["2026-09-01", 9],
      ["2026-10-08", 9],
      ["2026-11-02", 9],
      ["2026-12-01", 9],
    ] as const) {
      at(d, h);
      await tick(deps);
    }
    await evaluate("2026-Q3");
    await evaluate("2026-Q4");
    expect((await importHolidaySchedule(t.db, SCHEDULE_2027, ORG.inspector1)).ok).toBe(true);
    at("2027-01-04", 9);
    const jan = await tick(deps);
    expect(jan.ran).toContainEqual({ job: "close-month", period: "2026-12", status: "done" });
    expect(jan.ran).toContainEqual({ job: "close-quarter", period: "2026-Q4", status: "done" });
    expect(jan.waiting).toContainEqual({ job: "close-year", period: "2026", reason: "evaluations missing" });

    await evaluate("2026");
    for (const w of ["tax", "hrss", "estate"])
      expect(
        (
          await setEvaluation(ctx, {
            period: "2026",
            targetType: "window",
            target: w,
            points: "8",
            actor: ORG.director,
          })
        ).ok,
      ).toBe(true);
    at("2027-01-04", 10);
    const y = await tick(deps);
    expect(y.ran).toContainEqual({ job: "close-year", period: "2026", status: "done" });
    const awards = await t.db.award.findMany({ where: { period: "2026" } });
    const count = (kind: string) => awards.filter((a) => a.kind === kind).length;
    // Defaults: 10 excellent staff (6 people: all), prizes 1/2/3 for 3 windows: 1 first, 2 second, none left.
    expect([
      count("excellent_staff"),
      count("window_prize_1"),
      count("window_prize_2"),
      count("window_prize_3"),
    ]).toEqual([6, 1, 2, 0]);
    expect(await t.db.outboundMessage.count({ where: { key: "awards:2026:c1:proposal" } })).toBe(1);
  });

  it("reminds a step's approver after one working day, then inspection after another; only in working hours", async () => {
    const req = await t.db.request.create({
      data: {
        requesterId: ORG.taxStaff1,
        kind: "personal",
        startDate: "2026-07-27",
        startHalf: "am",
        endDate: "2026-07-27",
        endHalf: "pm",
        halfDays: 2,
        reason: "家中有事",
      },
    });
    const leaderStep = await t.db.approvalStep.create({
      data: {
        requestId: req.id,
        seq: 1,
        approver: "window_leader",
        action: "opinion",
        assigneeId: ORG.taxLeader,
        state: "pending",
        activatedAt: shanghaiInstant("2026-07-17", 10), // Friday 10:00
      },
    });
    const remindersFor = async (prefix: string) =>
      (await t.db.outboundMessage.findMany({ where: { key: { startsWith: prefix } } }))
        .map((m) => m.channel)
        .sort();

    at("2026-07-18", 11); // Saturday
    expect((await tick(deps)).reminders).toBe(0);
    at("2026-07-20", 9); // Monday 09:00: one working day is not over until 10:00
    expect((await tick(deps)).reminders).toBe(0);
    at("2026-07-20", 11);
    expect((await tick(deps)).reminders).toBe(1);
    expect(await remindersFor(`remind:step:${leaderStep.id}:`)).toEqual([ORG.taxLeader]);
    const text = (
      await t.db.outboundMessage.findFirstOrThrow({ where: { key: { startsWith: "remind:step:" } } })
    ).text;
    expect(text).toContain("林一");
    at("2026-07-20", 15);
    expect((await tick(deps)).reminders).toBe(0); // once
    at("2026-07-21", 20); // after hours: nothing, even though due
    expect((await tick(deps)).reminders).toBe(0);
    at("2026-07-22", 9);
    expect((await tick(deps)).reminders).toBe(1);
    expect(await remindersFor(`escalate:step:${leaderStep.id}:`)).toEqual(
      [ORG.inspector1, ORG.inspector2].sort(),
    );
    at("2026-07-23", 11);
    expect((await tick(deps)).reminders).toBe(0);
    const step = await t.db.approvalStep.findUniqueOrThrow({ where: { id: leaderStep.id } });
    expect(step.remindedAt).not.toBeNull();
    expect(step.escalatedAt).not.toBeNull();
  });

  it("startScheduler: an hourly Asia/Shanghai cron, a catch-up tick at start-up, and the outbox sender", async () => {
    const slack = await startSlackStandIn();
    seedStandInWorkspace(slack, orgFixture());
    at("2026-08-03", 10); // the bot comes back after the 09:00 run was missed
    const client = new WebClient("xoxb-test", slackClientOptions(slack.url));
    const handle = startScheduler(ctx, client, { exportDir, log: () => {}, pollMs: 20, sendIntervalMs: 0 });
    try {
      const task = [...getTasks().values()].find((x) => x.name === "service-hall-tick")!;
      expect(task.getPattern()).toBe("0 * * * *");
      // The next run is on the hour (Shanghai and the server's zone agree on whole hours).
      expect(task.getNextRun()!.getUTCMinutes()).toBe(0);
      const report = await handle.tickNow();
      expect(await closedPeriods()).toEqual(["2026-07"]);
      // tickNow joins the start-up tick still running: that tick did the catch-up close.
      expect(report?.ran).toContainEqual({ job: "close-month", period: "2026-07", status: "done" });
      const post = await slack.waitFor("chat.postMessage", (c) => c.args.channel === ORG.channel, 10_000);
      expect(String(post.args.text)).toContain("2026年7月");
    } finally {
      await handle.stop();
      await slack.close();
    }
    expect([...getTasks().values()].some((x) => x.name === "service-hall-tick")).toBe(false);
  });
});
