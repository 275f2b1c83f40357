// AB岗 (顶岗补位制度, RULES.md §8) on a real SQLite file: the org file's `backup`, the suggested cover,
// the window leader's warning (A and B both away, who else is free; a one-person window), the uncovered
// absences of a week, and the W-AB proposal — made once when an absence starts with nobody covering,
// confirmed or dismissed by inspection — through the services and the scheduler's tick.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { shanghaiInstant } from "../../src/domain/dates.ts";
import { tick } from "../../src/jobs/scheduler.ts";
import {
  abStepNote,
  proposeUncoveredStarts,
  suggestedCover,
  uncoveredAbsences,
} from "../../src/services/abCover.ts";
import { buildDigest } from "../../src/services/digest.ts";
import { monthResult } from "../../src/services/monthScores.ts";
import { importOrg, showOrg } from "../../src/services/org.ts";
import { decideProposedRecord } from "../../src/services/proposals.ts";
import { digestMessage } from "../../src/slack/blocks/digest.ts";
import { closeContext, type TestContext } from "../helpers/closeFixture.ts";
import type { TestDb } from "../helpers/db.ts";
import { ORG, orgFixture, seedOrg, withBackups } from "../helpers/org.ts";
import { textOf } from "../helpers/slackText.ts";

/** Tax: 林一 (staff 1) ↔ 王二 (staff 2) back each other up; the leader's B is 林一. */
const PAIRS = {
  [ORG.taxStaff1]: ORG.taxStaff2,
  [ORG.taxStaff2]: ORG.taxStaff1,
  [ORG.taxLeader]: ORG.taxStaff1,
};

let t: TestDb;
let ctx: TestContext;

beforeEach(async () => {
  ({ t, ctx } = await closeContext("2026-07-15T02:00:00.000Z")); // Wednesday 10:00 in Shanghai
  await seedOrg(t.db, withBackups(orgFixture(), PAIRS));
});
afterEach(async () => {
  await t.close();
});

const at = (date: string, hh: number, mm = 0) => ctx.clock.set(shanghaiInstant(date, hh, mm));
const request = (
  requesterId: string,
  start: string,
  end: string,
  more: { state?: string; coverId?: string; startHalf?: string; endHalf?: string } = {},
) =>
  t.db.request.create({
    data: {
      requesterId,
      kind: "personal",
      startDate: start,
      startHalf: more.startHalf ?? "am",
      endDate: end,
      endHalf: more.endHalf ?? "pm",
      halfDays: 2,
      reason: "家中有事",
      state: more.state ?? "approved",
      coverId: more.coverId ?? null,
    },
  });

describe("the org file's backup (AB岗)", () => {
  it("is stored, shown, and refused when unknown, the person's own or in another window", async () => {
    const view = await showOrg(t.db);
    const tax = view.windows.find((w) => w.id === "tax")!;
    expect(tax.people.find((p) => p.id === ORG.taxStaff1)!.backupId).toBe(ORG.taxStaff2);
    expect(view.windows.find((w) => w.id === "estate")!.people.every((p) => p.backupId === null)).toBe(true);

    const refused = async (pairs: Record<string, string>) => {
      const r = await importOrg(t.db, withBackups(orgFixture(), pairs), "test");
      return r.ok ? "ok" : `${r.code} ${JSON.stringify(r.detail)}`;
    };
    expect(await refused({ [ORG.taxStaff1]: ORG.taxStaff1 })).toBe(
      `ORG.BACKUP_SELF {"entry":"people[1] (${ORG.taxStaff1})","person":"${ORG.taxStaff1}"}`,
    );
    expect(await refused({ [ORG.taxStaff1]: "U9NOBODY" })).toMatch(/^ORG\.BACKUP_UNKNOWN .*U9NOBODY/);
    expect(await refused({ [ORG.taxStaff1]: ORG.estateStaff1 })).toBe(
      `ORG.BACKUP_OTHER_WINDOW {"entry":"people[1] (${ORG.taxStaff1})","backup":"${ORG.estateStaff1}","window":"tax","backupWindow":"estate"}`,
    );
    // Refused imports wrote nothing: the pairs stand as they were.
    expect((await t.db.person.findUniqueOrThrow({ where: { id: ORG.taxStaff1 } })).backupId).toBe(
      ORG.taxStaff2,
    );
    // A file without backups clears them (the file says what is so).
    expect(await refused({})).toBe("ok");
    expect((await t.db.person.findUniqueOrThrow({ where: { id: ORG.taxStaff1 } })).backupId).toBeNull();
  });
});

