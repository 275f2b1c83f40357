// Socket Mode end to end (issue #8 item 2): a center without a public HTTPS address runs the bot with
// SLACK_APP_TOKEN. The real app connects through apps.connections.open (SLACK_API_URL → the Web API
// stand-in) to the Socket Mode stand-in on loopback, receives `hello`, then envelopes of type
// slash_commands / interactive / events_api, and acks each by its envelope_id within 3 s. The same flows
// run over HTTP too, so the two transports are held to the same behaviour.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import WebSocket from "ws";
import { LEAVE_COMMANDS } from "../../src/slack/listeners/commands/index.ts";
import { startSocketModeStandIn } from "../../src/slack/standin/socketMode.ts";
import { type AppHarness, startAppHarness } from "../helpers/appHarness.ts";
import { ORG } from "../helpers/org.ts";
import type { SlackUserRef, ViewJson } from "../helpers/slackHttp.ts";
import type { StandInCall } from "../helpers/slackStandIn.ts";
import { button, buttonIn, responses, textOf } from "../helpers/slackText.ts";

type Json = Record<string, unknown>;

// The leave command as the listener registers it (/qingjia since issue #8 item 1; /leave is Slack's own).
const LEAVE = LEAVE_COMMANDS[0];

const u = (id: string): SlackUserRef => ({ id });

async function during(h: AppHarness, fn: () => Promise<unknown>): Promise<StandInCall[]> {
  const from = h.standIn.calls.length;
  await fn();
  return h.standIn.calls.slice(from);
}

/** Who clicks a step: its assignee, or the first inspection member for an inspection step. */
function approverOf(step: { approver: string; assigneeId: string | null }): string {
  if (step.assigneeId) return step.assigneeId;
  if (step.approver === "inspection") return ORG.inspector1;
  throw new Error(`no one in the fixture decides a ${step.approver} step`);
}

/** Over Socket Mode: every envelope was acknowledged exactly once, in time, with its own envelope_id. */
function expectEveryEnvelopeAckedOnce(h: AppHarness) {
  const socket = h.socket;
  if (!socket) return;
  expect(socket.unacked).toEqual([]);
  expect(socket.acks.filter((a) => a.late || a.repeated || a.stray)).toEqual([]);
  expect(socket.acks.map((a) => a.envelope_id).sort()).toEqual(
    socket.envelopes.map((e) => e.envelope_id).sort(),
  );
}

describe.each(["http", "socket"] as const)("the same flows over %s", (transport) => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({ transport });
  });
  afterAll(async () => {
    await h?.close();
  });

  test(`a leave request: ${LEAVE} quick form → Submit → each approver clicks → approved`, async () => {
    const asked = await during(h, () =>
      h.slack.sendCommand(LEAVE, "事假 2026-07-27 2026-07-27 家里装修", u(ORG.taxStaff1)),
    );
    // One answer each: the listener's; nothing else tells the user "nobody handled this".
    expect(responses(asked)).toHaveLength(1);
    const [preview] = responses(asked);
    expect(textOf(preview)).toContain("请确认以下申请（尚未提交）：");
    const submit = button(preview!, "req_submit");
    const sent = await during(h, () =>
      h.slack.sendAction(
        u(ORG.taxStaff1),
        { action_id: "req_submit", value: String(submit.value) },
        { isEphemeral: true },
      ),
    );
    const request = await h.db.request.findFirstOrThrow({ where: { requesterId: ORG.taxStaff1 } });
    expect(responses(sent).map((r) => r.text)).toEqual([`已提交申请 #${request.id}，审批进度见与我的私信。`]);

    // Each pending step's approver clicks Approve on the message the bot sent them.
    let clicks = 0;
    for (let i = 0; i < 6; i++) {
      const step = await h.db.approvalStep.findFirst({
        where: { requestId: request.id, state: "pending" },
        orderBy: { seq: "asc" },
      });
      if (!step) break;
      const who = approverOf(step);
      const post = h.standIn.calls
        .filter((c) => c.method === "chat.postMessage" && c.args.channel === who)
        .findLast((c) => buttonIn(c.args, "step_approve")?.value === String(step.id));
      expect(post, `the ${step.approver} step's message to ${who}`).toBeDefined();
      const reply = post!.response ?? {};
      await h.slack.sendAction(
        u(who),
        { action_id: "step_approve", value: String(step.id) },
        {
          channelId: String(reply.channel),
          message: { ts: String(reply.ts), blocks: post!.args.blocks as [] },
        },
      );
      expect((await h.db.approvalStep.findUniqueOrThrow({ where: { id: step.id } })).state).toBe("approved");
      clicks += 1;
    }
    expect(clicks).toBeGreaterThanOrEqual(2); // the window leader, then the next approver
    const final = await h.db.request.findUniqueOrThrow({ where: { id: request.id } });
    expect(final.state).toBe("approved");
    expect(await h.db.auditLog.count({ where: { action: "step.approve" } })).toBe(clicks);
    // The requester is told, in the DM where their status message lives.
    const told = h.standIn.calls.filter(
      (c) => c.method === "chat.postMessage" && c.args.channel === ORG.taxStaff1,
    );
    expect(textOf(told.map((c) => c.args))).toContain(`✅ 您的事假申请 #${request.id}`);
    expectEveryEnvelopeAckedOnce(h);
  });

  test("a deduction: /deduct quick form → Confirm → filed, and the person is told", async () => {
    const inspector = { id: ORG.inspector1, name: "inspector1" };
    const calls = await during(h, () =>
      h.slack.sendCommand("/deduct", `<@${ORG.taxStaff2}|wang> S-ATT-LATE 迟到`, inspector),
    );
    expect(responses(calls)).toHaveLength(1);
    const [preview] = responses(calls);
    expect(String(preview?.text)).toContain("S-ATT-LATE");
    expect(await h.db.record.count({ where: { personId: ORG.taxStaff2 } })).toBe(0);
    const confirm = button(preview!, "record_confirm");
    const filed = await during(h, () =>
      h.slack.sendAction(inspector, { action_id: "record_confirm", value: String(confirm.value) }),
    );
    const rows = await h.db.record.findMany({ where: { personId: ORG.taxStaff2 } });
    expect(rows.map((r) => [r.code, r.note, r.source])).toEqual([["S-ATT-LATE", "迟到", "manual"]]);
    const dm = filed.filter((c) => c.method === "chat.postMessage" && c.args.channel === ORG.taxStaff2);
    expect(dm).toHaveLength(1);
    expect(String(dm[0]!.args.text)).toContain("S-ATT-LATE");
    expect(responses(filed)).toHaveLength(1);
    expect(responses(filed)[0]?.replace_original).toBe(true);
    expectEveryEnvelopeAckedOnce(h);
  });

  test("App Home: app_home_opened → views.publish for that user", async () => {
    const calls = await during(h, () => h.slack.sendAppHomeOpened(u(ORG.inspector2)));
    const published = calls.filter((c) => c.method === "views.publish");
    expect(published).toHaveLength(1);
    expect(published[0]!.args.user_id).toBe(ORG.inspector2);
    expect((published[0]!.args.view as Json).type).toBe("home");
    expectEveryEnvelopeAckedOnce(h);
  });
});

