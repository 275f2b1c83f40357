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

  it("sends in id order, at most one per interval, to channels and users (DM), with attachments", async () => {
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
    const sentAt: number[] = [];
    const sender = createOutboxSender(t.db, client, {
      minIntervalMs: 1000,
      sleep: time.sleep,
      nowMs: () => {
        const n = time.nowMs();
        return n;
      },
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
    // The upload came between the first and second post: id order.
    const order = slack.calls
      .filter((c) => c.method === "chat.postMessage" || c.method === "files.completeUploadExternal")
      .map((c) => (c.method === "chat.postMessage" ? c.args.text : "file"));
    expect(order).toEqual(["ranking", "file", "your notice", "your notice too"]);
    // Pacing: 3 waits of 1000 ms between 4 sends (fake time: nothing else advanced it).
    expect(time.slept).toEqual([1000, 1000, 1000]);
    expect(sentAt).toEqual([]);
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

  it("retries a failed send on later drains a bounded number of times; permanent errors fail at once", async () => {
    await enqueue(t.db, { key: "flaky", channel: "CCENTER", text: "flaky" });
    await enqueue(t.db, { key: "gone", channel: "CGONE", text: "to an archived channel" });
    await enqueue(t.db, { key: "after", channel: "CCENTER", text: "after" });
    const time = fakeTime();
    const sender = createOutboxSender(t.db, client, {
      minIntervalMs: 0,
      maxAttempts: 3,
      sleep: time.sleep,
      nowMs: time.nowMs,
    });
    slack.failNext("chat.postMessage", "internal_error"); // flaky, 1st
    slack.failNext("chat.postMessage", "is_archived"); // gone
    const first = await sender.drain();
    expect(first).toMatchObject({ sent: 1, failed: 1, retried: 1 });
    const byKey = async () =>
      Object.fromEntries(
        (await t.db.outboundMessage.findMany()).map((m) => [m.key, [m.state, m.attempts, m.error]]),
      );
    expect(await byKey()).toEqual({
      flaky: ["queued", 1, "internal_error"],
      gone: ["failed", 1, "is_archived"],
      after: ["sent", 1, null],
    });
    slack.failNext("chat.postMessage", "internal_error"); // flaky, 2nd
    await sender.drain();
    slack.failNext("chat.postMessage", "internal_error"); // flaky, 3rd: gives up
    const third = await sender.drain();
    expect(third).toMatchObject({ failed: 1 });
    expect((await byKey()).flaky).toEqual(["failed", 3, "internal_error"]);
    // Nothing left to send.
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
});