describe("the suggested cover and the leader's warning", () => {
  it("suggests B unless B is away then", async () => {
    const days = {
      start: { date: "2026-07-20", half: "am" as const },
      end: { date: "2026-07-20", half: "pm" as const },
    };
    expect(await suggestedCover(t.db, ORG.taxStaff1, days)).toEqual({
      backupId: ORG.taxStaff2,
      backupAway: false,
    });
    await request(ORG.taxStaff2, "2026-07-20", "2026-07-20", { startHalf: "pm" });
    expect(await suggestedCover(t.db, ORG.taxStaff1, days)).toEqual({
      backupId: ORG.taxStaff2,
      backupAway: true,
    });
    // B is away from the afternoon only: for the morning alone B is suggested.
    const morning = { start: days.start, end: { date: "2026-07-20", half: "am" as const } };
    expect((await suggestedCover(t.db, ORG.taxStaff1, morning)).backupAway).toBe(false);
    expect(await suggestedCover(t.db, ORG.estateStaff1, days)).toEqual({ backupId: null, backupAway: false });
  });

  it("names the half days when A and B are both away and who else in the window is free", async () => {
    // B (王二) away Tuesday afternoon to Wednesday; A (林一) asks Monday to Thursday.
    await request(ORG.taxStaff2, "2026-07-21", "2026-07-22", { startHalf: "pm", state: "pending" });
    const a = await request(ORG.taxStaff1, "2026-07-20", "2026-07-23", { state: "pending" });
    const note = await abStepNote(t.db, a);
    expect(note).toEqual({
      requesterId: ORG.taxStaff1,
      single: false,
      pairs: [
        {
          aId: ORG.taxStaff1,
          bId: ORG.taxStaff2,
          periods: [{ start: { date: "2026-07-21", half: "pm" }, end: { date: "2026-07-22", half: "pm" } }],
        },
      ],
      free: [ORG.taxLeader],
    });
    // The leader away on Wednesday morning too: nobody else is free then.
    await request(ORG.taxLeader, "2026-07-22", "2026-07-22", { endHalf: "am" });
    expect((await abStepNote(t.db, a))!.free).toEqual([]);
  });

  it("warns B's leader too when B asks while the A B backs up is away", async () => {
    // The leader's B is 林一: the leader away, then 林一 asks — the leader's post has nobody.
    await request(ORG.taxLeader, "2026-07-20", "2026-07-20");
    const b = await request(ORG.taxStaff1, "2026-07-20", "2026-07-20", { state: "pending" });
    const note = (await abStepNote(t.db, b))!;
    expect(note.pairs.map((p) => [p.aId, p.bId])).toEqual([[ORG.taxLeader, ORG.taxStaff1]]);
    expect(note.free).toEqual([ORG.taxStaff2]);
  });

  it("says nothing when B is at work, and that a one-person window's home unit must send someone", async () => {
    const a = await request(ORG.taxStaff1, "2026-07-20", "2026-07-20", { state: "pending" });
    expect(await abStepNote(t.db, a)).toBeNull();
    const solo = await request(ORG.hrssLeader, "2026-07-20", "2026-07-20", { state: "pending" });
    expect(await abStepNote(t.db, solo)).toEqual({
      requesterId: ORG.hrssLeader,
      single: true,
      pairs: [],
      free: [],
    });
  });
});

