// Appeals (申诉, RULES.md §8a) against a real migrated SQLite file: the deadline in working days, who may
// appeal, who reviews, upholding and revoking (which changes the score).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { shanghaiInstant } from "../../src/domain/dates.ts";
import { tick } from "../../src/jobs/scheduler.ts";
import {
  appealStats,
  decideAppeal,
  fileAppeal,
  monthAppealWindowEnds,
  recordsUnderAppeal,
  sendDueAppealReminders,
} from "../../src/services/appeals.ts";
import { loadWorkCalendar } from "../../src/services/calendar.ts";
import type { Clock } from "../../src/services/clock.ts";
import type { ServiceContext } from "../../src/services/context.ts";
import { monthTables } from "../../src/services/exports/month.ts";
import { scoreMonthFromDb } from "../../src/services/monthScores.ts";
import { type FileRecordInput, fileRecord, revokeRecord } from "../../src/services/records.ts";
import { loadSettings } from "../../src/services/settings.ts";
import { errorText } from "../../src/slack/i18n/index.ts";
import { closeContext } from "../helpers/closeFixture.ts";
import { createTestDb, type TestDb } from "../helpers/db.ts";
import { ORG, seedOrg } from "../helpers/org.ts";

let t: TestDb;
let ctx: ServiceContext;
/** The clock the services read, moved by `at`. */
let now = new Date("2026-07-17T02:00:00.000Z"); // Friday 2026-07-17 10:00 Shanghai
const clock: Clock = { now: () => now };
const at = (iso: string) => {
  now = new Date(iso);
};

beforeEach(async () => {
  t = await createTestDb();
  await seedOrg(t.db);
  at("2026-07-17T02:00:00.000Z");
  ctx = {
    db: t.db,
    clock,
    calendar: await loadWorkCalendar(t.db),
    settings: await loadSettings(t.db),
  };
});
afterEach(async () => {
  await t.close();
});

async function file(i: Partial<FileRecordInput> & Pick<FileRecordInput, "code" | "target">) {
  const r = await fileRecord(ctx, { filer: ORG.inspector1, date: "2026-07-17", ...i });
  if (!r.ok) throw new Error(r.code);
  return r.value.rows[0]!;
}

const score = async (person: string) =>
  (await scoreMonthFromDb(ctx, "2026-07")).people.find((p) => p.id === person)?.scoreHundredths;