describe("Socket Mode: the connection", () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({ transport: "socket" });
  });
  afterAll(async () => {
    await h?.close();
  });

  test("the app opens its connection with the app-level token and is greeted", () => {
    const opens = h.standIn.callsTo("apps.connections.open");
    expect(opens).toHaveLength(1);
    expect(String(opens[0]!.response?.url)).toMatch(
      /^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=[\w-]+&app_id=A0STANDIN$/,
    );
    expect(h.socket!.connections).toMatchObject([{ id: 1, greeted: true, closed: false }]);
    expect(h.socket!.refused).toEqual([]);
  });

  test("acks carry the envelope_id; a response rides in the ack's payload", async () => {
    const res = await h.slack.sendCommand("/deduct", "", { id: ORG.inspector1 });
    const [envelope] = h.socket!.envelopes.slice(-1);
    expect(envelope).toMatchObject({ type: "slash_commands", accepts_response_payload: true });
    expect(envelope!.payload).toMatchObject({ command: "/deduct", user_id: ORG.inspector1 });
    expect(h.socket!.acks.at(-1)!.envelope_id).toBe(envelope!.envelope_id);
    expect(res.status).toBe(200);

    // The modal's catalog search: the option list comes back in the ack, where Slack reads it.
    const form = h.standIn.callsTo("views.open").at(-1)!.response!.view as ViewJson;
    const found = await h.slack.sendOptions({ id: ORG.inspector1 }, "record_item", "首问", { view: form });
    const [suggestion] = h.socket!.envelopes.slice(-1);
    expect(suggestion).toMatchObject({ type: "interactive", accepts_response_payload: true });
    expect(suggestion!.payload.type).toBe("block_suggestion");
    expect(h.socket!.acks.at(-1)).toMatchObject({ envelope_id: suggestion!.envelope_id });
    expect((found.json as { options: Array<{ value: string }> }).options.map((o) => o.value)).toEqual([
      "S-SVC-FIRSTASK",
      "W-FIRSTASK",
    ]);
    expectEveryEnvelopeAckedOnce(h);
  });

  test("disconnect (refresh_requested) mid-run → a new apps.connections.open → the next envelope is processed once", async () => {
    const before = await h.db.record.count();
    const auditsBefore = await h.db.auditLog.count({ where: { action: "record.file" } });
    const inspector = { id: ORG.inspector2 };
    const asked = await during(h, () =>
      h.slack.sendCommand("/deduct", `<@${ORG.estateStaff1}> S-ATT-LATE 早退`, inspector),
    );
    const confirm = button(responses(asked)[0]!, "record_confirm");

    // Slack refreshes the connection between the preview and the click.
    h.socket!.disconnect("refresh_requested");
    const second = await h.socket!.waitForConnection(2);
    expect(second.id).toBe(2);
    expect(h.socket!.connections[0]).toMatchObject({ closed: true, disconnectReason: "refresh_requested" });
    expect(h.standIn.callsTo("apps.connections.open")).toHaveLength(2);
    // Each connection has a URL of its own (a ticket is single-use: see the last test).
    const urls = h.standIn.callsTo("apps.connections.open").map((c) => String(c.response?.url));
    expect(new Set(urls).size).toBe(2);

    const filed = await during(h, () =>
      h.slack.sendAction(inspector, { action_id: "record_confirm", value: String(confirm.value) }),
    );
    expect(h.socket!.acks.at(-1)!.connection).toBe(2);
    expect(await h.db.record.count()).toBe(before + 1);
    expect(await h.db.auditLog.count({ where: { action: "record.file" } })).toBe(auditsBefore + 1);
    const told = filed.filter((c) => c.method === "chat.postMessage" && c.args.channel === ORG.estateStaff1);
    expect(told).toHaveLength(1);
    expectEveryEnvelopeAckedOnce(h);
  });

  test("Slack redelivers an event it got no ack for (retry_attempt 1): acked, not processed again", async () => {
    const event = { type: "app_home_opened", user: ORG.taxLeader, channel: "D1LEADER", tab: "home" };
    const first = await during(h, () => h.slack.sendEvent(event));
    expect(first.filter((c) => c.method === "views.publish")).toHaveLength(1);
    const original = h.socket!.envelopes.at(-1)!;
    // The same event_id again, as Slack's redelivery carries it.
    const again = await during(h, async () => {
      await h.socket!.send("events_api", original.payload, { retryAttempt: 1, retryReason: "timeout" });
      await h.app.idle();
    });
    expect(h.socket!.envelopes.at(-1)).toMatchObject({ retry_attempt: 1, retry_reason: "timeout" });
    expect(again.filter((c) => c.method === "views.publish")).toEqual([]);
    expectEveryEnvelopeAckedOnce(h);
  });
});

