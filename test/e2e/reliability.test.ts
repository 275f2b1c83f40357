// Reliability of the real app on 127.0.0.1 (bounded, loopback only): concurrent clicks on one step,
// replayed deliveries, request signatures, bad input, and a SIGKILL in the middle of a burst.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STANDIN_SIGNING_SECRET } from "../../src/config.ts";
import { createDb } from "../../src/db/client.ts";
import { applyMigrations } from "../../src/db/migrate.ts";
import { addDays, isIsoDate, shanghaiDate } from "../../src/domain/dates.ts";
import { importHolidaySchedule, packageHolidaySchedule, packageYears } from "../../src/services/calendar.ts";
import type { OrgFile } from "../../src/services/org.ts";
import { STEP_APPROVE } from "../../src/slack/blocks/approvals.ts";
import { QUICK_SUBMIT } from "../../src/slack/blocks/requests.ts";
import { errorText } from "../../src/slack/i18n/index.ts";
import { seedStandInWorkspace } from "../../src/slack/standin/workspace.ts";
import { type AppHarness, startAppHarness } from "../helpers/appHarness.ts";
import { ORG, orgFixture, seedOrg } from "../helpers/org.ts";
import { createSlackHttp, signSlackRequest } from "../helpers/slackHttp.ts";
import { type SlackStandIn, type StandInCall, startSlackStandIn } from "../helpers/slackStandIn.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

type Json = Record<string, unknown>;

/** Buttons in a posted message's blocks, by action_id. */
function buttons(call: StandInCall | undefined, actionId: string): Json[] {
  const blocks = (call?.args.blocks ?? []) as Json[];
  return blocks.flatMap((b) => (b.elements ?? []) as Json[]).filter((e) => e.action_id === actionId);
}

/** Runs `send` while recording the exact HTTP body it posts to the app, for a byte-identical replay. */
async function captured<T>(
  send: () => Promise<T>,
): Promise<{ result: T; body: string; contentType: string }> {
  const real = globalThis.fetch;
  let body = "";
  let contentType = "";
  globalThis.fetch = ((url: string | URL | Request, init?: RequestInit) => {
    // Only the request to the app: the app itself (same process) also fetches its response_urls.
    if (!body && String(url).endsWith("/slack/events")) {
      body = String(init?.body ?? "");
      contentType = ((init?.headers ?? {}) as Record<string, string>)["content-type"] ?? "";
    }
    return real(url, init);
  }) as typeof fetch;
  try {
    const result = await send();
    if (!body || !contentType) throw new Error("nothing was sent to /slack/events");
    return { result, body, contentType };
  } finally {
    globalThis.fetch = real;
  }
}

/** A /qingjia quick form by `user`, answered with a preview; returns the Submit button's value. */
async function previewValue(h: AppHarness, user: string, text: string): Promise<string> {
  const url = h.standIn.responseUrl();
  const res = await h.slack.sendCommand("/qingjia", text, { id: user }, { responseUrl: url });
  expect(res.status).toBe(200);
  const post = h.standIn.callsTo("response_url").find((c) => c.args.url === url);
  const value = buttons(post, QUICK_SUBMIT)[0]?.value;
  if (typeof value !== "string") throw new Error(`no preview for ${user}: ${JSON.stringify(post?.args)}`);
  return value;
}

