// Nothing lost after a late ack (issue #9): the real app on 127.0.0.1, the Slack stand-in, the outbox.
// Every message that follows a change is queued with the change and delivered by the app's outbox
// sender: an ack past Slack's 3 s (Bolt has answered 404 itself and ack() throws) skips none of them,
// and a Slack that answers 500 or does not answer at all for minutes gets every message once, in order
// per conversation, when it comes back. Time is the sender's own clock, stepped by the test.
import { afterEach, describe, expect, it } from "vitest";
import { REJECT_CALLBACK, STEP_APPROVE } from "../../src/slack/blocks/approvals.ts";
import { QUICK_SUBMIT } from "../../src/slack/blocks/requests.ts";
import { type AppHarness, HARNESS_NOW, startAppHarness } from "../helpers/appHarness.ts";
import { ORG } from "../helpers/org.ts";
import type { StandInCall } from "../helpers/slackStandIn.ts";

type Json = Record<string, unknown>;

/** Buttons in a posted message's blocks, by action_id. */
function buttons(call: StandInCall | undefined, actionId: string): Json[] {
  const blocks = (call?.args.blocks ?? []) as Json[];
  return blocks.flatMap((b) => (b.elements ?? []) as Json[]).filter((e) => e.action_id === actionId);
}

let h: AppHarness;
afterEach(async () => h?.close());

/** A 2-day 事假 of taxStaff1 (window_leader:opinion → inspection:approve), submitted; its request row. */
async function submitted(start: string, end: string) {
  const url = h.standIn.responseUrl();
  await h.slack.sendCommand(
    "/qingjia",
    `事假 ${start} ${end} 家中有事`,
    { id: ORG.taxStaff1 },
    { responseUrl: url },
  );
  const preview = h.standIn.callsTo("response_url").find((c) => c.args.url === url);
  const value = buttons(preview, QUICK_SUBMIT)[0]?.value;
  if (typeof value !== "string") throw new Error(`no preview: ${JSON.stringify(preview?.args)}`);
  const res = await h.slack.sendAction(
    { id: ORG.taxStaff1 },
    { action_id: QUICK_SUBMIT, value },
    { isEphemeral: true },
  );
  expect(res.status).toBe(200);
  return h.db.request.findFirstOrThrow({
    where: { requesterId: ORG.taxStaff1, startDate: start },
    include: { steps: { orderBy: { seq: "asc" } } },
  });
}

/** The user a stand-in call's conversation belongs to (a DM's D… id is the user's), else the channel. */
function conversationOf(call: StandInCall): string {
  const channel = String(call.args.channel);
  for (const id of Object.values(ORG)) if (h.standIn.dmChannel(id) === channel) return id;
  return channel;
}

/** Successful chat.postMessage / chat.update calls since `from`, as [conversation, method, text]. */
function deliveredSince(from: number): [string, string, string][] {
  return h.standIn.calls
    .slice(from)
    .filter((c) => (c.method === "chat.postMessage" || c.method === "chat.update") && !c.failed)
    .filter((c) => c.response?.ok === true)
    .map((c) => [conversationOf(c), c.method, String(c.args.text)]);
}

/**
 * What the outbox holds as sent, per conversation in queue order, must be exactly what Slack took, in
 * that order: none lost, none twice, none out of order.
 */
async function expectDeliveredAsQueued(from: number): Promise<void> {
  const rows = await h.db.outboundMessage.findMany({ orderBy: { id: "asc" } });
  expect(rows.filter((r) => !["sent", "superseded"].includes(r.state))).toEqual([]);
  const sent = rows.filter((r) => r.state === "sent");
  const got = deliveredSince(from);
  expect(got).toHaveLength(sent.length);
  for (const conversation of new Set(sent.map((r) => r.channel))) {
    expect(
      got.filter(([c]) => c === conversation).map(([, method, text]) => [method, text]),
      conversation,
    ).toEqual(
      sent
        .filter((r) => r.channel === conversation)
        .map((r) => [r.op === "update" ? "chat.update" : "chat.postMessage", r.text]),
    );
  }
}