describe("apps.connections.open on the stand-in", () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({ transport: "socket", knownBot: true });
  });
  afterAll(async () => {
    await h?.close();
  });

  const open = (token: string) =>
    fetch(`${h.standIn.url}apps.connections.open`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/x-www-form-urlencoded" },
    }).then((r) => r.json() as Promise<Json>);

  test("a bot token is refused; an app-level token gets a single-use URL", async () => {
    expect(await open("xoxb-test")).toEqual({ ok: false, error: "not_allowed_token_type" });
    const first = await open("xapp-1-A0STANDIN-1-test");
    expect(first.ok).toBe(true);
    const url = String(first.url);
    // The URL works once: a WebSocket to it is greeted; the same URL again is refused at the handshake.
    const hello = await new Promise<Json>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.once("message", (data) => {
        resolve(JSON.parse(String(data)) as Json);
        ws.close();
      });
      ws.once("error", () => reject(new Error("first connection failed")));
    });
    expect(hello).toMatchObject({ type: "hello", connection_info: { app_id: "A0STANDIN" } });
    const reused = await new Promise<string>((resolve) => {
      const ws = new WebSocket(url);
      ws.once("open", () => {
        resolve("open");
        ws.close();
      });
      ws.once("error", () => resolve("refused"));
    });
    expect(reused).toBe("refused");
    expect(h.socket!.refused).toHaveLength(1);
  });
});

describe("the Socket Mode stand-in on its own", () => {
  test("an envelope nobody acks within the deadline fails, as Slack gives up; a late ack is marked late", async () => {
    const socket = await startSocketModeStandIn({ ackTimeoutMs: 200 });
    const ws = new WebSocket(socket.connectionUrl());
    const next = () =>
      new Promise<Json>((resolve) => ws.once("message", (data) => resolve(JSON.parse(String(data)) as Json)));
    try {
      expect(await next()).toMatchObject({ type: "hello", num_connections: 1 });
      const delivered = next();
      await expect(socket.send("events_api", { type: "event_callback", event_id: "Ev1" })).rejects.toThrow(
        /no ack for events_api envelope/,
      );
      const envelope = await delivered;
      expect(socket.unacked.map((e) => e.envelope_id)).toEqual([envelope.envelope_id]);
      expect(envelope).toMatchObject({
        type: "events_api",
        retry_attempt: 0,
        accepts_response_payload: false,
      });

      // The app acks after all, then acks an envelope that never existed, then answers the next one.
      ws.send(JSON.stringify({ envelope_id: envelope.envelope_id }));
      ws.send(JSON.stringify({ envelope_id: "no-such-envelope", payload: {} }));
      const command = next();
      const answered = socket.send("slash_commands", { command: "/deduct", text: "" });
      const second = await command;
      expect(second).toMatchObject({ type: "slash_commands", accepts_response_payload: true });
      ws.send(JSON.stringify({ envelope_id: second.envelope_id, payload: { text: "ok" } }));
      // Acks arrive in order, so the two before it are recorded once this one is.
      expect(await answered).toMatchObject({
        payload: { text: "ok" },
        late: false,
        stray: false,
        repeated: false,
      });
      expect(socket.acks.map((a) => [a.late, a.stray])).toEqual([
        [true, false],
        [false, true],
        [false, false],
      ]);
    } finally {
      ws.terminate();
      await socket.close();
    }
  });
});
