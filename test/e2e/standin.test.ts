// The Slack stand-in answers what @slack/web-api's WebClient sends the way Slack does — Slack's refusals
// included (issue #8: one test per contract below) — fails on request (ok:false, HTTP 429), and the
// bot's error paths run against those failures.
import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { slackClientOptions } from "../../src/slack/app.ts";
import { type AppHarness, startAppHarness } from "../helpers/appHarness.ts";
import { ORG } from "../helpers/org.ts";
import { RATE_LIMITS, type SlackStandIn, startSlackStandIn } from "../helpers/slackStandIn.ts";

const { WebClient, ErrorCode } = webApi;

describe("stand-in and WebClient", () => {
  let s: SlackStandIn;
  let client: InstanceType<typeof WebClient>;
  beforeAll(async () => {
    s = await startSlackStandIn();
    for (const id of ["U1STAFF1", "U1STAFF2"]) s.users.set(id, {});
    s.addChannel("C0CENTER", { members: ["U1STAFF1"], botInvited: true });
    client = new WebClient("xoxb-test", { ...slackClientOptions(s.url), logLevel: webApi.LogLevel.ERROR });
  });
  afterAll(async () => {
    await s.close();
  });

  test("messages: post, update, DM by user id, ephemeral; nested arguments arrive parsed", async () => {
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "你好 & <b>" } }];
    const posted = await client.chat.postMessage({ channel: "C0CENTER", text: "你好", blocks });
    expect(posted.ok).toBe(true);
    expect(posted.channel).toBe("C0CENTER");
    expect(posted.ts).toMatch(/^\d+\.\d{6}$/);
    expect(posted.message?.text).toBe("你好");
    const call = s.callsTo("chat.postMessage").at(-1)!;
    expect(call.args.blocks).toEqual(blocks); // form-encoded JSON string, parsed back
    expect(call.args.text).toBe("你好");

    const updated = await client.chat.update({ channel: posted.channel!, ts: posted.ts!, text: "更新" });
    expect(updated.ok).toBe(true);
    await expect(
      client.chat.update({ channel: "C0CENTER", ts: "1.000001", text: "x" }),
    ).rejects.toMatchObject({
      code: ErrorCode.PlatformError,
      data: { error: "message_not_found" },
    });

    const dm = await client.chat.postMessage({ channel: "U1STAFF1", text: "私信" });
    const opened = await client.conversations.open({ users: "U1STAFF1" });
    expect(dm.channel).toBe(opened.channel?.id);
    expect(dm.channel).toBe(s.dmChannel("U1STAFF1"));
    expect(dm.channel).toMatch(/^D/);

    const eph = await client.chat.postEphemeral({ channel: "C0CENTER", user: "U1STAFF1", text: "仅你可见" });
    expect(eph.message_ts).toBeTruthy();
  });

  test("views, users.info with locale, auth.test, unknown methods", async () => {
    const view = { type: "modal" as const, title: { type: "plain_text" as const, text: "T" }, blocks: [] };
    const opened = await client.views.open({ trigger_id: s.newTrigger(), view });
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
    expect((await client.users.info({ user: "U1STAFF1", include_locale: true })).user?.locale).toBe("zh-CN");

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
    await expect(client.chat.postMessage({ channel: "C0CENTER", text: "x" })).rejects.toMatchObject({
      code: ErrorCode.PlatformError,
      data: { ok: false, error: "channel_not_found" },
    });
    expect(s.callsTo("chat.postMessage").at(-1)!.failed).toBe("channel_not_found");
    expect((await client.chat.postMessage({ channel: "C0CENTER", text: "x" })).ok).toBe(true);
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
    await expect(client.chat.postMessage({ channel: "C1", text: "x" })).rejects.toMatchObject({
      code: ErrorCode.RateLimitedError,
      retryAfter: 1,
    });
  });
});

