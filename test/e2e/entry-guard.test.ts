// Issue #9, findings 4 and 10: what reaches the bot before anything is checked.
// 4. A signed `payload=null` (or JSON null, `[]`, an interaction without a user …) crashed the process
//    (an unhandled rejection inside Bolt's HTTPReceiver); Socket Mode frames likewise. Each must be
//    answered (400, or 200 where a listener explains), and the bot must go on serving.
// 10. Unsigned bodies of up to 4 MB were read before the signature check. Bodies are capped at
//    BODY_LIMIT_BYTES and refused (413 / 401) before they are read.
// Bounded: every wait has a deadline; loopback only.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STANDIN_SIGNING_SECRET } from "../../src/config.ts";
import { BODY_LIMIT_BYTES } from "../../src/slack/inboundGuard.ts";
import { seedStandInWorkspace } from "../../src/slack/standin/workspace.ts";
import { type AppHarness, startAppHarness } from "../helpers/appHarness.ts";
import { type MainProcess, prepareMainDatabase, startMainProcess } from "../helpers/mainProcess.ts";
import { ORG, orgFixture } from "../helpers/org.ts";
import { createSlackHttp, signSlackRequest } from "../helpers/slackHttp.ts";
import { type SlackStandIn, startSlackStandIn } from "../helpers/slackStandIn.ts";

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

/** `promise`, or a failure naming `what` after `ms` (a bound on the wait, not a timing assertion). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

const payload = (p: unknown) => `payload=${encodeURIComponent(JSON.stringify(p))}`;
const user = { id: ORG.taxStaff1, username: "lin", name: "lin", team_id: "T0STANDIN" };

/** Signed bodies Slack would never send, each with the status the bot must answer. */
const MALFORMED: Array<{ label: string; body: string; type: string; status: number }> = [
  { label: "payload=null", body: "payload=null", type: FORM, status: 400 },
  { label: "JSON null", body: "null", type: JSON_TYPE, status: 400 },
  { label: "payload=[]", body: "payload=%5B%5D", type: FORM, status: 400 },
  { label: 'payload="x"', body: payload("x"), type: FORM, status: 400 },
  { label: "payload=5", body: "payload=5", type: FORM, status: 400 },
  { label: "payload=true", body: "payload=true", type: FORM, status: 400 },
  { label: "payload={}", body: payload({}), type: FORM, status: 400 },
  { label: "payload not JSON", body: "payload=%7Bnot-json", type: FORM, status: 400 },
  { label: "JSON []", body: "[]", type: JSON_TYPE, status: 400 },
  { label: 'JSON "x"', body: '"x"', type: JSON_TYPE, status: 400 },
  { label: "JSON {}", body: "{}", type: JSON_TYPE, status: 400 },
  {
    label: "block_actions without a user",
    body: payload({ type: "block_actions", actions: [{ action_id: "step_approve", value: "1" }] }),
    type: FORM,
    status: 400,
  },
  {
    label: "block_actions with user null",
    body: payload({ type: "block_actions", user: null, actions: [{ action_id: "step_approve" }] }),
    type: FORM,
    status: 400,
  },
  {
    label: "block_actions with channel null",
    body: payload({ type: "block_actions", user, channel: null, actions: [{ action_id: "step_approve" }] }),
    type: FORM,
    status: 400,
  },
  {
    label: "block_actions without actions",
    body: payload({ type: "block_actions", user, message: "x" }),
    type: FORM,
    status: 400,
  },
  {
    label: "block_actions whose actions are a number",
    body: payload({ type: "block_actions", user, actions: -1165777384 }),
    type: FORM,
    status: 400,
  },
  {
    label: "view_submission without a view",
    body: payload({ type: "view_submission", user }),
    type: FORM,
    status: 400,
  },
  {
    label: "view_submission with response_urls null",
    body: payload({
      type: "view_submission",
      user,
      view: { id: "V1", callback_id: "req_form", state: { values: {} } },
      response_urls: null,
    }),
    type: FORM,
    status: 400,
  },
  {
    label: "an interaction type nobody routes",
    body: payload({ type: "dialog_submission", user, submission: {} }),
    type: FORM,
    status: 400,
  },
  {
    label: "a command field given twice",
    body: `command=%2Fqingjia&command=%2Ftimeoff&user_id=${ORG.taxStaff1}&text=x`,
    type: FORM,
    status: 400,
  },
  {
    label: "event null",
    body: JSON.stringify({ type: "event_callback", event: null }),
    type: JSON_TYPE,
    status: 400,
  },
  {
    label: 'event "x"',
    body: JSON.stringify({ type: "event_callback", event: "x" }),
    type: JSON_TYPE,
    status: 400,
  },
  {
    label: "event.channel null",
    body: JSON.stringify({ type: "event_callback", event: { type: "message", channel: null } }),
    type: JSON_TYPE,
    status: 400,
  },
  {
    label: "event.user null",
    body: JSON.stringify({ type: "event_callback", event: { type: "app_home_opened", user: null } }),
    type: JSON_TYPE,
    status: 400,
  },
  {
    label: "event.item a number",
    body: JSON.stringify({ type: "event_callback", event: { type: "reaction_added", item: 5 } }),
    type: JSON_TYPE,
    status: 400,
  },
  {
    label: "authorizations [null]",
    body: JSON.stringify({
      type: "event_callback",
      event: { type: "app_home_opened", user: ORG.taxStaff1 },
      authorizations: [null],
    }),
    type: JSON_TYPE,
    status: 400,
  },
  // Bolt can route these; the replay guard refuses them in the reply, so the person is told why.
  // Slack sends user_id, response_url and trigger_id with every command; without them nothing can answer.
  { label: "a command without user or text", body: "command=%2Fqingjia", type: FORM, status: 400 },
  {
    label: "block_actions whose actions are not a list",
    body: payload({ type: "block_actions", user, actions: "x" }),
    type: FORM,
    status: 200,
  },
];