describe("uncovered absences of a week", () => {
  it("lists an absence with nobody named or whose cover is away, by window", async () => {
    const none = await request(ORG.taxStaff1, "2026-07-20", "2026-07-20");
    const awayCover = await request(ORG.estateStaff1, "2026-07-21", "2026-07-21", {
      coverId: ORG.estateLeader,
    });
    await request(ORG.estateLeader, "2026-07-21", "2026-07-21", { endHalf: "am", coverId: ORG.taxStaff2 });
    await request(ORG.taxStaff2, "2026-07-29", "2026-07-29"); // next week
    await request(ORG.taxLeader, "2026-07-22", "2026-07-22", { state: "rejected" }); // not an absence
    const week = await uncoveredAbsences(t.db, "2026-07-20", "2026-07-26");
    expect(week.map((u) => [u.requestId, u.why, u.coverId])).toEqual([
      [none.id, "none", null],
      [awayCover.id, "cover_away", ORG.estateLeader],
    ]);
    expect(week[0]).toMatchObject({ name: "林一", windowName: "税务窗口", state: "approved" });
    expect((await uncoveredAbsences(t.db, "2026-07-20", "2026-07-26", { windowId: "estate" })).length).toBe(
      1,
    );
    // The weekly digest carries them.
    const digest = await buildDigest(ctx, "2026-07-20");
    expect(digest.uncovered?.map((u) => u.requestId)).toEqual([none.id, awayCover.id]);
    const zh = textOf(digestMessage("zh", digest).blocks);
    expect(zh).toContain("*本周未落实顶岗的请假、外出*");
    expect(zh).toContain(`#${none.id} 林一（税务窗口）· 2026-07-20 全天 · 已批准 · 未指定顶岗人`);
    expect(textOf(digestMessage("en", digest).blocks)).toContain(
      `#${awayCover.id} 郑三 (不动产窗口) · 2026-07-21, all day · approved · cover <@${ORG.estateLeader}> is away too`,
    );
    // A week where every absence is covered says nothing about it.
    const later = await buildDigest(ctx, "2026-08-03");
    expect(textOf(digestMessage("zh", later).blocks)).not.toContain("未落实顶岗");
  });
});

