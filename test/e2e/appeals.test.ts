// Appeals (申诉, RULES.md §8a) over signed HTTP with the Slack stand-in: the Appeal button on a
// deduction's private notice opens the reason modal; the reviewer (the deputy director) gets the
// record, the rule, the filer's note and the appeal with Uphold / Revoke; the decision's note; the
// appellant and the filer are told; /score shows "under appeal" meanwhile. One appeal is upheld (in
// Chinese), one revoked in a closed month (in English): the director is asked to reopen it, reopens it
// from the message, and the revoke then changes the score.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runMonthClose } from "../../src/jobs/closeFlow.ts";
import { scoreMonthFromDb } from "../../src/services/monthScores.ts";
import { fileRecord } from "../../src/services/records.ts";
import { fileNotices } from "../../src/slack/listeners/records.ts";
import { type AppHarness, startAppHarness } from "../helpers/appHarness.ts";
import { ORG } from "../helpers/org.ts";
import type { ViewJson } from "../helpers/slackHttp.ts";
import type { StandInCall } from "../helpers/slackStandIn.ts";
import { callsDuring, lastView, textOf } from "../helpers/slackText.ts";

type Json = Record<string, unknown>;

let h: AppHarness;
let dir: string;
const during = (fn: () => Promise<unknown>) => callsDuring(h, fn);