describe("the bot as `npm start` runs it, sent malformed signed deliveries", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-entry-"));
  const file = path.join(dir, "bot.db");
  let standIn: SlackStandIn;
  let bot: MainProcess | undefined;

  beforeAll(async () => {
    const org = orgFixture();
    await prepareMainDatabase(file, org);
    standIn = await startSlackStandIn();
    seedStandInWorkspace(standIn, org);
    bot = await startMainProcess({ file, slackApiUrl: standIn.url });
  });

  afterAll(async () => {
    await bot?.stop();
    await standIn?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("answers every one at once (400, or 200 with the reason) and keeps serving", {
    timeout: 90_000,
  }, async () => {
    const slack = createSlackHttp({ appUrl: bot!.url, signingSecret: STANDIN_SIGNING_SECRET, standIn });
    const answered: Record<string, number> = {};
    for (const c of MALFORMED) {
      const res = await within(slack.post(c.body, c.type), 10_000, `${c.label} (${bot!.output()})`);
      answered[c.label] = res.status;
    }
    expect(answered).toEqual(Object.fromEntries(MALFORMED.map((c) => [c.label, c.status])));

    // Slack's own checks still go through: ssl_check (signed or not) and the URL verification.
    expect((await slack.post("ssl_check=1&token=x", FORM)).status).toBe(200);
    const unsigned = await fetch(`${bot!.url}/slack/events`, {
      method: "POST",
      headers: { "content-type": FORM },
      body: "ssl_check=1&token=x",
    });
    expect(unsigned.status).toBe(200);
    expect((await slack.sendUrlVerification("c-123")).json).toEqual({ challenge: "c-123" });

    expect(bot!.alive()).toBe(true);
    expect((await fetch(`${bot!.url}/healthz`)).status).toBe(200);
    // And a real request is served as before.
    const url = standIn.responseUrl();
    const ok = await slack.sendCommand(
      "/qingjia",
      "事假 2026-08-12 家中有事",
      { id: ORG.taxStaff1 },
      { responseUrl: url },
    );
    expect(ok.status).toBe(200);
    const preview = await standIn.waitFor("response_url", (c) => c.args.url === url, 10_000);
    expect(String(JSON.stringify(preview.args))).toContain("2026-08-12");
    expect(bot!.alive()).toBe(true);
  });
});

describe("Socket Mode, sent malformed frames", () => {
  let h: AppHarness;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  beforeAll(async () => {
    process.on("unhandledRejection", onRejection);
    h = await startAppHarness({ transport: "socket" });
  });
  afterAll(async () => {
    await h?.close();
    process.off("unhandledRejection", onRejection);
  });

  it("acknowledges and drops each envelope, ignores the rest, and keeps serving", async () => {
    const socket = h.socket!;
    for (const frame of ["null", "[]", "5", "not json", '{"type":"events_api"}', '{"type":"hello2"}'])
      await socket.sendRaw(frame);
    const envelopes: Array<[string, Record<string, unknown>]> = [
      ["E-null", { type: "events_api", payload: null }],
      ["E-no-event", { type: "events_api", payload: { type: "event_callback", event: null } }],
      ["E-event-str", { type: "events_api", payload: { type: "event_callback", event: "x" } }],
      ["E-int-null", { type: "interactive", payload: null }],
      ["E-int-array", { type: "interactive", payload: [] }],
      [
        "E-no-user",
        { type: "interactive", payload: { type: "block_actions", actions: [{ action_id: "x" }] } },
      ],
      ["E-no-view", { type: "interactive", payload: { type: "view_submission", user } }],
      ["E-cmd-list", { type: "slash_commands", payload: { command: ["/qingjia"], user_id: ORG.taxStaff1 } }],
      ["E-cmd-str", { type: "slash_commands", payload: "x" }],
      ["E-unknown", { type: "error", payload: {} }],
    ];
    // Each is acknowledged (or Slack would deliver it again and again), with nothing in the ack.
    for (const [id, envelope] of envelopes) {
      const ack = await within(
        socket.sendRaw(JSON.stringify({ envelope_id: id, ...envelope }), id),
        10_000,
        id,
      );
      expect(ack?.envelope_id, id).toBe(id);
      expect(ack?.payload, id).toBeUndefined();
    }

    const url = h.standIn.responseUrl();
    const ok = await h.slack.sendCommand(
      "/qingjia",
      "事假 2026-08-12 家中有事",
      { id: ORG.taxStaff1 },
      {
        responseUrl: url,
      },
    );
    expect(ok.status).toBe(200);
    expect(h.standIn.callsTo("response_url").some((c) => c.args.url === url)).toBe(true);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    expect(rejections).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Finding 10: the body cap.

interface RawResult {
  status: number;
  /** Bytes of the body written before the answer came. */
  sentBeforeAnswer: number;
}

/**
 * POSTs to /slack/events on a fresh connection: `declaredLength` as Content-Length (or chunked when
 * undefined), `first` written at once, the rest of `body` only if no answer has come by then.
 */
function rawPost(
  base: string,
  opts: { body: Buffer; declaredLength?: number; signed: boolean; sendAll?: boolean; first?: number },
): Promise<RawResult> {
  const ts = Math.floor(Date.now() / 1000);
  const headers: Record<string, string | number> = { "content-type": FORM };
  if (opts.declaredLength !== undefined) headers["content-length"] = opts.declaredLength;
  if (opts.signed) {
    headers["x-slack-request-timestamp"] = String(ts);
    headers["x-slack-signature"] = signSlackRequest(STANDIN_SIGNING_SECRET, ts, opts.body.toString());
  }
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(`${base}/slack/events`, { method: "POST", agent: false, headers }, (res) => {
      answered = true;
      res.resume();
      resolve({ status: res.statusCode ?? 0, sentBeforeAnswer: sent });
      req.destroy();
    });
    // The server closes once it has answered: writing after that fails, as it should.
    req.on("error", (e: NodeJS.ErrnoException) =>
      answered || e.code === "EPIPE" || e.code === "ECONNRESET" ? undefined : reject(e),
    );
    const first = opts.first ?? opts.body.length;
    req.write(opts.body.subarray(0, first));
    sent = first;
    if (opts.sendAll) {
      const rest = opts.body.subarray(first);
      const chunk = 64 * 1024;
      const pump = (at: number) => {
        if (answered) return;
        if (at >= rest.length) return void req.end();
        const piece = rest.subarray(at, at + chunk);
        sent += piece.length;
        if (req.write(piece)) setImmediate(() => pump(at + chunk));
        else req.once("drain", () => pump(at + chunk));
      };
      pump(0);
    }
  });
}

describe("the body cap", () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness();
  });
  afterAll(async () => h?.close());

  it("refuses a declared 4 MB body with 413 before it is sent", async () => {
    const body = Buffer.alloc(4 * 1024 * 1024, "a");
    const r = await within(
      rawPost(h.url, { body, declaredLength: body.length, signed: true, first: 64 * 1024 }),
      10_000,
      "the app waits for the whole 4 MB body",
    );
    expect(r).toEqual({ status: 413, sentBeforeAnswer: 64 * 1024 });
  });

  it("refuses a body without signature headers with 401 before it is read", async () => {
    const body = Buffer.alloc(200 * 1024, "a");
    const r = await within(
      rawPost(h.url, { body, declaredLength: body.length, signed: false, first: 1024 }),
      10_000,
      "the app reads an unsigned body",
    );
    expect(r).toEqual({ status: 401, sentBeforeAnswer: 1024 });
  });

  it("cuts off a signed body past the cap that declares no length (chunked) with 413", async () => {
    const text = payload({
      type: "block_actions",
      user,
      actions: [{ action_id: "x", value: "v".repeat(BODY_LIMIT_BYTES) }],
    });
    const r = await within(
      rawPost(h.url, { body: Buffer.from(text), signed: true, first: 16 * 1024, sendAll: true }),
      10_000,
      "the oversized chunked body",
    );
    expect(r.status).toBe(413);
  });

  it("takes a signed body just under the cap", async () => {
    const res = await h.slack.post(
      payload({ type: "block_actions", user, actions: "x", pad: "p".repeat(BODY_LIMIT_BYTES - 1024) }),
      FORM,
    );
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ ok: false, error: "malformed_payload" });
  });

  it("answers 50 unsigned 4 MB bodies at once, each before it is sent", { timeout: 60_000 }, async () => {
    // What the attack run did (memory rose 209 → 444 MB): the bot answers each at its headers, so it
    // never holds more of a body than the socket's own buffer.
    const body = Buffer.alloc(4 * 1024 * 1024, "a"); // one buffer, shared by every request
    const results = await within(
      Promise.all(
        Array.from({ length: 50 }, () =>
          rawPost(h.url, { body, declaredLength: body.length, signed: false, first: 64 * 1024 }),
        ),
      ),
      30_000,
      "50 unsigned 4 MB bodies: the app waits for them",
    );
    expect(results).toEqual(Array(50).fill({ status: 413, sentBeforeAnswer: 64 * 1024 }));
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });
});
