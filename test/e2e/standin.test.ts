// The Slack stand-in answers what @slack/web-api's WebClient sends the way Slack does, fails on
// request (ok:false, HTTP 429), and the bot's error paths run against those failures.
import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type AppHarness, startAppHarness } from "../helpers/appHarness.ts";
import { ORG } from "../helpers/org.ts";
import { type SlackStandIn, startSlackStandIn } from "../helpers/slackStandIn.ts";

const { WebClient, ErrorCode } = webApi;

describe("stand-in and WebClient", () => {
  let s: SlackStandIn;
  let client: InstanceType<typeof WebClient>;
  beforeAll(async () => {
    s = await startSlackStandIn();
    client = new WebClient("xoxb-test", {
      slackApiUrl: s.url,
      retryConfig: { retries: 0 },
      logLevel: webApi.LogLevel.ERROR,
    });
  });
  afterAll(async () => {
    await s.close();
  });

  test("messages: post, update, DM by user id, ephemeral; nested arguments arrive parsed", async () => {
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "你好 & <b>" } }];
    const posted = await client.chat.postMessage({ channel: "C0GENERAL", text: "你好", blocks });
    expect(posted.ok).toBe(true);
    expect(posted.channel).toBe("C0GENERAL");
    expect(posted.ts).toMatch(/^\d+\.\d{6}$/);
    expect(posted.message?.text).toBe("你好");
    const call = s.callsTo("chat.postMessage").at(-1)!;
    expect(call.args.blocks).toEqual(blocks); // form-encoded JSON string, parsed back
    expect(call.args.text).toBe("你好");

    const updated = await client.chat.update({ channel: posted.channel!, ts: posted.ts!, text: "更新" });
    expect(updated.ok).toBe(true);
    await expect(
      client.chat.update({ channel: "C0GENERAL", ts: "1.000001", text: "x" }),
    ).rejects.toMatchObject({
      code: ErrorCode.PlatformError,
      data: { error: "message_not_found" },
    });

    const dm = await client.chat.postMessage({ channel: "U1STAFF1", text: "私信" });
    const opened = await client.conversations.open({ users: "U1STAFF1" });
    expect(dm.channel).toBe(opened.channel?.id);
    expect(dm.channel).toBe(s.dmChannel("U1STAFF1"));
    expect(dm.channel).toMatch(/^D/);

    const eph = await client.chat.postEphemeral({ channel: "C0GENERAL", user: "U1STAFF1", text: "仅你可见" });
    expect(eph.message_ts).toBeTruthy();
  });

  test("views, users.info with locale, auth.test, unknown methods", async () => {
    const view = { type: "modal" as const, title: { type: "plain_text" as const, text: "T" }, blocks: [] };
    const opened = await client.views.open({ trigger_id: "1.2", view });
    expect(opened.view?.id).toMatch(/^V/);
    const updated = await client.views.update({ view_id: opened.view!.id!, view });
    expect(updated.view?.id).toBe(opened.view?.id);
    await expect(client.views.update({ view_id: "VNOPE", view })).rejects.toMatchObject({
      data: { error: "not_found" },
    });
    const home = await client.views.publish({ user_id: "U1STAFF1", view: { type: "home", blocks: [] } });
    expect(home.view?.id).toBeTruthy();

    s.users.set("U1STAFF2", { locale: "en-US", name: "wanger" });
    const withLocale = await client.users.info({ user: "U1STAFF2", include_locale: true });
    expect(withLocale.user).toMatchObject({ id: "U1STAFF2", name: "wanger", locale: "en-US" });
    const without = await client.users.info({ user: "U1STAFF2" });
    expect(without.user?.locale).toBeUndefined();
    expect((await client.users.info({ user: "U9NEW", include_locale: true })).user?.locale).toBe("zh-CN");

    const auth = await client.auth.test();
    expect(auth).toMatchObject({ ok: true, user_id: "U0BOT", bot_id: "B0BOT" });
    await expect(client.apiCall("nope.nothing")).rejects.toMatchObject({ data: { error: "unknown_method" } });
    expect(s.callsTo("nope.nothing")).toHaveLength(1);
  });

  test("files.uploadV2: upload URL, bytes, completion", async () => {
    const r = await client.filesUploadV2({
      channel_id: "C0CENTER",
      filename: "2026-07.csv",
      content: "姓名,得分\n林一,98.5\n",
      initial_comment: "7 月考评结果",
    });
    expect(r.ok).toBe(true);
    const [get] = s.callsTo("files.getUploadURLExternal");
    expect(get!.args).toMatchObject({ filename: "2026-07.csv" });
    const complete = s.callsTo("files.completeUploadExternal").at(-1)!;
    expect(complete.args.channel_id).toBe("C0CENTER");
    const fileId = (complete.args.files as Array<{ id: string }>)[0]!.id;
    expect(s.uploads.get(fileId)?.bytes.toString("utf8")).toBe("姓名,得分\n林一,98.5\n");
  });

  test("failNext: a Slack error once, then normal answers", async () => {
    s.failNext("chat.postMessage", "channel_not_found");
    await expect(client.chat.postMessage({ channel: "C0GONE", text: "x" })).rejects.toMatchObject({
      code: ErrorCode.PlatformError,
      data: { ok: false, error: "channel_not_found" },
    });
    expect(s.callsTo("chat.postMessage").at(-1)!.failed).toBe("channel_not_found");
    expect((await client.chat.postMessage({ channel: "C0GONE", text: "x" })).ok).toBe(true);
  });

  test("failNext 429: HTTP 429 with Retry-After, as Slack rate-limits", async () => {
    s.failNext("chat.postMessage", { status: 429, retryAfter: 1 });
    const raw = await fetch(`${s.url}chat.postMessage`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: "Bearer xoxb-test" },
      body: "channel=C1&text=x",
    });
    expect(raw.status).toBe(429);
    expect(raw.headers.get("retry-after")).toBe("1");

    s.failNext("chat.postMessage", { status: 429, retryAfter: 1 });
    const strict = new WebClient("xoxb-test", {
      slackApiUrl: s.url,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
    await expect(strict.chat.postMessage({ channel: "C1", text: "x" })).rejects.toMatchObject({
      code: ErrorCode.RateLimitedError,
      retryAfter: 1,
    });
  });
});