describe("W-AB proposed when an absence starts with nobody covering", () => {
  it("is proposed once, at the first half day's start, and confirmed by inspection to count", async () => {
    const uncovered = await request(ORG.taxStaff1, "2026-07-16", "2026-07-16", { startHalf: "pm" });
    const covered = await request(ORG.taxStaff2, "2026-07-16", "2026-07-16", { coverId: ORG.taxLeader });
    const coverAway = await request(ORG.estateStaff1, "2026-07-16", "2026-07-16", {
      coverId: ORG.estateLeader,
    });
    await request(ORG.estateLeader, "2026-07-16", "2026-07-17", {
      coverId: ORG.estateStaff1,
      state: "pending",
    });
    const opts = { actor: "scheduler" };
    at("2026-07-16", 8, 29);
    expect(await proposeUncoveredStarts(ctx, opts)).toEqual([]);
    at("2026-07-16", 9);
    // Morning starts: the estate staff's cover (the leader) is away too; the estate leader's own cover
    // (郑三) is away as well. The tax staff's afternoon has not started; the covered one stays clear.
    const morning = await proposeUncoveredStarts(ctx, opts);
    expect(morning.map((p) => [p.request.id, p.record.windowId, p.coverId]).sort()).toEqual(
      [
        [coverAway.id, "estate", ORG.estateLeader],
        [coverAway.id + 1, "estate", ORG.estateStaff1],
      ].sort(),
    );
    // July: the summer afternoon starts at 14:30 (attendance setting), not 14:00.
    at("2026-07-16", 14);
    expect(await proposeUncoveredStarts(ctx, opts)).toEqual([]);
    at("2026-07-16", 14, 30);
    const afternoon = await proposeUncoveredStarts(ctx, opts);
    expect(afternoon.map((p) => p.request.id)).toEqual([uncovered.id]);
    expect(afternoon[0]!.record).toMatchObject({
      code: "W-AB",
      windowId: "tax",
      personId: null,
      month: "2026-07",
      date: "2026-07-16",
      totalHundredths: 500,
      state: "proposed",
      source: "ab",
      sourceKey: `ab:request:${uncovered.id}`,
    });
    // Once: later ticks, and a cover named afterwards, propose nothing more.
    at("2026-07-17", 9);
    expect((await proposeUncoveredStarts(ctx, opts)).map((p) => p.request.id)).toEqual([]);
    expect(await t.db.record.count({ where: { code: "W-AB" } })).toBe(3);
    expect(await t.db.record.count({ where: { sourceKey: `ab:request:${covered.id}` } })).toBe(0);

    // A proposal does not count until inspection confirms it.
    const windowScore = async () =>
      (await monthResult(ctx, "2026-07")).windows.find((w) => w.id === "tax")!.scoreHundredths;
    const before = await windowScore();
    const id = afternoon[0]!.record.id;
    const notInspection = await decideProposedRecord(ctx, {
      recordId: id,
      actor: ORG.taxLeader,
      confirm: true,
    });
    expect(notInspection.ok ? "ok" : notInspection.code).toBe("RECORDS.NOT_INSPECTION");
    const confirmed = await decideProposedRecord(ctx, { recordId: id, actor: ORG.inspector2, confirm: true });
    expect(
      confirmed.ok && [confirmed.value.record.state, confirmed.value.record.filedBy, confirmed.value.changed],
    ).toEqual(["active", ORG.inspector2, true]);
    expect(before - (await windowScore())).toBe(500);
    // A second click is harmless; the other answer is refused.
    const again = await decideProposedRecord(ctx, { recordId: id, actor: ORG.inspector1, confirm: true });
    expect(again.ok && again.value.changed).toBe(false);
    const dismiss = await decideProposedRecord(ctx, { recordId: id, actor: ORG.inspector1, confirm: false });
    expect(dismiss.ok ? "ok" : `${dismiss.code} ${JSON.stringify(dismiss.detail)}`).toBe(
      'PROPOSAL.DECIDED {"state":"active"}',
    );
    // Dismissed: kept, never counted.
    const other = morning[0]!.record.id;
    const dismissed = await decideProposedRecord(ctx, {
      recordId: other,
      actor: ORG.inspector1,
      confirm: false,
    });
    expect(dismissed.ok && dismissed.value.record.state).toBe("dismissed");
  });

  it("a sick leave starting on Saturday is first missed on Monday morning", async () => {
    const r = await request(ORG.taxStaff1, "2026-07-18", "2026-07-21"); // Saturday … Tuesday
    at("2026-07-18", 10);
    expect(await proposeUncoveredStarts(ctx, { actor: "scheduler" })).toEqual([]);
    at("2026-07-20", 8, 30);
    const [p] = await proposeUncoveredStarts(ctx, { actor: "scheduler" });
    expect([p?.request.id, p?.record.date]).toEqual([r.id, "2026-07-20"]);
  });

  it("the scheduler's tick proposes it and tells every inspection member, with Confirm and Dismiss", async () => {
    const r = await request(ORG.taxStaff1, "2026-07-15", "2026-07-15");
    at("2026-07-15", 10);
    const report = await tick({ ctx, owner: "test", exportDir: t.file });
    expect(report.abProposals).toBe(1);
    const notices = await t.db.outboundMessage.findMany({
      where: { key: { startsWith: "ab:propose:" } },
      orderBy: { channel: "asc" },
    });
    expect(notices.map((n) => n.channel)).toEqual([ORG.inspector1, ORG.inspector2]);
    expect(notices[0]!.text).toBe(
      `拟扣分：违反顶岗补位制度（W-AB），税务窗口 林一 的请假 #${r.id} 开始时无人顶岗`,
    );
    const actions = (
      JSON.parse(notices[0]!.blocks!) as { type: string; elements?: { action_id: string }[] }[]
    ).find((b) => b.type === "actions");
    expect(actions?.elements?.map((e) => e.action_id)).toEqual([
      "ab_proposal_confirm",
      "ab_proposal_dismiss",
    ]);
    expect((await tick({ ctx, owner: "test", exportDir: t.file })).abProposals).toBe(0);
  });

  it("leaves alone absences that started before the scheduler was installed", async () => {
    await request(ORG.taxStaff1, "2026-07-14", "2026-07-15");
    at("2026-07-15", 10);
    expect((await tick({ ctx, owner: "test", exportDir: t.file })).abProposals).toBe(0);
  });
});