describe("fileAppeal", () => {
  test("within 3 working days of the notice, counted past the weekend; the deputy reviews; audited", async () => {
    const rec = await file({ code: "S-ATT-LATE", target: { person: ORG.taxStaff1 } });
    // Filed Friday: Mon, Tue, Wed are the three working days; Wednesday 23:59 is still in time.
    at("2026-07-22T15:59:00.000Z");
    const r = await fileAppeal(ctx, {
      actor: ORG.taxStaff1,
      recordId: rec.id,
      reason: "  打卡机故障\u200b ",
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.appeal).toMatchObject({
      reviewerId: ORG.deputy,
      state: "open",
      reason: "打卡机故障",
      month: "2026-07",
      appellantId: ORG.taxStaff1,
    });
    expect(await recordsUnderAppeal(t.db)).toEqual(new Set([rec.id]));
    const audit = await t.db.auditLog.findMany({ where: { action: "appeal.file" } });
    expect(audit.map((a) => a.entityId)).toEqual([String(r.value.appeal.id)]);
  });

  test("after the deadline: refused with the last day (Thursday is too late)", async () => {
    const rec = await file({ code: "S-ATT-LATE", target: { person: ORG.taxStaff1 } });
    at("2026-07-22T16:00:00.000Z"); // Thursday 00:00 Shanghai
    const r = await fileAppeal(ctx, { actor: ORG.taxStaff1, recordId: rec.id, reason: "x" });
    expect(r).toMatchObject({ ok: false, code: "APPEALS.PAST_DEADLINE", detail: { deadline: "2026-07-22" } });
    expect(errorText("zh", r.ok ? { code: "" } : r)).toContain("2026-07-22");
    expect(errorText("en", r.ok ? { code: "" } : r)).toContain("2026-07-22");
  });

  test("the wrong person, twice, a bonus, an empty or long reason are refused", async () => {
    const rec = await file({ code: "S-ATT-LATE", target: { person: ORG.taxStaff1 } });
    const bonus = await file({ code: "S-BON-OVERTIME", target: { person: ORG.taxStaff1 }, points: 100 });
    const wrong = await fileAppeal(ctx, { actor: ORG.taxStaff2, recordId: rec.id, reason: "不是我" });
    expect(wrong).toMatchObject({ ok: false, code: "APPEALS.NOT_TARGET" });
    expect(await fileAppeal(ctx, { actor: ORG.taxStaff1, recordId: rec.id, reason: "  " })).toMatchObject({
      code: "APPEALS.REASON_REQUIRED",
    });
    expect(
      await fileAppeal(ctx, { actor: ORG.taxStaff1, recordId: rec.id, reason: "长".repeat(501) }),
    ).toMatchObject({ code: "APPEALS.TOO_LONG" });
    expect(await fileAppeal(ctx, { actor: ORG.taxStaff1, recordId: bonus.id, reason: "x" })).toMatchObject({
      code: "APPEALS.NOT_DEDUCTION",
    });
    expect((await fileAppeal(ctx, { actor: ORG.taxStaff1, recordId: rec.id, reason: "一" })).ok).toBe(true);
    expect(await fileAppeal(ctx, { actor: ORG.taxStaff1, recordId: rec.id, reason: "二" })).toMatchObject({
      ok: false,
      code: "APPEALS.ALREADY_APPEALED",
    });
    expect(await t.db.appeal.count()).toBe(1);
  });

  test("a window record is appealed by the window's leader", async () => {
    const rec = await file({ code: "W-SITE", target: { window: "tax" }, points: 50 });
    expect(await fileAppeal(ctx, { actor: ORG.taxStaff1, recordId: rec.id, reason: "x" })).toMatchObject({
      code: "APPEALS.NOT_TARGET",
    });
    expect((await fileAppeal(ctx, { actor: ORG.taxLeader, recordId: rec.id, reason: "x" })).ok).toBe(true);
  });

  test("the director reviews when the deputy filed the record", async () => {
    await t.db.centerRole.create({ data: { slackId: ORG.deputy, role: "inspection" } });
    const rec = await file({ code: "S-ATT-LATE", target: { person: ORG.taxStaff1 }, filer: ORG.deputy });
    const r = await fileAppeal(ctx, { actor: ORG.taxStaff1, recordId: rec.id, reason: "x" });
    expect(r.ok && r.value.appeal.reviewerId).toBe(ORG.director);
  });
});

describe("decideAppeal", () => {
  async function appealed() {
    const rec = await file({ code: "S-ATT-LATE", target: { person: ORG.taxStaff1 } });
    const a = await fileAppeal(ctx, { actor: ORG.taxStaff1, recordId: rec.id, reason: "打卡机故障" });
    if (!a.ok) throw new Error(a.code);
    return { rec, appeal: a.value.appeal };
  }

  test("uphold: the record stays and counts; the score does not change", async () => {
    const { rec, appeal } = await appealed();
    const before = await score(ORG.taxStaff1);
    expect(
      await decideAppeal(ctx, { actor: ORG.taxStaff2, appealId: appeal.id, decision: "uphold", note: "x" }),
    ).toMatchObject({ code: "APPEALS.NOT_REVIEWER" });
    expect(
      await decideAppeal(ctx, { actor: ORG.deputy, appealId: appeal.id, decision: "uphold", note: " " }),
    ).toMatchObject({ code: "APPEALS.NOTE_REQUIRED" });
    const r = await decideAppeal(ctx, {
      actor: ORG.deputy,
      appealId: appeal.id,
      decision: "uphold",
      note: "考勤记录无误",
    });
    expect(r.ok && r.value.appeal.state).toBe("upheld");
    expect((await t.db.record.findUniqueOrThrow({ where: { id: rec.id } })).state).toBe("active");
    expect(await score(ORG.taxStaff1)).toBe(before);
    expect(
      await decideAppeal(ctx, { actor: ORG.deputy, appealId: appeal.id, decision: "revoke", note: "x" }),
    ).toMatchObject({ code: "APPEALS.ALREADY_DECIDED" });
    expect(await appealStats(t.db, "2026-07")).toEqual({ filed: 1, upheld: 1, revoked: 0, open: 0 });
    // The month's workbook has the appeals' counts (a month without appeals has no such sheet).
    const { tables } = await monthTables(ctx, "2026-07");
    expect(tables.find((x) => x.name === "申诉统计")?.rows).toEqual([
      { filed: 1, upheld: 1, revoked: 0, open: 0 },
    ]);
    expect((await monthTables(ctx, "2026-06")).tables.map((x) => x.name)).not.toContain("申诉统计");
  });

  test("revoke: the record is revoked through the revoke path and the score goes up by its points", async () => {
    const { rec, appeal } = await appealed();
    const before = (await score(ORG.taxStaff1))!;
    const r = await decideAppeal(ctx, {
      actor: ORG.deputy,
      appealId: appeal.id,
      decision: "revoke",
      note: "打卡机当日故障属实",
    });
    expect(r.ok && r.value.appeal.state).toBe("revoked");
    const row = await t.db.record.findUniqueOrThrow({ where: { id: rec.id } });
    expect([row.state, row.revokedBy]).toEqual(["revoked", ORG.deputy]);
    expect(row.revokeReason).toContain("打卡机当日故障属实");
    expect(await score(ORG.taxStaff1)).toBe(before + 100);
    const actions = (await t.db.auditLog.findMany({ orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions.slice(-3)).toEqual(["appeal.file", "record.revoke", "appeal.revoke"]);
    expect(await appealStats(t.db, "2026-07")).toEqual({ filed: 1, upheld: 0, revoked: 1, open: 0 });
    expect(await recordsUnderAppeal(t.db)).toEqual(new Set());
  });

  test("revoke in a closed month waits for the director's reopen; nothing changes meanwhile", async () => {
    const { rec, appeal } = await appealed();
    await t.db.period.create({ data: { period: "2026-07", state: "closed", closings: 1 } });
    const r = await decideAppeal(ctx, {
      actor: ORG.deputy,
      appealId: appeal.id,
      decision: "revoke",
      note: "x",
    });
    expect(r).toMatchObject({ ok: false, code: "APPEALS.MONTH_CLOSED", detail: { month: "2026-07" } });
    expect((await t.db.record.findUniqueOrThrow({ where: { id: rec.id } })).state).toBe("active");
    expect((await t.db.appeal.findUniqueOrThrow({ where: { id: appeal.id } })).state).toBe("open");
    await t.db.period.update({ where: { period: "2026-07" }, data: { state: "reopened" } });
    expect(
      (await decideAppeal(ctx, { actor: ORG.deputy, appealId: appeal.id, decision: "revoke", note: "x" })).ok,
    ).toBe(true);
  });
});

describe("close wait and reminders", () => {
  test("the month's appeal window ends with its last deduction's deadline", async () => {
    expect(await monthAppealWindowEnds(ctx, "2026-07")).toBeNull();
    at("2026-07-31T02:00:00.000Z"); // Friday 07-31
    await file({ code: "S-ATT-LATE", target: { person: ORG.taxStaff1 }, date: "2026-07-31" });
    // Mon 08-03, Tue 08-04, Wed 08-05: open until Thursday 08-06 00:00 Shanghai.
    expect((await monthAppealWindowEnds(ctx, "2026-07"))?.toISOString()).toBe("2026-08-05T16:00:00.000Z");
  });

  test("the reviewer is reminded once after a working day, then the director once", async () => {
    const rec = await file({ code: "S-ATT-LATE", target: { person: ORG.taxStaff1 } });
    await fileAppeal(ctx, { actor: ORG.taxStaff1, recordId: rec.id, reason: "x" });
    const seen: string[] = [];
    const publish = async (_tx: unknown, r: { kind: string; to: string[] }) => {
      seen.push(`${r.kind}:${r.to.join(",")}`);
    };
    expect(await sendDueAppealReminders(ctx, publish)).toHaveLength(0);
    at("2026-07-20T02:00:00.000Z"); // Monday 10:00: one working day after Friday 10:00
    await sendDueAppealReminders(ctx, publish);
    await sendDueAppealReminders(ctx, publish);
    at("2026-07-21T02:00:00.000Z");
    await sendDueAppealReminders(ctx, publish);
    await sendDueAppealReminders(ctx, publish);
    expect(seen).toEqual([`remind:${ORG.deputy}`, `escalate:${ORG.director}`]);
  });
});

describe("the scheduler's monthly close waits for the appeal period (§8a)", () => {
  test("a deduction filed on the last Friday moves July's close to the day after its deadline; open appeals go to the director", async () => {
    const { t: ct, ctx: cctx } = await closeContext("2026-07-15T02:00:00.000Z");
    const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-appeal-sched-"));
    try {
      const deps = { ctx: cctx, owner: "test", exportDir };
      await tick(deps); // installed in July: July is the first month it closes
      cctx.clock.set(shanghaiInstant("2026-07-31", 10));
      const r = await fileRecord(cctx, {
        filer: ORG.inspector1,
        target: { person: ORG.taxStaff1 },
        code: "S-ATT-LATE",
        date: "2026-07-31",
      });
      if (!r.ok) throw new Error(r.code);
      expect(
        (await fileAppeal(cctx, { actor: ORG.taxStaff1, recordId: r.value.rows[0]!.id, reason: "x" })).ok,
      ).toBe(true);
      // Monday 08-03 09:00 is the usual close; the appeal period runs to Wednesday 08-05.
      cctx.clock.set(shanghaiInstant("2026-08-03", 9));
      const waiting = await tick(deps);
      expect(waiting.waiting.find((w) => w.job === "close-month")).toMatchObject({ period: "2026-07" });
      cctx.clock.set(shanghaiInstant("2026-08-06", 8, 59));
      expect((await tick(deps)).ran.filter((x) => x.job === "close-month")).toEqual([]);
      cctx.clock.set(shanghaiInstant("2026-08-06", 9));
      expect((await tick(deps)).ran).toContainEqual({
        job: "close-month",
        period: "2026-07",
        status: "done",
      });
      // The reviewer was reminded by the same ticks, like an approver (once).
      const reminded = await ct.db.outboundMessage.findMany({ where: { key: { startsWith: "appeal:" } } });
      expect(reminded.map((m) => [m.key.replace(/^appeal:\d+:/, ""), m.channel])).toEqual([
        [`remind:${ORG.deputy}`, ORG.deputy],
      ]);
      const told = await ct.db.outboundMessage.findMany({ where: { key: { contains: "appeals-open" } } });
      expect(told.map((m) => m.channel)).toEqual([ORG.director]);
      expect(told[0]!.text).toContain("仍有 1 项申诉未复核");
    } finally {
      await ct.close();
      fs.rmSync(exportDir, { recursive: true, force: true });
    }
  });
});

describe("a record revoked by its filer while under appeal", () => {
  test("closes the appeal as revoked; the reviewer's decision then finds it decided", async () => {
    const rec = await file({ code: "S-ATT-LATE", target: { person: ORG.taxStaff1 } });
    const a = await fileAppeal(ctx, { actor: ORG.taxStaff1, recordId: rec.id, reason: "x" });
    if (!a.ok) throw new Error(a.code);
    expect((await revokeRecord(ctx, { actor: ORG.inspector1, id: rec.id, reason: "误登" })).ok).toBe(true);
    expect(await t.db.appeal.findUniqueOrThrow({ where: { id: a.value.appeal.id } })).toMatchObject({
      state: "revoked",
      decidedBy: ORG.inspector1,
    });
    expect(
      await decideAppeal(ctx, {
        actor: ORG.deputy,
        appealId: a.value.appeal.id,
        decision: "uphold",
        note: "x",
      }),
    ).toMatchObject({ code: "APPEALS.ALREADY_DECIDED" });
  });
});