describe("app wiring", () => {
  test("GET /healthz, url_verification, auth.test once at start unless the bot ids are configured", async () => {
    const h = await startAppHarness({ org: false });
    const known = await startAppHarness({ org: false, knownBot: true });
    try {
      const health = await fetch(`${h.url}/healthz`);
      expect([health.status, await health.json()]).toEqual([200, { ok: true }]);
      const challenge = await h.slack.sendUrlVerification("c-123");
      expect(challenge.json).toEqual({ challenge: "c-123" });
      expect((await h.slack.sendUrlVerification("c-123", { badSignature: true })).status).toBe(401);
      // A signature older than Slack's 5-minute window is refused too.
      const stale = await h.slack.sendUrlVerification("c-123", {
        timestamp: Math.floor(Date.now() / 1000) - 600,
      });
      expect(stale.status).toBe(401);
      expect(h.standIn.callsTo("auth.test")).toHaveLength(1);
      expect(known.standIn.callsTo("auth.test")).toHaveLength(0);
      expect((await fetch(`${h.url}/nothing`)).status).toBe(404);
    } finally {
      await known.close();
      await h.close();
    }
  });
});

describe("the bot's error paths", () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness();
  });
  afterAll(async () => {
    await h?.close();
  });
  const inspector = { id: ORG.inspector1 };

  test("the person's DM fails: the record is saved and the filer is told the notice failed", async () => {
    const from = h.standIn.calls.length;
    await h.slack.sendCommand("/deduct", `<@${ORG.taxStaff1}> S-DIS-DROWSY 上班打瞌睡`, inspector);
    const preview = h.standIn.calls.slice(from).find((c) => c.method === "response_url")!.args;
    const value = (preview.blocks as Array<{ elements?: Array<{ action_id: string; value: string }> }>)
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === "record_confirm")!.value;

    h.standIn.failNext("chat.postMessage", "channel_not_found");
    const at = h.standIn.calls.length;
    await h.slack.sendAction(inspector, { action_id: "record_confirm", value });
    const after = h.standIn.calls.slice(at);

    const rows = await h.db.record.findMany({ where: { code: "S-DIS-DROWSY" } });
    expect(rows).toHaveLength(1);
    expect(after.find((c) => c.method === "chat.postMessage")?.failed).toBe("channel_not_found");
    const confirmation = after.find((c) => c.method === "response_url")!.args;
    expect(String(confirmation.text)).toContain(
      `记录已保存，但发给 <@${ORG.taxStaff1}> 的通知没有发出（channel_not_found）`,
    );
    expect(JSON.stringify(confirmation.blocks)).toContain("record_revoke"); // still revocable
  });

  test("views.open fails (expired trigger): the filer is told instead of silence", async () => {
    h.standIn.failNext("views.open", "expired_trigger_id");
    const at = h.standIn.calls.length;
    const res = await h.slack.sendCommand("/deduct", "", inspector);
    expect(res.status).toBe(200);
    const reply = h.standIn.calls.slice(at).find((c) => c.method === "response_url");
    expect(String(reply?.args.text)).toContain("expired_trigger_id");
  });

  test("users.info fails: Chinese is used and the locale is not cached", async () => {
    h.standIn.users.set(ORG.estateStaff1, { locale: "en-US" });
    h.standIn.failNext("users.info", "ratelimited");
    const at = h.standIn.calls.length;
    await h.slack.sendCommand("/deduct", `<@${ORG.estateStaff1}> S-NOPE`, { id: ORG.estateStaff1 });
    expect(String(h.standIn.calls.slice(at).find((c) => c.method === "response_url")?.args.text)).toContain(
      "只有督查科人员",
    );
    expect((await h.db.person.findUniqueOrThrow({ where: { id: ORG.estateStaff1 } })).locale).toBeNull();
    const again = h.standIn.calls.length;
    await h.slack.sendCommand("/deduct", `<@${ORG.estateStaff1}> S-NOPE`, { id: ORG.estateStaff1 });
    expect(
      String(h.standIn.calls.slice(again).find((c) => c.method === "response_url")?.args.text),
    ).toContain("Only inspection members");
  });
});