describe("the running app", () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness();
  });
  afterAll(async () => h?.close());

  /** Submits a 2-day 事假 for taxStaff1 (window_leader:opinion → inspection:approve); returns its steps. */
  async function pendingRequest(start: string, end: string) {
    const value = await previewValue(h, ORG.taxStaff1, `事假 ${start} ${end} 家中有事`);
    const res = await h.slack.sendAction(
      { id: ORG.taxStaff1 },
      { action_id: QUICK_SUBMIT, value },
      { isEphemeral: true },
    );
    expect(res.status).toBe(200);
    const request = await h.db.request.findFirstOrThrow({
      where: { requesterId: ORG.taxStaff1, startDate: start },
      include: { steps: { orderBy: { seq: "asc" } } },
    });
    expect(request.steps.map((s) => `${s.approver}:${s.action}:${s.state}`)).toEqual([
      "window_leader:opinion:pending",
      "inspection:approve:waiting",
    ]);
    return request;
  }

  it("500 concurrent clicks on one approval step decide it exactly once", { timeout: 120_000 }, async () => {
    const request = await pendingRequest("2026-07-20", "2026-07-21");
    const [first, second] = request.steps as [(typeof request.steps)[0], (typeof request.steps)[0]];
    const stepMessage = h.standIn
      .callsTo("chat.postMessage")
      .find((c) => buttons(c, STEP_APPROVE).some((b) => b.value === String(first.id)));
    expect(stepMessage).toBeDefined();
    const postsBefore = h.standIn.callsTo("chat.postMessage").length;

    const clicks = await Promise.all(
      Array.from({ length: 500 }, () =>
        h.slack.sendAction(
          { id: ORG.taxLeader },
          { action_id: STEP_APPROVE, value: String(first.id) },
          { channelId: String(stepMessage!.args.channel), message: { ts: "1784080800.000100" } },
        ),
      ),
    );
    expect(clicks.map((c) => c.status)).toEqual(Array(500).fill(200));

    const steps = await h.db.approvalStep.findMany({
      where: { requestId: request.id },
      orderBy: { seq: "asc" },
    });
    expect(steps[0]).toMatchObject({ state: "approved", decidedBy: ORG.taxLeader });
    expect(steps[1]).toMatchObject({ state: "pending" });
    expect(steps[1]!.activatedAt).not.toBeNull();
    const audits = await h.db.auditLog.findMany({
      where: { entity: "ApprovalStep", entityId: String(first.id) },
    });
    expect(audits.map((a) => a.action)).toEqual(["step.approve"]);
    // The next step's approvers (both inspection members) were each asked once, not once per click.
    const asks = h.standIn
      .callsTo("chat.postMessage")
      .slice(postsBefore)
      .filter((c) => buttons(c, STEP_APPROVE).some((b) => b.value === String(second.id)));
    expect(asks.map((c) => c.args.channel).sort()).toEqual([ORG.inspector1, ORG.inspector2]);
    // The 499 stale clicks share their re-render of the step message: no chat.update over Slack's
    // Tier 3 limit (the strict stand-in answers 429), so the decision's own update is never refused.
    expect(h.standIn.callsTo("chat.update").filter((c) => c.failed)).toEqual([]);
  });

  it("a replayed delivery (same body, x-slack-retry-num) changes nothing twice", async () => {
    // Slash command: the preview is answered once.
    const url = h.standIn.responseUrl();
    const cmd = await captured(() =>
      h.slack.sendCommand(
        "/qingjia",
        "事假 2026-08-03 2026-08-04 搬家",
        { id: ORG.estateStaff1 },
        { responseUrl: url },
      ),
    );
    const again = await h.slack.post(cmd.body, cmd.contentType, { retryNum: 1 });
    expect([cmd.result.status, again.status]).toEqual([200, 200]);
    expect(h.standIn.callsTo("response_url").filter((c) => c.args.url === url)).toHaveLength(1);

    // Submit: one request, and the replay makes no Slack call at all.
    const value = buttons(
      h.standIn.callsTo("response_url").find((c) => c.args.url === url),
      QUICK_SUBMIT,
    )[0]!.value as string;
    const submit = await captured(() =>
      h.slack.sendAction({ id: ORG.estateStaff1 }, { action_id: QUICK_SUBMIT, value }, { isEphemeral: true }),
    );
    expect(submit.result.status).toBe(200);
    const callsBefore = h.standIn.calls.length;
    const replayed = await h.slack.post(submit.body, submit.contentType, { retryNum: 2 });
    expect(replayed.status).toBe(200);
    expect(h.standIn.calls.length).toBe(callsBefore);
    const requests = await h.db.request.findMany({
      where: { requesterId: ORG.estateStaff1 },
      include: { steps: true },
    });
    expect(requests).toHaveLength(1);

    // Approval click: decided once, and the replay is not even told "already decided".
    const step = requests[0]!.steps.find((s) => s.state === "pending")!;
    const click = await captured(() =>
      h.slack.sendAction({ id: step.assigneeId! }, { action_id: STEP_APPROVE, value: String(step.id) }),
    );
    expect(click.result.status).toBe(200);
    const afterClick = h.standIn.calls.length;
    const auditsAfterClick = await h.db.auditLog.count();
    expect((await h.slack.post(click.body, click.contentType, { retryNum: 1 })).status).toBe(200);
    expect(h.standIn.calls.length).toBe(afterClick);
    expect(await h.db.auditLog.count()).toBe(auditsAfterClick);
    expect(await h.db.auditLog.count({ where: { entity: "ApprovalStep", entityId: String(step.id) } })).toBe(
      1,
    );

    // Events API retry of a DM (same event_id): answered once.
    const dm = await captured(() => h.slack.sendMessageIm({ id: ORG.taxStaff2 }, "事假 2026-08-10 看病陪护"));
    expect(dm.result.status).toBe(200);
    await h.standIn.waitFor("chat.postMessage", (c) => c.args.channel === `D${ORG.taxStaff2.slice(1)}`);
    const dmCalls = h.standIn.calls.length;
    expect((await h.slack.post(dm.body, dm.contentType, { retryNum: 1 })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200)); // events are acked before listeners run
    expect(h.standIn.calls.length).toBe(dmCalls);
  });

  it("refuses requests whose signature is wrong, older than 5 minutes or missing (401)", async () => {
    const callsBefore = h.standIn.calls.length;
    const auditsBefore = await h.db.auditLog.count();
    const user = { id: ORG.taxStaff2 };
    const wrong = await h.slack.sendCommand("/qingjia", "事假 2026-08-12 有事", user, { badSignature: true });
    const stale = await h.slack.sendCommand("/qingjia", "事假 2026-08-12 有事", user, {
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    const body = new URLSearchParams({
      command: "/qingjia",
      text: "事假 2026-08-12 有事",
      user_id: user.id,
    }).toString();
    const missing = await fetch(`${h.url}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    // A signature over another body (a tampered request) is wrong too.
    const ts = Math.floor(Date.now() / 1000);
    const tampered = await fetch(`${h.url}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": String(ts),
        "x-slack-signature": signSlackRequest(STANDIN_SIGNING_SECRET, ts, `${body}&x=1`),
      },
      body,
    });
    expect([wrong.status, stale.status, missing.status, tampered.status]).toEqual([401, 401, 401, 401]);
    expect(h.standIn.calls.length).toBe(callsBefore);
    expect(await h.db.auditLog.count()).toBe(auditsBefore);
  });

  it("answers bad input with a clear error and keeps serving", async () => {
    const requestsBefore = await h.db.request.count();
    const user = { id: ORG.taxStaff2 };

    // An action id no listener knows: acknowledged at once, the person is told.
    const url = h.standIn.responseUrl();
    const unknown = await h.slack.sendAction(
      user,
      { action_id: "no_such_button", value: "1" },
      { responseUrl: url },
    );
    expect(unknown.status).toBe(200);
    const told = h.standIn.callsTo("response_url").filter((c) => c.args.url === url);
    expect(told.map((c) => c.args.text)).toEqual([errorText("zh", { code: "SLACK.UNHANDLED" })]);

    // Wrong types in an otherwise signed payload: refused with the reason, no crash.
    const malformed = await h.slack.post(
      `payload=${encodeURIComponent(JSON.stringify({ type: "block_actions", user: { id: user.id }, actions: "x" }))}`,
      "application/x-www-form-urlencoded",
    );
    expect(malformed.status).toBe(200);
    expect(malformed.json).toMatchObject({ ok: false, error: "malformed_payload" });
    const noUser = await h.slack.post(
      `payload=${encodeURIComponent(JSON.stringify({ type: "block_actions", user: 5, actions: [{ action_id: STEP_APPROVE }] }))}`,
      "application/x-www-form-urlencoded",
    );
    expect(noUser.json).toMatchObject({ ok: false, error: "malformed_payload" });
    const notJson = await h.slack.post("payload=%7Bnot-json", "application/x-www-form-urlencoded");
    expect(notJson.status).toBe(400);

    // A button value of the wrong type: the specific refusal, nothing decided.
    const badStepUrl = h.standIn.responseUrl();
    await h.slack.sendAction(
      { id: ORG.taxLeader },
      { action_id: STEP_APPROVE, value: "abc" },
      { responseUrl: badStepUrl },
    );
    const badStep = h.standIn.callsTo("response_url").filter((c) => c.args.url === badStepUrl);
    expect(badStep).toHaveLength(1);
    expect(String(badStep[0]!.args.text)).not.toBe("");

    // An oversized field: the limit is named, nothing is written.
    const longUrl = h.standIn.responseUrl();
    await h.slack.sendCommand("/qingjia", `事假 2026-08-13 ${"理由".repeat(400)}`, user, {
      responseUrl: longUrl,
    });
    const longReply = h.standIn.callsTo("response_url").find((c) => c.args.url === longUrl);
    expect(String(longReply?.args.text)).toMatch(/300/);
    expect(buttons(longReply, QUICK_SUBMIT)).toEqual([]);

    // An oversized body (over Bolt's 4 MB limit) on its own connection: 413.
    const huge = await rawPost(h.url, "a".repeat(5 * 1024 * 1024));
    expect(huge).toBe(413);

    expect(await h.db.request.count()).toBe(requestsBefore);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    const ok = await h.slack.sendCommand("/qingjia", "事假 2026-08-14 有事", user);
    expect(ok.status).toBe(200);
  });
});

