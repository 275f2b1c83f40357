// The close's buttons through the real app and the Slack stand-in: transfer Confirm/Dismiss, the
// director's award Edit (a modal per award kind) and Confirm, inspection's attendance Confirm all.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runMonthClose, runQuarterClose } from "../../src/jobs/closeFlow.ts";
import { createOutboxSender } from "../../src/jobs/outbox.ts";
import { importAttendance } from "../../src/services/imports/attendance.ts";
import { setEvaluation } from "../../src/services/imports/evaluations.ts";
import {
  AWARDS_CONFIRM,
  AWARDS_EDIT_CALLBACK,
  AWARDS_PICK,
  awardEditActionId,
} from "../../src/slack/blocks/awards.ts";
import { ATTENDANCE_CONFIRM, TRANSFER_CONFIRM, TRANSFER_DISMISS } from "../../src/slack/blocks/close.ts";
import type { ViewJson } from "../../src/slack/standin/slackHttp.ts";
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
    // The app's outbox sends what the closes queued (rankings, notices) once it runs; from here on the
    // channel's posts are the buttons' doing.
    await h.app.idle();
    const mark = h.standIn.calls.length;
    const channelPosts = () =>
      h.standIn.calls
        .slice(mark)
        .filter((c) => c.method === "chat.postMessage" && c.args.channel === ORG.channel);

    await h.slack.sendAction({ id: ORG.taxLeader }, { action_id: TRANSFER_CONFIRM, value: awardId });
    expect(String(responses().at(-1)!.text)).toContain("只有中心主任或分管副主任");
    await h.slack.sendAction({ id: ORG.deputy }, { action_id: TRANSFER_CONFIRM, value: awardId });
    const replaced = responses().at(-1)!;
    expect(replaced.replace_original).toBe(true);
    expect(JSON.stringify(replaced.blocks)).not.toContain(TRANSFER_CONFIRM);
    const notice = channelPosts();
    expect(notice).toHaveLength(1);
    expect(String(notice[0]!.args.text)).toContain("王二");
    expect(String(notice[0]!.args.text)).toContain("调离");
    // The director's second click changes nothing and posts nothing.
    await h.slack.sendAction({ id: ORG.director }, { action_id: TRANSFER_DISMISS, value: awardId });
    expect(String(responses().at(-1)!.text)).toContain("已经处理过");
    expect(channelPosts()).toHaveLength(1);
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

    // The proposal reaches the director through the outbox; its Edit buttons open one award kind each.
    await createOutboxSender(h.db, h.app.app.client, { minIntervalMs: 0 }).drain();
    const proposal = h.standIn
      .callsTo("chat.postMessage")
      .find(
        (c) => c.args.channel === ORG.director && JSON.stringify(c.args.blocks).includes(AWARDS_CONFIRM),
      )!;
    const at = {
      channelId: String(proposal.response!.channel),
      message: { ts: String(proposal.response!.ts) },
    };
    const editStar = JSON.stringify({ p: "2026-Q3", k: "star" });
    const lastView = () => h.standIn.callsTo("views.update").at(-1)!.response!.view as ViewJson;
    // The channel's posts from now on (the outbox sent the months' rankings before).
    const sentBefore = h.standIn.calls.length;
    const channelPosts = () =>
      h.standIn.calls
        .slice(sentBefore)
        .filter((c) => c.method === "chat.postMessage" && c.args.channel === ORG.channel);

    await h.slack.sendAction(
      { id: ORG.inspector1 },
      { action_id: awardEditActionId("star"), value: editStar },
      at,
    );
    expect(JSON.stringify(lastView().blocks)).toContain("只有中心主任");
    await h.slack.sendAction(
      { id: ORG.director },
      { action_id: awardEditActionId("star"), value: editStar },
      at,
    );
    const modal = lastView();
    expect(modal.callback_id).toBe(AWARDS_EDIT_CALLBACK);
    const select = (modal.blocks ?? []).find((b) => b.block_id === AWARDS_PICK)!.element as {
      options: { value: string }[];
      initial_options: { value: string }[];
    };
    expect(select.initial_options.map((o) => o.value).sort()).toEqual(stars.map((s) => s.targetId).sort());
    // Only those eligible are offered (王二: party relation; 郑三: under three months).
    expect(select.options.map((o) => o.value)).not.toContain(ORG.taxStaff2);

    // Saving without 周社 takes them out; the message is redrawn in place, nothing is announced yet.
    const keep = [ORG.taxLeader, ORG.taxStaff1, ORG.estateLeader];
    const saved = await h.slack.sendViewSubmission({ id: ORG.director }, modal, { [AWARDS_PICK]: keep });
    expect(saved.status).toBe(200);
    expect(saved.json).toBeUndefined(); // the modal closes
    const redrawn = h.standIn.callsTo("chat.update").at(-1)!;
    expect([redrawn.args.channel, redrawn.args.ts]).toEqual([at.channelId, at.message.ts]);
    expect(redrawn.response?.ok).toBe(true);
    expect(JSON.stringify(redrawn.args.blocks)).toContain(AWARDS_CONFIRM);
    expect(channelPosts()).toHaveLength(0);
    // An ineligible pick is refused under the select, with the reason; nothing changes.
    const refused = await h.slack.sendViewSubmission({ id: ORG.director }, modal, {
      [AWARDS_PICK]: [...keep, ORG.taxStaff2],
    });
    expect(refused.json).toMatchObject({ response_action: "errors" });
    expect(JSON.stringify(refused.json)).toContain("王二");
    expect(JSON.stringify(refused.json)).toContain("党组织关系未迁入");
    // Saving the same choice again changes nothing.
    const edits = () => h.db.auditLog.count({ where: { action: { in: ["award.add", "award.remove"] } } });
    const before = await edits();
    await h.slack.sendViewSubmission({ id: ORG.director }, modal, { [AWARDS_PICK]: keep });
    expect(await edits()).toBe(before);

    await h.slack.sendAction({ id: ORG.director }, { action_id: AWARDS_CONFIRM, value: "2026-Q3" }, at);
    const states = Object.fromEntries(
      (await h.db.award.findMany({ where: { period: "2026-Q3", kind: "star" } })).map((a) => [
        a.targetId,
        a.state,
      ]),
    );
    expect(states[ORG.hrssLeader]).toBe("removed");
    expect(states[ORG.taxStaff1]).toBe("confirmed");
    expect(states[ORG.taxStaff2]).toBeUndefined();
    const announce = channelPosts();
    expect(announce).toHaveLength(1);
    const text = JSON.stringify(announce[0]!.args.blocks);
    expect(text).toContain("林一");
    expect(text).not.toContain("周社");
    // Confirming twice is refused; so is editing a confirmed list.
    await h.slack.sendAction({ id: ORG.director }, { action_id: AWARDS_CONFIRM, value: "2026-Q3" }, at);
    expect(String(responses().at(-1)!.text)).toContain("已经确认");
    await h.slack.sendAction(
      { id: ORG.director },
      { action_id: awardEditActionId("star"), value: editStar },
      at,
    );
    expect(JSON.stringify(lastView().blocks)).toContain("已经确认");
    const late = await h.slack.sendViewSubmission({ id: ORG.director }, modal, {
      [AWARDS_PICK]: [ORG.taxStaff1],
    });
    expect(JSON.stringify(late.json)).toContain("已经确认");
    expect(states[ORG.taxLeader]).toBe("confirmed");
    expect(h.standIn.calls.filter((c) => c.response?.ok === false)).toEqual([]);
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