describe("a late ack skips nothing", () => {
  it("an approval acked after Slack's 3 s: every notification goes out, once", {
    timeout: 30_000,
  }, async () => {
    h = await startAppHarness();
    const request = await submitted("2026-07-20", "2026-07-21");
    const [opinion, inspection] = request.steps as [(typeof request.steps)[0], (typeof request.steps)[0]];
    const ask = h.standIn
      .callsTo("chat.postMessage")
      .find((c) => buttons(c, STEP_APPROVE).some((b) => b.value === String(opinion.id)))!;
    expect(ask.args.channel).toBe(ORG.taxLeader);
    const status = h.standIn.callsTo("chat.postMessage").find((c) => c.args.channel === ORG.taxStaff1)!;

    // The write waits (a lock, a slow disk): the listener acks only after Bolt gave up on it at 3 s.
    // Each delivery's ack is wrapped where the receiver hands it to the app.
    let lateAcks = 0;
    const app = h.app.app;
    const processEvent = app.processEvent.bind(app);
    app.processEvent = (event) =>
      processEvent({
        ...event,
        ack: async (response?: unknown) => {
          if (lateAcks++ === 0) await new Promise((resolve) => setTimeout(resolve, 3300));
          return event.ack(response as never);
        },
      });
    const from = h.standIn.calls.length;
    const res = await h.slack.sendAction(
      { id: ORG.taxLeader },
      { action_id: STEP_APPROVE, value: String(opinion.id) },
      { channelId: String(ask.response!.channel), message: { ts: String(ask.response!.ts) } },
    );
    // Slack was not answered in time: Bolt answered the request itself.
    expect(res.status).not.toBe(200);
    expect(lateAcks).toBeGreaterThanOrEqual(1);
    expect((await h.db.approvalStep.findUniqueOrThrow({ where: { id: opinion.id } })).state).toBe("approved");

    const got = deliveredSince(from);
    // The next approvers (both inspection members) are asked, once each.
    const asks = h.standIn.calls
      .slice(from)
      .filter(
        (c) =>
          c.method === "chat.postMessage" &&
          buttons(c, STEP_APPROVE).some((b) => b.value === String(inspection.id)),
      );
    expect(asks.map((c) => c.args.channel).sort()).toEqual([ORG.inspector1, ORG.inspector2]);
    // The leader's message loses its buttons, the requester's status shows the step: in place, once each.
    const updates = h.standIn.calls.slice(from).filter((c) => c.method === "chat.update");
    expect(updates.map((c) => [c.args.channel, c.args.ts]).sort()).toEqual(
      [
        [ask.response!.channel, ask.response!.ts],
        [status.response!.channel, status.response!.ts],
      ].sort(),
    );
    expect(
      buttons(
        updates.find((c) => c.args.ts === ask.response!.ts),
        STEP_APPROVE,
      ),
    ).toEqual([]);
    expect(got).toHaveLength(4);
    await expectDeliveredAsQueued(0);

    // The leader clicks again (Slack showed them an error): told it is decided; nothing goes out twice.
    app.processEvent = processEvent;
    const again = h.standIn.calls.length;
    await h.slack.sendAction(
      { id: ORG.taxLeader },
      { action_id: STEP_APPROVE, value: String(opinion.id) },
      { channelId: String(ask.response!.channel), message: { ts: String(ask.response!.ts) } },
    );
    expect(h.standIn.calls.slice(again).filter((c) => c.method === "chat.postMessage" && !c.failed)).toEqual(
      [],
    );
  });

  it("a slow users.info (the clicker's locale unknown) delays no ack: the rejection and its notices go out", {
    timeout: 30_000,
  }, async () => {
    h = await startAppHarness();
    const request = await submitted("2026-07-22", "2026-07-23");
    const opinion = request.steps[0]!;
    // The leader's locale is not stored (never synced), and Slack takes 3.5 s to say it.
    await h.db.person.update({ where: { id: ORG.taxLeader }, data: { locale: null } });
    h.standIn.failNext("users.info", { delayMs: 3500 });
    const from = h.standIn.calls.length;
    const res = await h.slack.sendViewSubmission(
      { id: ORG.taxLeader },
      { callback_id: REJECT_CALLBACK, private_metadata: JSON.stringify({ stepId: opinion.id }), blocks: [] },
      {},
      { stateValues: { note: { note: { type: "plain_text_input", value: "窗口人手不足" } } } },
    );
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ response_action: "clear" });
    expect((await h.db.request.findUniqueOrThrow({ where: { id: request.id } })).state).toBe("rejected");
    const dms = deliveredSince(from).filter(([c, m]) => c === ORG.taxStaff1 && m === "chat.postMessage");
    expect(dms.map(([, , text]) => text)).toEqual([expect.stringContaining("窗口人手不足")]);
    await expectDeliveredAsQueued(0);
    // Asked after the answer, and kept for the next time.
    expect((await h.db.person.findUniqueOrThrow({ where: { id: ORG.taxLeader } })).locale).toBe("zh-CN");
  });
});