beforeAll(async () => {
  // Friday 2026-07-17 10:00 in Shanghai; taxStaff2 reads Slack in English.
  h = await startAppHarness({ now: "2026-07-17T02:00:00.000Z", locales: { [ORG.taxStaff2]: "en-US" } });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-e2e-appeal-"));
});
afterAll(async () => {
  await h?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Files a deduction as inspector 1, with its private notice through the outbox. */
async function deduct(person: string, note: string): Promise<number> {
  const r = await fileRecord(
    h.ctx,
    { filer: ORG.inspector1, target: { person }, code: "S-ATT-LATE", date: "2026-07-17", note },
    fileNotices(h.ctx),
  );
  if (!r.ok) throw new Error(r.code);
  await h.app.idle();
  return r.value.rows[0]!.id;
}

const dms = (calls: readonly StandInCall[], to: string) =>
  calls.filter((c) => c.method === "chat.postMessage" && c.args.channel === to);
const buttonsOf = (blocks: unknown) =>
  ((blocks as Json[]) ?? [])
    .flatMap((b) => [
      ...((b.elements as Json[] | undefined) ?? []),
      ...(b.accessory ? [b.accessory as Json] : []),
    ])
    .filter((e) => e.type === "button");
const buttonIn = (blocks: unknown, actionId: string) => {
  const b = buttonsOf(blocks).find((e) => e.action_id === actionId);
  if (!b) throw new Error(`no ${actionId} in ${JSON.stringify(blocks)}`);
  return b;
};
const click = (user: string, actionId: string, value: string) =>
  during(() => h.slack.sendAction({ id: user }, { action_id: actionId, value }));
const submit = async (user: string, view: ViewJson, values: Record<string, string>) => {
  let answer: Json = {};
  const calls = await during(async () => {
    answer = (await h.slack.sendViewSubmission({ id: user }, view, values)).json as Json;
    await h.app.idle();
  });
  return { answer, calls };
};

describe("an appeal upheld (中文)", () => {
  test("notice button → reason → the deputy upholds with a note; both told; the record still counts", async () => {
    const id = await deduct(ORG.taxStaff1, "迟到10分钟");
    const notice = dms(h.standIn.calls, ORG.taxStaff1).at(-1)!;
    const button = buttonIn(notice.args.blocks, "appeal_open");
    expect(button).toMatchObject({ value: String(id), text: { text: "申诉" } });
    expect(textOf(notice.args.blocks)).toContain("如有异议，可在 2026-07-22 前申诉。");

    // Someone else's click is refused; the person gets the modal with the record.
    expect(textOf(lastView(await click(ORG.taxStaff2, "appeal_open", String(id))).blocks)).toContain(
      "Only the person it was filed against",
    );
    const modal = lastView(await click(ORG.taxStaff1, "appeal_open", String(id)));
    expect(modal.callback_id).toBe("appeal_modal");
    expect(textOf(modal.blocks)).toContain(`#${id} 迟到早退`);
    const blank = await submit(ORG.taxStaff1, modal, { reason: "   " });
    expect(blank.answer).toMatchObject({ response_action: "errors", errors: { reason: "请填写申诉理由。" } });

    const { answer, calls } = await submit(ORG.taxStaff1, modal, { reason: "当天打卡机故障 <!channel>" });
    expect(textOf(answer.view)).toContain("由 <@U0DEPUTY> 复核");
    const review = dms(calls, ORG.deputy)[0]!;
    const reviewText = textOf(review.args.blocks);
    expect(reviewText).toContain("对扣分记录提出申诉");
    expect(reviewText).toContain("迟到早退（S-ATT-LATE）");
    expect(reviewText).toContain("考评办法"); // the rule's clause
    expect(reviewText).toContain("说明：迟到10分钟"); // the filer's note
    expect(reviewText).toContain("申诉理由：当天打卡机故障 &lt;!channel&gt;"); // escaped once
    expect(String(dms(calls, ORG.inspector1)[0]!.args.text)).toContain("提出申诉");

    // Until decided: "under appeal" in /score, and it still counts.
    const score = await during(() => h.slack.sendCommand("/score", "", { id: ORG.taxStaff1 }));
    const shown = textOf(score.filter((c) => c.method === "response_url").map((c) => c.args));
    expect(shown).toContain("（申诉中）");
    // App Home too: the line under appeal, and no Appeal button for it any more.
    const home = await during(() => h.slack.sendAppHomeOpened({ id: ORG.taxStaff1 }));
    const view = home.find((c) => c.method === "views.publish")?.args.view as Json;
    expect(textOf(view.blocks)).toContain(`#${id} 2026-07-17 迟到早退 −1（申诉中）`);
    expect(buttonsOf(view.blocks).filter((b) => b.action_id === "appeal_open")).toEqual([]);

    const upholdModal = lastView(
      await click(ORG.deputy, "appeal_uphold", buttonIn(review.args.blocks, "appeal_uphold").value as string),
    );
    expect(upholdModal.callback_id).toBe("appeal_decide_modal");
    const decided = await submit(ORG.deputy, upholdModal, { note: "考勤机记录正常" });
    expect(textOf(decided.answer.view)).toContain("已维持");
    expect(String(dms(decided.calls, ORG.taxStaff1)[0]!.args.text)).toContain("维持");
    expect(String(dms(decided.calls, ORG.inspector1)[0]!.args.text)).toContain("经申诉复核");
    const update = decided.calls.find((c) => c.method === "chat.update" && c.args.channel !== ORG.taxStaff1);
    expect(textOf(update?.args.blocks)).toContain("已维持：考勤机记录正常");
    expect(buttonsOf(update?.args.blocks)).toEqual([]);
    expect((await h.db.record.findUniqueOrThrow({ where: { id } })).state).toBe("active");
    expect(await h.db.auditLog.count({ where: { action: "appeal.uphold" } })).toBe(1);
    // A second appeal of the same record is refused.
    expect(textOf(lastView(await click(ORG.taxStaff1, "appeal_open", String(id))).blocks)).toContain(
      "只能申诉一次",
    );
  });
});

describe("an appeal revoked in a closed month (English)", () => {
  test("the deputy's revoke asks the director to reopen; once reopened the revoke changes the score", async () => {
    const id = await deduct(ORG.taxStaff2, "late 10 min");
    const notice = dms(h.standIn.calls, ORG.taxStaff2).at(-1)!;
    expect(buttonIn(notice.args.blocks, "appeal_open")).toMatchObject({ text: { text: "Appeal" } });
    const modal = lastView(await click(ORG.taxStaff2, "appeal_open", String(id)));
    const filed = await submit(ORG.taxStaff2, modal, { reason: "The clock was broken that day" });
    expect(textOf(filed.answer.view)).toContain("Your appeal");
    const review = dms(filed.calls, ORG.deputy)[0]!;
    const appealId = String(buttonIn(review.args.blocks, "appeal_revoke").value);

    // July closes with the appeal still open (the record counts).
    h.clock.set("2026-08-03T02:00:00.000Z");
    const closing = await during(async () => {
      const closed = await runMonthClose(h.ctx, "2026-07", { actor: "scheduler", exportDir: dir });
      expect(closed.ok).toBe(true);
      await h.app.idle();
    });
    // The director is told which appeals are still open; the person's notice shows the line under appeal.
    expect(dms(closing, ORG.director).map((c) => String(c.args.text))).toContainEqual(
      expect.stringContaining("仍有 1 项申诉未复核"),
    );
    const monthly = dms(closing, ORG.taxStaff2).find((c) =>
      textOf(c.args.blocks).includes("Late or left early"),
    );
    expect(textOf(monthly?.args.blocks)).toContain("(under appeal)");
    const before = (await scoreMonthFromDb(h.ctx, "2026-07")).people.find((p) => p.id === ORG.taxStaff2)!;

    const note = "Clock failure confirmed by the IT desk";
    const refused = await submit(ORG.deputy, lastView(await click(ORG.deputy, "appeal_revoke", appealId)), {
      note,
    });
    // The deputy reads Chinese: the director is asked to reopen the month.
    expect(textOf(refused.answer.view)).toContain("已请主任重开该月");
    expect((await h.db.record.findUniqueOrThrow({ where: { id } })).state).toBe("active");
    const ask = dms(refused.calls, ORG.director)[0]!;
    expect(textOf(ask.args.blocks)).toContain("已结算");
    const reopenButton = buttonIn(ask.args.blocks, "close_reopen_month");
    expect(reopenButton.value).toBe("2026-07");

    // The director reopens the month from that message.
    const reopenModal = lastView(await click(ORG.director, "close_reopen_month", "2026-07"));
    await submit(ORG.director, reopenModal, { reason: `申诉 #${appealId}：撤销记录 #${id}` });
    expect((await h.db.period.findUniqueOrThrow({ where: { period: "2026-07" } })).state).toBe("reopened");

    const done = await submit(ORG.deputy, lastView(await click(ORG.deputy, "appeal_revoke", appealId)), {
      note,
    });
    expect(textOf(done.answer.view)).toContain("已撤销");
    const row = await h.db.record.findUniqueOrThrow({ where: { id } });
    expect([row.state, row.revokedBy]).toEqual(["revoked", ORG.deputy]);
    expect(
      dms(done.calls, ORG.taxStaff2)
        .map((c) => String(c.args.text))
        .join("\n"),
    ).toContain("was revoked by <@U0DEPUTY>. Note: Clock failure confirmed by the IT desk");
    const after = (await scoreMonthFromDb(h.ctx, "2026-07")).people.find((p) => p.id === ORG.taxStaff2)!;
    expect(after.scoreHundredths).toBe(before.scoreHundredths + 100);
    expect(await h.db.appeal.findMany({ select: { state: true }, orderBy: { id: "asc" } })).toEqual([
      { state: "upheld" },
      { state: "revoked" },
    ]);
  });
});