/** POSTs `body` to /slack/events over a fresh, non-keep-alive connection; resolves with the status. */
function rawPost(base: string, body: string): Promise<number> {
  const ts = Math.floor(Date.now() / 1000);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}/slack/events`,
      {
        method: "POST",
        agent: false,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "content-length": Buffer.byteLength(body),
          "x-slack-request-timestamp": String(ts),
          "x-slack-signature": signSlackRequest(STANDIN_SIGNING_SECRET, ts, body),
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    // The server may answer 413 and close before it has read everything we send.
    req.on("error", (e: NodeJS.ErrnoException) =>
      e.code === "EPIPE" || e.code === "ECONNRESET" ? undefined : reject(e),
    );
    req.end(body);
  });
}

// ---------------------------------------------------------------------------------------------
// SIGKILL in the middle of a burst: the real entry point (src/main.ts) as a child process.

describe("killed with SIGKILL mid-burst", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-kill-"));
  const file = path.join(dir, "bot.db");
  const USERS = Array.from({ length: 80 }, (_, i) => `U5S${String(i).padStart(3, "0")}`);
  /** The day the requests ask for: tomorrow in Shanghai, by the system clock the real entry point uses. */
  const TOMORROW = addDays(shanghaiDate(new Date()), 1);
  let standIn: SlackStandIn;
  let server: ChildProcess | undefined;

  function startServer(): Promise<{ url: string; child: ChildProcess }> {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const k of Object.keys(env))
      if (k.startsWith("SLACK_") || k === "NODE_ENV" || k === "SERVICE_HALL_DEMO") delete env[k];
    // The real entry point as deployed: tokens given (placeholders the stand-in accepts), the API elsewhere.
    Object.assign(env, {
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: STANDIN_SIGNING_SECRET,
      DATABASE_URL: `file:${file}`,
      SLACK_API_URL: standIn.url,
      PORT: "0",
      LOG_LEVEL: "error",
    });
    // node --import tsx (not the tsx CLI, which would put a wrapper process between us and the server).
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
      child.stderr!.on("data", (d: Buffer) => {
        out += d.toString();
      });
      child.once("exit", (code) => reject(new Error(`server exited (${code}): ${out}`)));
      child.stdout!.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /listening on port (\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve({ url: `http://127.0.0.1:${m[1]}`, child });
        }
      });
    });
  }

  beforeAll(async () => {
    applyMigrations(file);
    const org: OrgFile = orgFixture();
    for (const id of USERS) {
      org.people.push({
        slackId: id,
        name: `员工${id.slice(3)}`,
        window: "tax",
        role: "staff",
        establishment: true,
        partyTransferred: true,
        joined: "2024-01-02",
        annualLeaveDays: 5,
      });
    }
    const db = createDb(`file:${file}`);
    await seedOrg(db, org);
    // src/main.ts refuses to start in a year without an official schedule; past the holiday package's
    // last year, give this throw-away database one (2026's dates moved to that year). The requests ask
    // for tomorrow (see below), which may be next year on 31 December: that year too.
    const thisYear = Number(shanghaiDate(new Date()).slice(0, 4));
    for (const year of new Set([thisYear, Number(TOMORROW.slice(0, 4))])) {
      if (packageYears().includes(year)) continue;
      const holidays = [...packageHolidaySchedule().holidays]
        .filter(([d]) => d.startsWith("2026-"))
        .map(([d, name]) => ({ date: `${year}${d.slice(4)}`, name }))
        .filter((h) => isIsoDate(h.date));
      const loaded = await importHolidaySchedule(db, { year, holidays, workdays: [] }, "test");
      expect(loaded.ok, JSON.stringify(loaded)).toBe(true);
    }
    await db.$disconnect();
    standIn = await startSlackStandIn();
    seedStandInWorkspace(standIn, org);
  });

  afterAll(async () => {
    server?.kill("SIGKILL");
    await standIn?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("loses no request that got a 200 and leaves no half-written chain", { timeout: 120_000 }, async () => {
    const first = await startServer();
    server = first.child;
    const slack = createSlackHttp({ appUrl: first.url, signingSecret: STANDIN_SIGNING_SECRET, standIn });
    // 婚假 is counted in calendar days, so a morning is half a day whatever the weekday:
    // window_leader:opinion → inspection:file (RULES.md §3(三) with the 事假 table). The deployed entry
    // point runs on the system clock, so the requests ask for tomorrow morning: never 补办 (§3 五, judged
    // by the half day's start time), whatever time of day the suite runs.
    const values = new Map<string, string>();
    for (const user of USERS) {
      const url = standIn.responseUrl();
      const res = await slack.sendCommand(
        "/qingjia",
        `婚假 ${TOMORROW}am 结婚`,
        { id: user },
        { responseUrl: url },
      );
      expect(res.status).toBe(200);
      // The preview follows the ack (the server is another process: wait for it at the stand-in).
      const post = await standIn.waitFor("response_url", (c) => c.args.url === url, 10_000);
      const value = buttons(post, QUICK_SUBMIT)[0]?.value;
      expect(typeof value, `preview for ${user}: ${String(post.args.text)}`).toBe("string");
      values.set(user, value as string);
    }

    // The burst: every Submit at once; SIGKILL as soon as a quarter of them have been answered.
    const outcome = new Map<string, number | "lost">();
    let answered = 0;
    await Promise.all(
      USERS.map(async (user) => {
        try {
          const r = await slack.sendAction(
            { id: user },
            { action_id: QUICK_SUBMIT, value: values.get(user)! },
            { isEphemeral: true },
          );
          outcome.set(user, r.status);
          if (r.status === 200 && ++answered === USERS.length / 4) first.child.kill("SIGKILL");
        } catch {
          outcome.set(user, "lost"); // connection reset by the kill
        }
      }),
    );
    await new Promise<void>((r) =>
      first.child.exitCode !== null || first.child.signalCode ? r() : first.child.once("exit", () => r()),
    );
    expect(first.child.signalCode).toBe("SIGKILL");
    const ok200 = USERS.filter((u) => outcome.get(u) === 200);
    const lost = USERS.filter((u) => outcome.get(u) === "lost");
    expect(ok200.length).toBeGreaterThanOrEqual(USERS.length / 4);
    expect(lost.length).toBeGreaterThan(0); // the kill really landed mid-burst

    // The file is sound, and every request row has its whole chain.
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma("integrity_check", { simple: true })).toBe("ok");
    raw.close();
    const second = await startServer();
    server = second.child;
    const db = createDb(`file:${file}`);
    try {
      const rows = await db.request.findMany({ include: { steps: { orderBy: { seq: "asc" } } } });
      for (const r of rows) {
        expect(
          r.steps.map((s) => `${s.seq}:${s.approver}:${s.action}:${s.state}`),
          `request ${r.id}`,
        ).toEqual(["1:window_leader:opinion:pending", "2:inspection:file:waiting"]);
      }
      const byUser = new Map(rows.map((r) => [r.requesterId, r]));
      expect(rows).toHaveLength(byUser.size); // nobody's request written twice
      for (const u of ok200) expect(byUser.get(u), `${u} got 200`).toBeDefined();

      // The restarted bot serves: a lost submit goes through now, a saved one is refused as a duplicate.
      const slack2 = createSlackHttp({ appUrl: second.url, signingSecret: STANDIN_SIGNING_SECRET, standIn });
      const retry = lost.find((u) => !byUser.has(u)) ?? lost[0]!;
      const res = await slack2.sendAction(
        { id: retry },
        { action_id: QUICK_SUBMIT, value: values.get(retry)! },
        { isEphemeral: true },
      );
      expect(res.status).toBe(200);
      expect(await db.request.count({ where: { requesterId: retry } })).toBe(1);
      const dup = await slack2.sendAction(
        { id: ok200[0]! },
        { action_id: QUICK_SUBMIT, value: values.get(ok200[0]!)! },
        { isEphemeral: true },
      );
      expect(dup.status).toBe(200);
      expect(await db.request.count({ where: { requesterId: ok200[0]! } })).toBe(1);
    } finally {
      await db.$disconnect();
    }
  });
});
