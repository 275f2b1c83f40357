// The cover reminder end to end (RULES.md §3 五): a request with nobody named to cover, the scheduler's
// reminder tick queues the leader's reminder, the outbox posts it to the Slack stand-in, the leader's
// "Name cover" button opens the picker, and naming someone writes Request.coverId with an AuditLog row,
// tells the cover, updates the requester's status, the pending step message and the reminder itself.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createOutboxSender } from "../../src/jobs/outbox.ts";
import { tick } from "../../src/jobs/scheduler.ts";
import { type AppHarness, startAppHarness } from "../helpers/appHarness.ts";
import { ORG } from "../helpers/org.ts";
import type { ViewJson } from "../helpers/slackHttp.ts";
import type { StandInCall } from "../helpers/slackStandIn.ts";
import { callsDuring, lastView, textOf } from "../helpers/slackText.ts";

type Json = Record<string, unknown>;

let h: AppHarness;
const during = (fn: () => Promise<unknown>) => callsDuring(h, fn);
let dir: string;

beforeAll(async () => {
  // Thursday 2026-07-16 10:00 in Shanghai; 郑三 (estate staff) reads Slack in English.
  h = await startAppHarness({ now: "2026-07-16T02:00:00.000Z", locales: { [ORG.estateStaff1]: "en-US" } });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-e2e-cover-"));
});
afterAll(async () => {
  await h?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const posts = (calls: StandInCall[], channel: string) =>
  calls.filter((c) => c.method === "chat.postMessage" && c.args.channel === channel);

/** Clicks the "Name cover" button of a posted message as `user`. */
async function clickNameCover(user: string, post: StandInCall) {
  const reply = (post as { response?: Json }).response ?? {};
  const b = ((post.args.blocks as Json[]) ?? [])
    .flatMap((x) => (x.elements as Json[]) ?? [])
    .find((e) => e.action_id === "cover_name");
  if (!b) throw new Error("no cover_name button");
  return during(() =>
    h.slack.sendAction(
      { id: user },
      { action_id: "cover_name", value: String(b.value) },
      {
        channelId: String(reply.channel),
        message: { ts: String(reply.ts), blocks: post.args.blocks as unknown[] },
      },
    ),
  );
}

describe("cover reminder → Name cover", () => {
  test("the leader is reminded the day before, names the cover from the reminder, and everyone is told", async () => {
    // 林一 asks for Friday off through the quick form, naming nobody; the leader agrees with one click.
    const asked = await during(() =>
      h.slack.sendCommand("/qingjia", "事假 2026-07-17 2026-07-17 家中有事", { id: ORG.taxStaff1 }),
    );
    const preview = asked.find((c) => c.method === "response_url")!.args as Json;
    expect(textOf(preview)).toContain("顶岗：未指定（由窗口负责人安排）");
    const submit = ((preview.blocks as Json[]).find((b) => b.type === "actions")!.elements as Json[])[0]!;
    const sent = await during(() =>
      h.slack.sendAction(
        { id: ORG.taxStaff1 },
        { action_id: "req_submit", value: String(submit.value) },
        { isEphemeral: true },
      ),
    );
    const request = await h.db.request.findFirstOrThrow({ where: { requesterId: ORG.taxStaff1 } });
    const status = posts(sent, ORG.taxStaff1)[0]!;
    const [toLeader] = posts(sent, ORG.taxLeader);
    const leaderReply = (toLeader as { response?: Json }).response!;
    const opinion = await h.db.approvalStep.findFirstOrThrow({ where: { requestId: request.id, seq: 1 } });
    const agreed = await during(() =>
      h.slack.sendAction(
        { id: ORG.taxLeader },
        { action_id: "step_approve", value: String(opinion.id) },
        { channelId: String(leaderReply.channel), message: { ts: String(leaderReply.ts) } },
      ),
    );
    const [toInspector] = posts(agreed, ORG.inspector1);
    expect(toInspector).toBeDefined();
    expect((await h.db.request.findUniqueOrThrow({ where: { id: request.id } })).coverId).toBeNull();

    // The reminder tick (Thursday 10:00, working hours) queues it; the outbox posts it.
    const report = await tick({ ctx: h.ctx, owner: "e2e", exportDir: dir });
    expect(report.coverReminders).toBe(1);
    const sender = createOutboxSender(h.db, h.app.app.client, { minIntervalMs: 0 });
    const drained = await during(() => sender.drain());
    const [reminder] = posts(drained, ORG.taxLeader);
    expect(textOf(reminder!.args)).toContain("林一（税务窗口）的事假（2026-07-17 全天）明天开始");
    // A second tick the same day reminds nobody again.
    expect((await tick({ ctx: h.ctx, owner: "e2e", exportDir: dir })).coverReminders).toBe(0);

    // Someone else holding the button is told, politely, whose it is; nothing changes.
    const stranger = lastView(await clickNameCover(ORG.taxStaff2, reminder!));
    expect(textOf(stranger.blocks)).toContain(
      `顶岗由申请人所在窗口的负责人 <@${ORG.taxLeader}> 安排，您不能指定。`,
    );

    const opened = await clickNameCover(ORG.taxLeader, reminder!);
    const modal = lastView(opened);
    expect(modal.callback_id).toBe("cover_name_modal");
    expect(textOf(modal.blocks)).toContain(`<@${ORG.taxStaff1}>（税务窗口） 的事假申请 #${request.id}`);
    const self = await h.slack.sendViewSubmission({ id: ORG.taxLeader }, modal, { cover: ORG.taxStaff1 });
    expect(self.json).toEqual({ response_action: "errors", errors: { cover: "顶岗人不能是申请人本人。" } });
    const none = await h.slack.sendViewSubmission({ id: ORG.taxLeader }, modal, { cover: null });
    expect(none.json).toEqual({ response_action: "errors", errors: { cover: "请选择顶岗人。" } });
    expect(await h.db.auditLog.count({ where: { action: "request.cover" } })).toBe(0);

    const named = await during(async () => {
      const r = await h.slack.sendViewSubmission({ id: ORG.taxLeader }, modal, { cover: ORG.taxStaff2 });
      expect(r.json).toEqual({ response_action: "clear" });
    });
    expect((await h.db.request.findUniqueOrThrow({ where: { id: request.id } })).coverId).toBe(ORG.taxStaff2);
    const audit = await h.db.auditLog.findFirstOrThrow({ where: { action: "request.cover" } });
    expect([audit.actorId, audit.entityId, audit.before, audit.after]).toEqual([
      ORG.taxLeader,
      String(request.id),
      JSON.stringify({ coverId: null }),
      JSON.stringify({ coverId: ORG.taxStaff2 }),
    ]);
    expect(textOf(posts(named, ORG.taxStaff2).map((c) => c.args))).toBe(
      `窗口负责人 <@${ORG.taxLeader}> 指定您为 <@${ORG.taxStaff1}>（税务窗口） 顶岗（2026-07-17 全天）。`,
    );
    const updates = named.filter((c) => c.method === "chat.update");
    const statusReply = (status as { response?: Json }).response!;
    const statusUpdate = updates.find((c) => c.args.ts === statusReply.ts);
    expect(textOf(statusUpdate!.args.blocks)).toContain(`顶岗：<@${ORG.taxStaff2}>`);
    const inspectorReply = (toInspector as { response?: Json }).response!;
    const stepUpdate = updates.find((c) => c.args.ts === inspectorReply.ts);
    expect(textOf(stepUpdate!.args.blocks)).toContain(`顶岗：<@${ORG.taxStaff2}>`);
    const reminderReply = (reminder as { response?: Json }).response!;
    const reminderUpdate = updates.find((c) => c.args.ts === reminderReply.ts)!;
    expect(textOf(reminderUpdate.args.blocks)).toContain(
      `✅ <@${ORG.taxStaff1}>（税务窗口） 的事假（2026-07-17 全天）已由 <@${ORG.taxLeader}> 指定 <@${ORG.taxStaff2}> 顶岗`,
    );
    expect(JSON.stringify(reminderUpdate.args.blocks)).not.toContain("cover_name");

    // The leader changes their mind: 郑三 (English) covers, 王二 is released.
    const again = lastView(await clickNameCover(ORG.taxLeader, reminder!));
    const changed = await during(() =>
      h.slack.sendViewSubmission({ id: ORG.taxLeader }, again, { cover: ORG.estateStaff1 }),
    );
    expect(textOf(posts(changed, ORG.estateStaff1).map((c) => c.args))).toBe(
      `Window leader <@${ORG.taxLeader}> named you to cover for <@${ORG.taxStaff1}> (税务窗口) (2026-07-17, all day).`,
    );
    expect(textOf(posts(changed, ORG.taxStaff2).map((c) => c.args))).toContain("您不用再顶岗");
    expect(await h.db.auditLog.count({ where: { action: "request.cover" } })).toBe(2);

    // Once the request is withdrawn the button refuses and changes nothing.
    const withdrawn = await h.slack.sendAction(
      { id: ORG.taxStaff1 },
      { action_id: "req_withdraw", value: String(request.id) },
      { channelId: String(statusReply.channel), message: { ts: String(statusReply.ts) } },
    );
    expect(withdrawn.status).toBe(200);
    expect((await h.db.request.findUniqueOrThrow({ where: { id: request.id } })).state).toBe("withdrawn");
    const late = lastView(await clickNameCover(ORG.taxLeader, reminder!));
    expect(textOf(late.blocks)).toContain("这份申请已结束（已撤回），不需要安排顶岗。");
    const stale = await h.slack.sendViewSubmission({ id: ORG.taxLeader }, again, { cover: ORG.taxStaff2 });
    expect(textOf((stale.json as { view: ViewJson }).view.blocks)).toContain("已撤回");
    expect((await h.db.request.findUniqueOrThrow({ where: { id: request.id } })).coverId).toBe(
      ORG.estateStaff1,
    );
  });
});
