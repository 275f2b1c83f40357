// Cover reminders (RULES.md §3 五: "a leader who has named nobody is reminded before the absence
// starts"), driven through the scheduler's tick with a fixed clock — the path the hourly cron takes —
// and through queueCoverReminders, what the `remind` CLI runs.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addDays, shanghaiDate, shanghaiInstant } from "../../src/domain/dates.ts";
import { queueCoverReminders, type SchedulerDeps, tick } from "../../src/jobs/scheduler.ts";
import { closeContext, type TestContext } from "../helpers/closeFixture.ts";
import { createTestDb, type TestDb } from "../helpers/db.ts";
import { ORG, seedOrg } from "../helpers/org.ts";

const root = path.resolve(import.meta.dirname, "../..");

describe("cover reminders through the scheduler tick", () => {
  let t: TestDb;
  let ctx: TestContext;
  let deps: SchedulerDeps;
  let exportDir: string;
  const at = (date: string, hh: number, mm = 0) => ctx.clock.set(shanghaiInstant(date, hh, mm));
  const request = (
    requesterId: string,
    kind: string,
    startDate: string,
    endDate: string,
    more: { state?: string; coverId?: string; startHalf?: string } = {},
  ) =>
    t.db.request.create({
      data: {
        requesterId,
        kind,
        startDate,
        startHalf: more.startHalf ?? "am",
        endDate,
        endHalf: "pm",
        halfDays: 2,
        reason: "家中有事",
        state: more.state ?? "approved",
        coverId: more.coverId ?? null,
      },
    });
  const coverMessages = () =>
    t.db.outboundMessage.findMany({ where: { key: { startsWith: "cover:" } }, orderBy: { id: "asc" } });

  beforeEach(async () => {
    ({ t, ctx } = await closeContext("2026-07-15T02:00:00.000Z")); // Wednesday 10:00
    exportDir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-cover-"));
    deps = { ctx, owner: "test", exportDir };
  });
  afterEach(async () => {
    await t.close();
    fs.rmSync(exportDir, { recursive: true, force: true });
  });

  it("reminds the window leader once, on the working day before the absence, in working hours", async () => {
    const r = await request(ORG.taxStaff1, "personal", "2026-07-17", "2026-07-17");
    at("2026-07-15", 11); // Wednesday: Friday is not the next working day yet
    expect((await tick(deps)).coverReminders).toBe(0);
    at("2026-07-16", 8); // Thursday before working hours
    expect((await tick(deps)).coverReminders).toBe(0);
    at("2026-07-16", 9);
    expect((await tick(deps)).coverReminders).toBe(1);
    const [m] = await coverMessages();
    expect(m!.key).toBe(`cover:request:${r.id}:${ORG.taxLeader}`);
    expect(m!.channel).toBe(ORG.taxLeader);
    expect(m!.text).toContain("林一（税务窗口）的事假（2026-07-17 全天）明天开始");
    expect(m!.text).toContain("还没有指定顶岗人");
    const button = JSON.parse(m!.blocks!)[1].elements[0];
    expect([button.action_id, button.value]).toEqual(["cover_name", String(r.id)]);
    expect((await t.db.request.findUniqueOrThrow({ where: { id: r.id } })).coverRemindedAt).toEqual(
      shanghaiInstant("2026-07-16", 9),
    );
    at("2026-07-16", 10);
    expect((await tick(deps)).coverReminders).toBe(0); // once
    at("2026-07-17", 9); // the day itself: already reminded
    expect((await tick(deps)).coverReminders).toBe(0);
    expect(await coverMessages()).toHaveLength(1);
  });

  it("Friday covers a Monday start and a weekend start; the leader's locale picks English", async () => {
    await t.db.person.update({ where: { id: ORG.estateLeader }, data: { locale: "en-US" } });
    const monday = await request(ORG.estateStaff1, "annual", "2026-07-20", "2026-07-21");
    const saturday = await request(ORG.taxStaff2, "sick", "2026-07-18", "2026-07-19", { state: "pending" });
    const tuesday = await request(ORG.taxStaff1, "personal", "2026-07-21", "2026-07-21");
    at("2026-07-17", 10);
    expect((await tick(deps)).coverReminders).toBe(2);
    const msgs = await coverMessages();
    expect(msgs.map((m) => m.key)).toEqual([
      `cover:request:${monday.id}:${ORG.estateLeader}`,
      `cover:request:${saturday.id}:${ORG.taxLeader}`,
    ]);
    expect(msgs[0]!.text).toContain(
      "郑三 (不动产窗口)'s annual leave (2026-07-20 morning to 2026-07-21 afternoon) starts on 2026-07-20",
    );
    expect(JSON.parse(msgs[0]!.blocks!)[1].elements[0].text.text).toBe("Name cover");
    expect(msgs[1]!.text).toContain("王二（税务窗口）的病假（2026-07-18 上午 至 2026-07-19 下午）明天开始");
    expect((await t.db.request.findUniqueOrThrow({ where: { id: tuesday.id } })).coverRemindedAt).toBeNull();
    at("2026-07-20", 9); // Monday: Tuesday's turn
    expect((await tick(deps)).coverReminders).toBe(1);
    expect((await coverMessages()).at(-1)!.key).toBe(`cover:request:${tuesday.id}:${ORG.taxLeader}`);
  });

  it("the National Day holiday: 09-30 reminds for an absence starting 10-08, the next working day", async () => {
    const r = await request(ORG.taxStaff1, "personal", "2026-10-08", "2026-10-08");
    at("2026-09-29", 10);
    expect((await tick(deps)).coverReminders).toBe(0);
    at("2026-09-30", 10);
    expect((await tick(deps)).coverReminders).toBe(1);
    expect((await coverMessages())[0]!.key).toBe(`cover:request:${r.id}:${ORG.taxLeader}`);
  });

  it("an absence starting today that was not reminded yet: the next tick in working hours reminds, saying today", async () => {
    at("2026-07-16", 18); // Thursday after hours: the afternoon request arrives
    const r = await request(ORG.taxStaff1, "personal", "2026-07-17", "2026-07-17", { startHalf: "pm" });
    expect((await tick(deps)).coverReminders).toBe(0);
    at("2026-07-17", 8, 30);
    expect((await tick(deps)).coverReminders).toBe(1);
    const [m] = await coverMessages();
    expect(m!.key).toBe(`cover:request:${r.id}:${ORG.taxLeader}`);
    expect(m!.text).toContain("今天开始");
  });

  it("nobody is reminded for a named cover, an ended request, a leader's own absence or one already begun", async () => {
    await request(ORG.taxStaff1, "personal", "2026-07-16", "2026-07-16", { coverId: ORG.taxStaff2 });
    await request(ORG.taxStaff2, "personal", "2026-07-16", "2026-07-16", { state: "withdrawn" });
    await request(ORG.estateStaff1, "personal", "2026-07-16", "2026-07-16", { state: "rejected" });
    await request(ORG.taxLeader, "personal", "2026-07-16", "2026-07-16");
    await request(ORG.hrssLeader, "personal", "2026-07-16", "2026-07-16");
    await request(ORG.taxStaff1, "sick", "2026-07-14", "2026-07-17"); // began on Tuesday
    at("2026-07-15", 11);
    expect((await tick(deps)).coverReminders).toBe(0);
    expect(await coverMessages()).toEqual([]);
  });

  it("queueCoverReminders (the `remind` CLI's call) queues the same reminder once", async () => {
    const r = await request(ORG.taxStaff1, "personal", "2026-07-16", "2026-07-16", { state: "pending" });
    at("2026-07-15", 20); // the CLI does not wait for working hours
    expect(await queueCoverReminders(ctx)).toBe(1);
    expect(await queueCoverReminders(ctx)).toBe(0);
    expect((await coverMessages()).map((m) => m.key)).toEqual([`cover:request:${r.id}:${ORG.taxLeader}`]);
  });
});

