// 5,000 private notices after a close (issue #11 "Notices out"), sent against the strict stand-in's
// rate limits with one simulated clock shared by the sender and the stand-in: the stand-in is the
// judge (its buckets refill only as that clock moves, and it answers 429 with Retry-After), so the
// simulated time below is what Slack's limits allow this sender, without waiting for it.
import { WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOutboxSender } from "../../src/jobs/outbox.ts";
import { slackClientOptions } from "../../src/slack/app.ts";
import { simulatedClock } from "../../src/slack/standin/simulatedClock.ts";
import { createTestDb, type TestDb } from "../helpers/db.ts";
import {
  POST_PER_CHANNEL,
  RATE_LIMITS,
  type SlackStandIn,
  startSlackStandIn,
} from "../helpers/slackStandIn.ts";

const PEOPLE = Number(process.env.OUTBOX_PEOPLE ?? 5000);
const START = Date.UTC(2026, 11, 1, 1, 0, 0);

describe("outbox: 5,000 notices after a close", () => {
  let t: TestDb;
  let slack: SlackStandIn;
  const time = simulatedClock(START);
  beforeEach(async () => {
    t = await createTestDb();
    slack = await startSlackStandIn({ now: time.now });
  });
  afterEach(async () => {
    await slack.close();
    await t.close();
  });

  it("go out once each, in order per conversation, within Slack's workspace-wide pace", async () => {
    const users = Array.from({ length: PEOPLE }, (_, i) => `UN${String(i).padStart(5, "0")}`);
    for (const u of users) slack.users.set(u, {});
    // A few people get a second message after their notice: order per conversation is checked too.
    const twice = users.slice(0, 5);
    const rows = [
      ...users.map((u) => ({
        key: `close:2026-11:1:notice:${u}`,
        channel: u,
        op: "post",
        text: `notice ${u}`,
      })),
      ...twice.map((u) => ({
        key: `close:2026-11:1:after:${u}`,
        channel: u,
        op: "post",
        text: `after ${u}`,
      })),
    ];
    await t.db.outboundMessage.createMany({ data: rows });

    const client = new WebClient("xoxb-stand-in", slackClientOptions(slack.url));
    const sender = createOutboxSender(t.db, client, { sleep: time.sleep, nowMs: time.now, clock: time.now });
    const started = time.now();
    // Bounded: every drain sends or waits out a backoff; a handful is plenty.
    let sent = 0;
    for (let i = 0; i < 20 && sent < rows.length; i++) sent += (await sender.drain()).sent;
    const simulatedMs = time.now() - started;

    expect(sent).toBe(rows.length);
    const states = await t.db.outboundMessage.groupBy({ by: ["state"], _count: { _all: true } });
    expect(states.map((s) => [s.state, s._count._all])).toEqual([["sent", rows.length]]);
    const ok = slack.callsTo("chat.postMessage").filter((c) => !c.failed);
    expect(ok).toHaveLength(rows.length);
    // Once each.
    expect(new Set(ok.map((c) => c.args.text)).size).toBe(rows.length);
    // In order per conversation.
    for (const u of twice) {
      const texts = ok.filter((c) => c.args.channel === u).map((c) => c.args.text);
      expect(texts).toEqual([`notice ${u}`, `after ${u}`]);
    }
    // The pace: the stand-in's workspace-wide chat.postMessage bucket (Slack: "several hundred messages
    // per minute") is the bound, one bucket of burst and then its rate; the per-channel limit is not
    // reached (one or two messages per DM). The sender must come within 5% of that bound.
    const ws = RATE_LIMITS["chat.postMessage"]!;
    const boundMs = ((rows.length - ws.burst) / ws.perMinute) * 60_000;
    expect(POST_PER_CHANNEL.burst).toBeGreaterThanOrEqual(2);
    expect(simulatedMs).toBeLessThanOrEqual(boundMs * 1.05);
    // And 429s stay rare: the sender paces itself rather than leaning on Retry-After.
    const limited = slack.callsTo("chat.postMessage").filter((c) => c.failed);
    expect(limited.length).toBeLessThan(rows.length / 50);
    process.stdout.write(
      `outbox: ${rows.length} notices in ${(simulatedMs / 60_000).toFixed(1)} simulated minutes, ${limited.length} × 429\n`,
    );
  }, 600_000);
});