describe("as strict as Slack: each contract answered as Slack answers it", () => {
  // A clock the test steps, for trigger ids, response_urls and rate limits (no timed assertions).
  let t = Date.parse("2026-07-15T02:00:00Z");
  let s: SlackStandIn;
  let client: InstanceType<typeof WebClient>;
  const refused = (error: string, more: Record<string, unknown> = {}) => ({
    code: ErrorCode.PlatformError,
    data: { ok: false, error, ...more },
  });
  const modal = (title = "标题") => ({
    type: "modal" as const,
    title: { type: "plain_text" as const, text: title },
    blocks: [],
  });
  beforeAll(async () => {
    s = await startSlackStandIn({ now: () => t });
    s.users.set("U1A", { locale: "en-US" });
    s.users.set("U1B", { locale: "zh-CN" });
    s.addChannel("C0IN", { members: ["U1A"], botInvited: true });
    s.addChannel("C0OUT", { members: ["U1A"] });
    s.addChannel("C0SECRET", { members: ["U1A"], isPrivate: true });
    client = new WebClient("xoxb-test", { ...slackClientOptions(s.url), logLevel: webApi.LogLevel.ERROR });
  });
  afterAll(async () => {
    await s.close();
  });

  test("Block Kit: 51 blocks in a message → invalid_blocks with Slack's pointer; no text nor blocks → no_text", async () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: "divider" }));
    await expect(client.chat.postMessage({ channel: "C0IN", text: "x", blocks })).rejects.toMatchObject(
      refused("invalid_blocks", {
        response_metadata: { messages: ["[ERROR] no more than 50 items allowed [json-pointer:/blocks]"] },
      }),
    );
    const posted = await client.chat.postMessage({ channel: "C0IN", text: "x", blocks: blocks.slice(1) });
    await expect(
      client.chat.update({ channel: "C0IN", ts: posted.ts!, text: "x", blocks }),
    ).rejects.toMatchObject(refused("invalid_blocks"));
    await expect(client.apiCall("chat.postMessage", { channel: "C0IN" })).rejects.toMatchObject(
      refused("no_text"),
    );
  });

  test("Block Kit: a modal title over 24 characters → invalid_arguments; the trigger is not used up", async () => {
    const trigger = s.newTrigger();
    await expect(
      client.views.open({ trigger_id: trigger, view: modal("标".repeat(25)) }),
    ).rejects.toMatchObject(refused("invalid_arguments"));
    expect((await client.views.open({ trigger_id: trigger, view: modal("标".repeat(24)) })).ok).toBe(true);
  });

  test("chat.update / chat.delete with a user id → channel_not_found; the D… id postMessage returned works", async () => {
    const posted = await client.chat.postMessage({ channel: "U1A", text: "私信" });
    expect(posted.channel).toBe(s.dmChannel("U1A"));
    await expect(client.chat.update({ channel: "U1A", ts: posted.ts!, text: "y" })).rejects.toMatchObject(
      refused("channel_not_found"),
    );
    await expect(client.chat.delete({ channel: "U1A", ts: posted.ts! })).rejects.toMatchObject(
      refused("channel_not_found"),
    );
    expect((await client.chat.update({ channel: posted.channel!, ts: posted.ts!, text: "y" })).ok).toBe(true);
    expect((await client.chat.delete({ channel: posted.channel!, ts: posted.ts! })).ok).toBe(true);
  });

  test("a channel the bot is not in: not_in_channel (private: channel_not_found); unknown ids: channel_not_found", async () => {
    await expect(client.chat.postMessage({ channel: "C0OUT", text: "x" })).rejects.toMatchObject(
      refused("not_in_channel"),
    );
    await expect(client.chat.postMessage({ channel: "C0SECRET", text: "x" })).rejects.toMatchObject(
      refused("channel_not_found"),
    );
    for (const channel of ["C0NOPE", "U9NOBODY", "D9NOBODY"])
      await expect(client.chat.postMessage({ channel, text: "x" })).rejects.toMatchObject(
        refused("channel_not_found"),
      );
    await expect(
      client.chat.postEphemeral({ channel: "C0IN", user: "U1B", text: "x" }),
    ).rejects.toMatchObject(refused("user_not_in_channel"));
  });

  test("a file shared where the bot is not a member → not_in_channel, even with chat:write.public", async () => {
    const open = await startSlackStandIn({ scopes: ["chat:write", "chat:write.public", "files:write"] });
    try {
      open.addChannel("C0OUT", { members: [] });
      const c = new WebClient("xoxb-test", {
        ...slackClientOptions(open.url),
        logLevel: webApi.LogLevel.ERROR,
      });
      // chat:write.public lets the bot post to a public channel it is not in …
      expect((await c.chat.postMessage({ channel: "C0OUT", text: "x" })).ok).toBe(true);
      // … but sharing a file there still needs the bot invited.
      await expect(
        c.filesUploadV2({ channel_id: "C0OUT", filename: "a.csv", content: "a" }),
      ).rejects.toMatchObject({ data: { error: "not_in_channel" } });
    } finally {
      await open.close();
    }
  });

  test("trigger_id: unknown → invalid_trigger_id, reused → exchanged_trigger_id, after 3 s → expired_trigger_id", async () => {
    await expect(client.views.open({ trigger_id: "1.2.abc", view: modal() })).rejects.toMatchObject(
      refused("invalid_trigger_id"),
    );
    const once = s.newTrigger();
    expect((await client.views.open({ trigger_id: once, view: modal() })).ok).toBe(true);
    await expect(client.views.push({ trigger_id: once, view: modal() })).rejects.toMatchObject(
      refused("exchanged_trigger_id"),
    );
    const late = s.newTrigger();
    t += 3001;
    await expect(client.views.open({ trigger_id: late, view: modal() })).rejects.toMatchObject(
      refused("expired_trigger_id"),
    );
  });

  test("views.update: a hash that is not the view's current one → hash_conflict; unknown view → not_found", async () => {
    const opened = await client.views.open({ trigger_id: s.newTrigger(), view: modal() });
    const first = opened.view!;
    const updated = await client.views.update({ view_id: first.id!, hash: first.hash!, view: modal("二") });
    expect(updated.view?.hash).not.toBe(first.hash);
    await expect(
      client.views.update({ view_id: first.id!, hash: first.hash!, view: modal("三") }),
    ).rejects.toMatchObject(refused("hash_conflict"));
    await expect(client.views.update({ view_id: "V0NOPE", view: modal() })).rejects.toMatchObject(
      refused("not_found"),
    );
  });

  test("response_url: 5 posts within 30 minutes; the 6th → 404 used_url, a late one → 404 expired_url", async () => {
    const post = (url: string, body: unknown) =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const url = s.responseUrl();
    const bad = await post(url, { blocks: [{ type: "nope" }], text: "x" });
    expect([bad.status, await bad.text()]).toEqual([400, "invalid_blocks"]);
    for (let i = 0; i < 5; i++) expect((await post(url, { text: `第 ${i + 1} 次` })).status).toBe(200);
    const sixth = await post(url, { text: "第 6 次" });
    expect([sixth.status, await sixth.text()]).toEqual([404, "used_url"]);
    const late = s.responseUrl();
    t += 30 * 60_000 + 1;
    const expired = await post(late, { text: "x" });
    expect([expired.status, await expired.text()]).toEqual([404, "expired_url"]);
    expect(s.callsTo("response_url").at(-1)?.response).toMatchObject({ ok: false, error: "expired_url" });
  });

  test("users.info: user_not_found for a user the workspace lacks; each user's own locale", async () => {
    await expect(client.users.info({ user: "U9NOBODY" })).rejects.toMatchObject(refused("user_not_found"));
    await expect(client.conversations.open({ users: "U9NOBODY" })).rejects.toMatchObject(
      refused("user_not_found"),
    );
    const a = await client.users.info({ user: "U1A", include_locale: true });
    const b = await client.users.info({ user: "U1B", include_locale: true });
    expect([a.user?.locale, b.user?.locale]).toEqual(["en-US", "zh-CN"]);
  });

  test("missing_scope (needed, provided) for a method the manifest's scopes do not allow; app tokens refused", async () => {
    const narrow = await startSlackStandIn({ scopes: ["chat:write"] });
    try {
      narrow.users.set("U1A", {});
      const c = new WebClient("xoxb-test", {
        ...slackClientOptions(narrow.url),
        logLevel: webApi.LogLevel.ERROR,
      });
      await expect(c.users.info({ user: "U1A" })).rejects.toMatchObject(
        refused("missing_scope", { needed: "users:read", provided: "chat:write" }),
      );
      const app = new WebClient("xapp-1-test", {
        ...slackClientOptions(narrow.url),
        logLevel: webApi.LogLevel.ERROR,
      });
      await expect(app.auth.test()).rejects.toMatchObject(refused("not_allowed_token_type"));
    } finally {
      await narrow.close();
    }
    // The default is manifest.yml's bot scopes, which cover every method the bot calls.
    expect(s.scopes).toContain("users:read");
  });

  test("rate limits: HTTP 429 with Retry-After per method (users.list Tier 2) and per channel (chat.postMessage)", async () => {
    const tier2 = RATE_LIMITS["users.list"]!;
    for (let i = 0; i < tier2.burst; i++) await client.users.list({});
    await expect(client.users.list({})).rejects.toMatchObject({
      code: ErrorCode.RateLimitedError,
      retryAfter: 60 / tier2.perMinute,
    });
    expect(s.callsTo("users.list").at(-1)?.failed).toEqual({ status: 429, retryAfter: 3 });
    t += 3000;
    expect((await client.users.list({})).ok).toBe(true);

    // One message a second per channel, with a short burst; another channel is not held up.
    let posted = 0;
    for (let i = 0; i < 100; i++) {
      const r = await client.chat.postMessage({ channel: "C0IN", text: `${i}` }).catch((e: unknown) => e);
      if ((r as { code?: string }).code === ErrorCode.RateLimitedError) {
        expect(r).toMatchObject({ retryAfter: 1 });
        break;
      }
      posted++;
    }
    expect(posted).toBeGreaterThan(1);
    expect(posted).toBeLessThan(100);
    expect((await client.chat.postMessage({ channel: "U1A", text: "x" })).ok).toBe(true);
    t += 1000;
    expect((await client.chat.postMessage({ channel: "C0IN", text: "x" })).ok).toBe(true);
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

  test("users.info fails: Chinese is used and the locale is not cached; the next contact asks again", async () => {
    // Someone whose locale the sync has not stored yet (their Slack says English). The bot answers from
    // the database (Chinese), never waiting on Slack before its ack; users.info is asked after it.
    await h.db.person.update({ where: { id: ORG.estateStaff1 }, data: { locale: null } });
    h.standIn.users.set(ORG.estateStaff1, { locale: "en-US" });
    h.standIn.failNext("users.info", "ratelimited");
    const at = h.standIn.calls.length;
    await h.slack.sendCommand("/deduct", `<@${ORG.estateStaff1}> S-NOPE`, { id: ORG.estateStaff1 });
    const first = h.standIn.calls.slice(at);
    expect(String(first.find((c) => c.method === "response_url")?.args.text)).toContain("只有督查科人员");
    // Asked after the answer (the reply comes first), and refused: nothing is stored.
    const methods = first.map((c) => c.method);
    expect(methods.indexOf("users.info")).toBeGreaterThan(methods.indexOf("response_url"));
    expect((await h.db.person.findUniqueOrThrow({ where: { id: ORG.estateStaff1 } })).locale).toBeNull();
    // The next contact: still Chinese (nothing known), and Slack is asked again: now it answers.
    const again = h.standIn.calls.length;
    await h.slack.sendCommand("/deduct", `<@${ORG.estateStaff1}> S-NOPE`, { id: ORG.estateStaff1 });
    expect(
      String(h.standIn.calls.slice(again).find((c) => c.method === "response_url")?.args.text),
    ).toContain("只有督查科人员");
    expect((await h.db.person.findUniqueOrThrow({ where: { id: ORG.estateStaff1 } })).locale).toBe("en-US");
    const third = h.standIn.calls.length;
    await h.slack.sendCommand("/deduct", `<@${ORG.estateStaff1}> S-NOPE`, { id: ORG.estateStaff1 });
    expect(
      String(h.standIn.calls.slice(third).find((c) => c.method === "response_url")?.args.text),
    ).toContain("Only inspection members");
  });
});