describe("the `remind` command", { timeout: 60_000 }, () => {
  it("queues a cover reminder for an absence starting tomorrow and says how many it queued", async () => {
    const t = await createTestDb();
    try {
      await seedOrg(t.db);
      // The CLI runs on the system clock (a child process: no fixed clock there). An absence starting
      // tomorrow (Shanghai) is due whatever the date and time of day (it is within the horizon up to the
      // next working day, and has not started yet: no 补办-by-time question, RULES.md §3 五).
      const tomorrow = addDays(shanghaiDate(new Date()), 1);
      await t.db.request.create({
        data: {
          requesterId: ORG.taxStaff1,
          kind: "personal",
          startDate: tomorrow,
          startHalf: "am",
          endDate: tomorrow,
          endHalf: "pm",
          halfDays: 2,
          reason: "家中有事",
          state: "approved",
        },
      });
      const out = await new Promise<{ code: number; stdout: string }>((resolve) =>
        execFile(
          "npx",
          ["tsx", "src/cli/main.ts", "remind"],
          { cwd: root, env: { ...process.env, DATABASE_URL: t.url } },
          (error, stdout) => resolve({ code: error ? 1 : 0, stdout }),
        ),
      );
      expect(out).toEqual({ code: 0, stdout: "已排队 1 条提醒。\n" });
      const m = await t.db.outboundMessage.findFirstOrThrow({ where: { key: { startsWith: "cover:" } } });
      expect(m.channel).toBe(ORG.taxLeader);
      expect(m.text).toContain("明天开始");
    } finally {
      await t.close();
    }
  });
});
