// The close's buttons through the real app and the Slack stand-in: transfer Confirm/Dismiss, the
// director's award Edit/Remove/Confirm, inspection's attendance Confirm all.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runMonthClose, runQuarterClose } from "../../src/jobs/closeFlow.ts";
import { importAttendance } from "../../src/services/imports/attendance.ts";
import { setEvaluation } from "../../src/services/imports/evaluations.ts";
import { AWARDS_CONFIRM, AWARDS_EDIT, AWARDS_TOGGLE } from "../../src/slack/blocks/awards.ts";
import { ATTENDANCE_CONFIRM, TRANSFER_CONFIRM, TRANSFER_DISMISS } from "../../src/slack/blocks/close.ts";
import { type AppHarness, startAppHarness } from "../helpers/appHarness.ts";
import { file } from "../helpers/closeFixture.ts";
import { ORG, PEOPLE } from "../helpers/org.ts";

describe("close buttons", () => {
  let h: AppHarness;
  let dir: string;
  afterEach(async () => {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const responses = () => h.standIn.callsTo("response_url").map((c) => c.args);

  it("transfer: a staff member cannot decide; the deputy confirms once; the channel gets the notice", async () => {
    h = await startAppHarness({ now: "2026-08-03T01:00:00.000Z" });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-e2e-close-"));
    await file(h.ctx, { person: ORG.taxStaff2 }, "S-DIS-LEISURE", "2026-06-10");
    await file(h.ctx, { person: ORG.taxStaff2 }, "S-DIS-LEISURE", "2026-07-08");
    await runMonthClose(h.ctx, "2026-06", { actor: "t", exportDir: dir });
    const july = await runMonthClose(h.ctx, "2026-07", { actor: "t", exportDir: dir });
    if (!july.ok || july.value.kind !== "closed") throw new Error("close failed");
    const awardId = String(july.value.closed.transfers[0]!.awardId);

    await h.slack.sendAction({ id: ORG.taxLeader }, { action_id: TRANSFER_CONFIRM, value: awardId });
    expect(String(responses().at(-1)!.text)).toContain("只有中心主任或分管副主任");
    await h.slack.sendAction({ id: ORG.deputy }, { action_id: TRANSFER_CONFIRM, value: awardId });
    const replaced = responses().at(-1)!;
    expect(replaced.replace_original).toBe(true);
    expect(JSON.stringify(replaced.blocks)).not.toContain(TRANSFER_CONFIRM);
    const notice = h.standIn.callsTo("chat.postMessage").filter((c) => c.args.channel === ORG.channel);
    expect(notice).toHaveLength(1);
    expect(String(notice[0]!.args.text)).toContain("王二");
    expect(String(notice[0]!.args.text)).toContain("调离");
    // The director's second click changes nothing and posts nothing.
    await h.slack.sendAction({ id: ORG.director }, { action_id: TRANSFER_DISMISS, value: awardId });
    expect(String(responses().at(-1)!.text)).toContain("已经处理过");
    expect(h.standIn.callsTo("chat.postMessage").filter((c) => c.args.channel === ORG.channel)).toHaveLength(
      1,
    );
    expect((await h.db.award.findUniqueOrThrow({ where: { id: Number(awardId) } })).state).toBe("confirmed");
  });

  it("awards: the director edits the proposal, confirms, and the channel gets the confirmed names only", async () => {
    h = await startAppHarness({ now: "2026-10-12T02:00:00.000Z" });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-e2e-awards-"));
    for (const m of ["2026-07", "2026-08", "2026-09"])
      await runMonthClose(h.ctx, m, { actor: "t", exportDir: dir });
    for (const id of PEOPLE)
      await setEvaluation(h.ctx, {
        period: "2026-Q3",
        targetType: "person",
        target: id,
        points: "9",
        actor: ORG.director,
      });
    expect((await runQuarterClose(h.ctx, "2026-Q3", { actor: "t" })).ok).toBe(true);
    const stars = await h.db.award.findMany({ where: { period: "2026-Q3", kind: "star" } });
    // 陈税, 林一, 周社, 吴房 are eligible (王二: party relation; 郑三: under three months).
    expect(stars.map((s) => s.targetId).sort()).toEqual(
      [ORG.taxLeader, ORG.taxStaff1, ORG.hrssLeader, ORG.estateLeader].sort(),
    );

    await h.slack.sendAction({ id: ORG.inspector1 }, { action_id: AWARDS_EDIT, value: "2026-Q3" });
    expect(String(responses().at(-1)!.text)).toContain("只有中心主任");
    await h.slack.sendAction({ id: ORG.director }, { action_id: AWARDS_EDIT, value: "2026-Q3" });
    expect(JSON.stringify(responses().at(-1)!.blocks)).toContain(AWARDS_TOGGLE);
    const remove = JSON.stringify({ p: "2026-Q3", k: "star", id: ORG.hrssLeader, i: 0 });
    await h.slack.sendAction({ id: ORG.director }, { action_id: AWARDS_TOGGLE, value: remove });
    const addIneligible = JSON.stringify({ p: "2026-Q3", k: "star", id: ORG.taxStaff2, i: 1 });
    await h.slack.sendAction({ id: ORG.director }, { action_id: AWARDS_TOGGLE, value: addIneligible });
    expect(String(responses().at(-1)!.text)).toContain("党组织关系未迁入");
    await h.slack.sendAction({ id: ORG.director }, { action_id: AWARDS_CONFIRM, value: "2026-Q3" });

    const states = Object.fromEntries(
      (await h.db.award.findMany({ where: { period: "2026-Q3", kind: "star" } })).map((a) => [
        a.targetId,
        a.state,
      ]),
    );
    expect(states[ORG.hrssLeader]).toBe("removed");
    expect(states[ORG.taxStaff1]).toBe("confirmed");
    expect(states[ORG.taxStaff2]).toBeUndefined();
    const announce = h.standIn.callsTo("chat.postMessage").filter((c) => c.args.channel === ORG.channel);
    expect(announce).toHaveLength(1);
    const text = JSON.stringify(announce[0]!.args.blocks);
    expect(text).toContain("林一");
    expect(text).not.toContain("周社");
    // Confirming twice is refused.
    await h.slack.sendAction({ id: ORG.director }, { action_id: AWARDS_CONFIRM, value: "2026-Q3" });
    expect(String(responses().at(-1)!.text)).toContain("已经确认");
  });

  it("attendance: inspection's Confirm all makes the proposals count", async () => {
    h = await startAppHarness({ now: "2026-08-03T01:00:00.000Z" });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-e2e-att-"));
    const csv = `person,datetime\n${ORG.taxStaff1},2026-07-06 08:37\n${ORG.taxStaff1},2026-07-06 12:00\n${ORG.taxStaff1},2026-07-06 14:30\n${ORG.taxStaff1},2026-07-06 17:30\n`;
    const r = await importAttendance(h.ctx, csv, { actor: ORG.inspector1 });
    expect(r.totals?.late).toBe(1);
    await h.slack.sendAction({ id: ORG.taxLeader }, { action_id: ATTENDANCE_CONFIRM, value: "2026-07" });
    expect(await h.db.record.count({ where: { state: "active" } })).toBe(0);
    await h.slack.sendAction({ id: ORG.inspector2 }, { action_id: ATTENDANCE_CONFIRM, value: "2026-07" });
    expect(await h.db.record.count({ where: { state: "active", code: "S-ATT-LATE" } })).toBe(1);
    expect(String(responses().at(-1)!.text)).toContain("1");
  });
});
