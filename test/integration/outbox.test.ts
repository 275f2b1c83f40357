import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOutboxSender, enqueue } from "../../src/jobs/outbox.ts";
import { slackClientOptions } from "../../src/slack/app.ts";
import { createTestDb, type TestDb } from "../helpers/db.ts";
import { type SlackStandIn, startSlackStandIn } from "../helpers/slackStandIn.ts";

/** Fake monotonic time: sleeping advances it, so pacing is checked without waiting. */
function fakeTime() {
  let now = 0;
  const slept: number[] = [];
  return {
    nowMs: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    slept,
    tick(ms: number) {
      now += ms;
    },
  };
}

describe("outbox", () => {
  let t: TestDb;
  let slack: SlackStandIn;
  let client: WebClient;
  beforeEach(async () => {
    t = await createTestDb();
    slack = await startSlackStandIn();
    // The strict stand-in knows only its workspace's members and channels (the bot in CCENTER).
    for (const id of ["UAAA", "UBBB"]) slack.users.set(id, {});
    slack.addChannel("CCENTER", { botInvited: true });
    // The sender handles 429 itself: the client hands the rate-limit error back, not retry (the
    // settings production uses, src/slack/app.ts).
    client = new WebClient("xoxb-stand-in", slackClientOptions(slack.url));
  });
  afterEach(async () => {
    await slack.close();
    await t.close();
  });

  it("enqueues a key once, however often a job re-runs", async () => {
    const a = await enqueue(t.db, { key: "digest:2026-08-03", channel: "CCENTER", text: "one" });
    const b = await enqueue(t.db, { key: "digest:2026-08-03", channel: "CCENTER", text: "two" });
    expect(a.created).toBe(true);
    expect(b).toEqual({ id: a.id, created: false });
    expect(await t.db.outboundMessage.count()).toBe(1);
    // Inside a transaction as well.
    await t.db.$transaction(async (tx) => {
      await enqueue(tx, { key: "digest:2026-08-03", channel: "CCENTER", text: "three" });
      await enqueue(tx, { key: "digest:2026-08-10", channel: "CCENTER", text: "four" });
    });
    expect((await t.db.outboundMessage.findMany({ orderBy: { id: "asc" } })).map((m) => m.text)).toEqual([
      "one",
      "four",
    ]);
  });

  it("sends in order per conversation, paced per conversation (not one a second for everyone), to channels and users (DM), with attachments", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-outbox-"));
    const file = path.join(dir, "结果.xlsx");
    fs.writeFileSync(file, Buffer.from("workbook bytes"));
    await enqueue(t.db, { key: "k1", channel: "CCENTER", text: "ranking", blocks: [{ type: "divider" }] });
    await enqueue(t.db, {
      key: "k2",
      channel: "CCENTER",
      text: "附件",
      filePath: file,
      fileName: "结果.xlsx",
    });
    await enqueue(t.db, { key: "k3", channel: "UAAA", text: "your notice" });
    await enqueue(t.db, { key: "k4", channel: "UBBB", text: "your notice too" });

    const time = fakeTime();
    // One lane and a burst of one: the order below is the sender's choice, not a race.
    const sender = createOutboxSender(t.db, client, {
      minIntervalMs: 1000,
      burst: 1,
      concurrency: 1,
      sleep: time.sleep,
      nowMs: time.nowMs,
    });
    slack.clear();
    const report = await sender.drain();
    expect(report).toMatchObject({ sent: 4, failed: 0, retried: 0 });

    const posts = slack.callsTo("chat.postMessage");
    expect(posts.map((c) => [c.args.channel, c.args.text])).toEqual([
      ["CCENTER", "ranking"],
      ["UAAA", "your notice"],
      ["UBBB", "your notice too"],
    ]);
    expect(posts[0]!.args.blocks).toEqual([{ type: "divider" }]);
    const complete = slack.callsTo("files.completeUploadExternal");
    expect(complete).toHaveLength(1);
    expect(complete[0]!.args.channel_id).toBe("CCENTER");
    expect(complete[0]!.args.initial_comment).toBe("附件");
    const uploaded = [...slack.uploads.values()];
    expect(uploaded.map((u) => [u.filename, u.bytes.toString()])).toEqual([["结果.xlsx", "workbook bytes"]]);
    // The channel's second message waited for the channel's pace; the DMs did not wait for it.
    const order = slack.calls
      .filter((c) => c.method === "chat.postMessage" || c.method === "files.completeUploadExternal")
      .map((c) => (c.method === "chat.postMessage" ? c.args.text : "file"));
    expect(order).toEqual(["ranking", "your notice", "your notice too", "file"]);
    expect(time.slept).toEqual([1000]);
    const rows = await t.db.outboundMessage.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => r.state)).toEqual(["sent", "sent", "sent", "sent"]);
    // A second drain sends nothing again.
    slack.clear();
    expect(await sender.drain()).toMatchObject({ sent: 0 });
    expect(slack.callsTo("chat.postMessage")).toHaveLength(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("honours 429 Retry-After and sends the message once", async () => {
    await enqueue(t.db, { key: "k1", channel: "CCENTER", text: "hello" });
    slack.failNext("chat.postMessage", { status: 429, retryAfter: 7 });
    const time = fakeTime();
    const sender = createOutboxSender(t.db, client, {
      minIntervalMs: 10,
      sleep: time.sleep,
      nowMs: time.nowMs,
    });
    const report = await sender.drain();
    expect(report).toMatchObject({ sent: 1, failed: 0, rateLimitedWaitsMs: [7000] });
    expect(time.slept).toContain(7000);
    const posts = slack.callsTo("chat.postMessage");
    expect(posts.map((c) => c.failed ?? "ok")).toEqual([{ status: 429, retryAfter: 7 }, "ok"]);
  });

  it("retries a failed send after its backoff a bounded number of times; permanent errors fail at once", async () => {
    await enqueue(t.db, { key: "flaky", channel: "CCENTER", text: "flaky" });
    await enqueue(t.db, { key: "gone", channel: "CGONE", text: "to an archived channel" });
    await enqueue(t.db, { key: "after", channel: "UAAA", text: "after" });
    const time = fakeTime();
    let clock = Date.parse("2026-08-03T01:00:00Z");
    const sender = createOutboxSender(t.db, client, {
      minIntervalMs: 0,
      maxAttempts: 3,
      backoffBaseMs: 1000,
      concurrency: 1,
      sleep: time.sleep,
      nowMs: time.nowMs,
      clock: () => clock,
    });
    slack.failNext("chat.postMessage", "internal_error"); // flaky, 1st
    slack.failNext("chat.postMessage", "is_archived"); // gone
    const first = await sender.drain();
    expect(first).toMatchObject({ sent: 1, failed: 1, retried: 1 });
    const byKey = async () =>
      Object.fromEntries(
        (await t.db.outboundMessage.findMany()).map((m) => [
          m.key,
          [m.state, m.attempts, m.error, m.nextAt ? m.nextAt.getTime() - clock : null],
        ]),
      );
    expect(await byKey()).toEqual({
      flaky: ["queued", 1, "internal_error", 1000],
      gone: ["failed", 1, "is_archived", null],
      after: ["sent", 1, null, null],
    });
    // Not before its backoff: a drain now sends nothing.
    slack.clear();
    expect(await sender.drain()).toMatchObject({ sent: 0, retried: 0 });
    expect(slack.calls).toEqual([]);
    clock += 1000;
    slack.failNext("chat.postMessage", { status: 500 }); // flaky, 2nd: HTTP 500
    expect(await sender.drain()).toMatchObject({ retried: 1 });
    expect((await byKey()).flaky).toEqual(["queued", 2, "http_500", 2000]); // the backoff doubles
    clock += 2000;
    slack.failNext("chat.postMessage", "internal_error"); // flaky, 3rd: gives up
    const third = await sender.drain();
    expect(third).toMatchObject({ failed: 1 });
    expect((await byKey()).flaky).toEqual(["failed", 3, "internal_error", null]);
    // Nothing left to send.
    clock += 60_000;
    slack.clear();
    await sender.drain();
    expect(slack.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("a missing attachment fails the message instead of sending it without", async () => {
    await enqueue(t.db, {
      key: "f",
      channel: "CCENTER",
      text: "x",
      filePath: "/nonexistent/x.xlsx",
      fileName: "x.xlsx",
    });
    const time = fakeTime();
    const sender = createOutboxSender(t.db, client, { sleep: time.sleep, nowMs: time.nowMs });
    expect(await sender.drain()).toMatchObject({ failed: 1 });
    expect(slack.callsTo("files.getUploadURLExternal")).toHaveLength(0);
  });

  // ---- Updates in place, order per conversation, exactly once (issue #9).

  /** The texts the stand-in took (not refused) for `method`, per conversation as given. */
  const delivered = (method: string) =>
    slack
      .callsTo(method)
      .filter((c) => !c.failed && c.response?.ok !== false)
      .map((c) => [String(c.args.channel), String(c.args.text)]);

  it("an update goes where its post landed; a newer queued update of the same message supersedes the older", async () => {
    await enqueue(t.db, { key: "s:post", channel: "UAAA", ref: "status:1", text: "submitted" });
    await enqueue(t.db, {
      key: "s:u1",
      channel: "UAAA",
      ref: "status:1",
      update: true,
      text: "step 1 approved",
    });
    await enqueue(t.db, { key: "s:u2", channel: "UAAA", ref: "status:1", update: true, text: "approved" });
    // The same key again queues nothing, and supersedes nothing.
    expect(
      (await enqueue(t.db, { key: "s:u2", channel: "UAAA", ref: "status:1", update: true, text: "x" }))
        .created,
    ).toBe(false);
    const states = async () =>
      (await t.db.outboundMessage.findMany({ orderBy: { id: "asc" } })).map((m) => [m.key, m.state]);
    expect(await states()).toEqual([
      ["s:post", "queued"],
      ["s:u1", "superseded"],
      ["s:u2", "queued"],
    ]);
    const sender = createOutboxSender(t.db, client, { minIntervalMs: 0 });
    expect(await sender.drain()).toMatchObject({ sent: 2, failed: 0, skipped: 0 });
    const post = slack.callsTo("chat.postMessage")[0]!;
    const ref = await t.db.messageRef.findUniqueOrThrow({ where: { ref: "status:1" } });
    expect(ref).toMatchObject({ channel: post.response!.channel, ts: post.response!.ts });
    // One chat.update (Tier 3), to the DM channel and ts Slack answered the post with, showing the latest.
    expect(slack.callsTo("chat.update").map((c) => [c.args.channel, c.args.ts, c.args.text])).toEqual([
      [slack.dmChannel("UAAA"), post.response!.ts, "approved"],
    ]);
    expect(await states()).toEqual([
      ["s:post", "sent"],
      ["s:u1", "superseded"],
      ["s:u2", "sent"],
    ]);
    // Later updates still find it.
    await enqueue(t.db, { key: "s:u3", channel: "UAAA", ref: "status:1", update: true, text: "withdrawn" });
    await sender.drain();
    expect(slack.callsTo("chat.update").at(-1)!.args).toMatchObject({
      ts: post.response!.ts,
      text: "withdrawn",
    });
  });

  it("an update whose post failed for good is skipped, and the conversation goes on", async () => {
    await enqueue(t.db, { key: "p", channel: "CGONE", ref: "step:1:CGONE", text: "ask" });
    await enqueue(t.db, { key: "u", channel: "CGONE", ref: "step:1:CGONE", update: true, text: "decided" });
    await enqueue(t.db, {
      key: "n",
      channel: "CGONE",
      update: true,
      ref: "status:404",
      text: "never posted",
    });
    const report = await createOutboxSender(t.db, client, { minIntervalMs: 0 }).drain();
    expect(report).toMatchObject({ sent: 0, failed: 1, skipped: 2 });
    expect(slack.callsTo("chat.update")).toEqual([]);
    const rows = await t.db.outboundMessage.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.key, r.state, r.error])).toEqual([
      ["p", "failed", "channel_not_found"],
      ["u", "skipped", "never_posted:step:1:CGONE"],
      ["n", "skipped", "never_posted:status:404"],
    ]);
  });

  it("a failing conversation waits in order; the others go on; once Slack recovers each message goes once, in order", async () => {
    for (const [key, channel] of [
      ["a1", "UAAA"],
      ["b1", "UBBB"],
      ["a2", "UAAA"],
      ["c1", "CCENTER"],
      ["a3", "UAAA"],
      ["b2", "UBBB"],
    ] as const)
      await enqueue(t.db, { key, channel, text: key });
    let clock = Date.parse("2026-08-03T01:00:00Z");
    const sender = createOutboxSender(t.db, client, {
      minIntervalMs: 0,
      concurrency: 1,
      backoffBaseMs: 30_000,
      clock: () => clock,
    });
    slack.failNext("chat.postMessage", { status: 503 }); // a1
    expect(await sender.drain()).toMatchObject({ sent: 3, retried: 1 });
    // UAAA's later messages did not overtake a1; UBBB and the channel were not held up.
    expect(delivered("chat.postMessage")).toEqual([
      ["UBBB", "b1"],
      ["CCENTER", "c1"],
      ["UBBB", "b2"],
    ]);
    clock += 30_000;
    expect(await sender.drain()).toMatchObject({ sent: 3, retried: 0 });
    expect(delivered("chat.postMessage").filter(([c]) => c === "UAAA")).toEqual([
      ["UAAA", "a1"],
      ["UAAA", "a2"],
      ["UAAA", "a3"],
    ]);
    expect(slack.callsTo("chat.postMessage")).toHaveLength(7); // 6 messages, one refused attempt
  });

  it("a Slack that does not answer: the call times out, the message waits its backoff and goes once", async () => {
    // The production client with a short timeout (10 s in production: src/slack/app.ts).
    const impatient = new WebClient("xoxb-stand-in", { ...slackClientOptions(slack.url), timeout: 300 });
    await enqueue(t.db, { key: "h1", channel: "UAAA", text: "h1" });
    await enqueue(t.db, { key: "h2", channel: "UBBB", text: "h2" });
    let clock = Date.parse("2026-08-03T01:00:00Z");
    const sender = createOutboxSender(t.db, impatient, { minIntervalMs: 0, clock: () => clock });
    slack.outage({ hang: true });
    expect(await sender.drain()).toMatchObject({ sent: 0, retried: 2 });
    const rows = await t.db.outboundMessage.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.state, r.attempts])).toEqual([
      ["queued", 1],
      ["queued", 1],
    ]);
    slack.recover();
    clock += 60_000;
    expect(await sender.drain()).toMatchObject({ sent: 2 });
    // Held calls were never carried out: each text reached Slack once.
    expect(delivered("chat.postMessage").sort()).toEqual([
      ["UAAA", "h1"],
      ["UBBB", "h2"],
    ]);
  });

  it("a message queued in a transaction that rolls back is never sent, even by a sender draining meanwhile", async () => {
    const sender = createOutboxSender(t.db, client, { minIntervalMs: 0 });
    let draining: Promise<unknown> | undefined;
    await expect(
      t.db.$transaction(async (tx) => {
        await enqueue(tx, { key: "rolled-back", channel: "UAAA", text: "never" });
        // The sender starts while the change is open (one SQLite connection): it waits for it to end.
        draining = sender.drain();
        await new Promise((r) => setTimeout(r, 100));
        throw new Error("the change fails after queueing");
      }),
    ).rejects.toThrow("the change fails");
    expect(await draining).toMatchObject({ sent: 0 });
    await t.db.$transaction(async (tx) => {
      await enqueue(tx, { key: "committed", channel: "UAAA", text: "kept" });
      draining = sender.drain();
      await new Promise((r) => setTimeout(r, 100));
    });
    await draining;
    await sender.drain();
    expect(delivered("chat.postMessage")).toEqual([["UAAA", "kept"]]);
    expect(await t.db.outboundMessage.count({ where: { key: "rolled-back" } })).toBe(0);
  });

  it("two senders on one queue: every message once, in order per conversation", async () => {
    const users = ["UAAA", "UBBB"];
    for (const id of ["UCCC", "UDDD"]) {
      slack.users.set(id, {});
      users.push(id);
    }
    for (let i = 0; i < 40; i++) {
      const channel = users[i % users.length]!;
      await enqueue(t.db, { key: `m${i}`, channel, text: `${channel}:${String(i).padStart(2, "0")}` });
    }
    // Two processes' senders would each have a client; one database, two senders, drained together.
    const other = new WebClient("xoxb-stand-in", slackClientOptions(slack.url));
    const reports = await Promise.all([
      createOutboxSender(t.db, client, { minIntervalMs: 0, concurrency: 3 }).drain(),
      createOutboxSender(t.db, other, { minIntervalMs: 0, concurrency: 3 }).drain(),
    ]);
    expect(reports[0]!.sent + reports[1]!.sent).toBe(40);
    const texts = delivered("chat.postMessage").map(([, text]) => text ?? "");
    expect(texts).toHaveLength(40);
    expect(new Set(texts).size).toBe(40);
    for (const u of users) {
      const mine = texts.filter((x) => x.startsWith(`${u}:`));
      expect(mine).toEqual([...mine].sort());
      expect(mine).toHaveLength(10);
    }
  });
});