describe("Slack down or silent for minutes, then back", () => {
  /** Submit, the leader's opinion, inspection's approval: while Slack fails. Returns the request id. */
  async function wholeRequest(start: string, end: string): Promise<number> {
    const request = await submitted(start, end);
    for (const [user, step] of [
      [ORG.taxLeader, request.steps[0]!],
      [ORG.inspector1, request.steps[1]!],
    ] as const) {
      const res = await h.slack.sendAction({ id: user }, { action_id: STEP_APPROVE, value: String(step.id) });
      expect(res.status).toBe(200);
    }
    expect((await h.db.request.findUniqueOrThrow({ where: { id: request.id } })).state).toBe("approved");
    return request.id;
  }

  for (const [name, failure, timeoutMs] of [
    ["answering HTTP 500", { status: 500 as const }, undefined],
    ["not answering at all (the call times out)", { hang: true as const }, 300],
  ] as const)
    it(`${name} for two minutes: every message once, in order per conversation`, {
      timeout: 60_000,
    }, async () => {
      let now = Date.parse(HARNESS_NOW);
      h = await startAppHarness({
        outbox: { clock: () => now },
        ...(timeoutMs ? { slackCallTimeoutMs: timeoutMs } : {}),
      });
      const from = h.standIn.calls.length;
      h.standIn.outage(failure);
      const requestId = await wholeRequest("2026-07-20", "2026-07-21");
      // Two minutes of Slack failing: each round the due messages are tried again and fail.
      const start = now;
      for (let round = 0; round < 20 && now - start < 120_000; round++) {
        now += 15_000;
        await h.app.idle();
      }
      const queued = await h.db.outboundMessage.findMany({ where: { state: "queued" } });
      expect(queued.length).toBeGreaterThan(0);
      // The first message of each conversation was tried again and again; the rest wait behind it.
      expect(Math.max(...queued.map((r) => r.attempts))).toBeGreaterThan(2);
      expect(deliveredSince(from)).toEqual([]);
      // A newer status replaced an older queued one: fewer chat.update calls.
      expect(await h.db.outboundMessage.count({ where: { state: "superseded" } })).toBeGreaterThan(0);

      h.standIn.recover();
      now += 10 * 60_000; // past every backoff
      await h.app.idle();
      await expectDeliveredAsQueued(from);
      // What each person sees in the end: the requester's one status message says approved, the
      // approvers' messages have no buttons left, and the requester was told.
      const got = deliveredSince(from);
      const mine = got.filter(([c]) => c === ORG.taxStaff1);
      expect(mine.map(([, m]) => m)).toEqual(["chat.postMessage", "chat.update", "chat.postMessage"]);
      expect(mine[2]![2]).toContain(`#${requestId}`);
      const updates = h.standIn.calls.slice(from).filter((c) => c.method === "chat.update" && c.response?.ok);
      for (const u of updates) expect(buttons(u, STEP_APPROVE)).toEqual([]);
      const posted = h.standIn.calls
        .slice(from)
        .filter((c) => c.method === "chat.postMessage" && c.response?.ok);
      expect(new Set(updates.map((u) => u.args.ts)).size).toBe(updates.length);
      for (const u of updates) expect(posted.some((p) => p.response!.ts === u.args.ts)).toBe(true);
    });
});
