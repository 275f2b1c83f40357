// Outbound Slack messages (docs/architecture.md "Outbox"). Whatever follows a change — a job's notices,
// and every message after a request, a decision, a record or a cover is written — is a row queued in
// the same transaction as the change (enqueue(tx, …)): a change never commits without its messages, and
// a change rolled back sends nothing. The sender delivers the rows:
//  - in id order per conversation (`channel`: a channel id, or a user id for a DM): a row goes only when
//    no earlier row of its conversation is queued or being sent. Conversations go side by side, so one
//    that fails or hangs holds up no other;
//  - once: the unique key makes a re-run queue nothing twice, and a claim (queued → sending in one
//    UPDATE) keeps a second sender off the row. A crash between Slack's answer and our "sent" write
//    re-sends after the claim goes stale (at-least-once there, nowhere else);
//  - again after a failure: HTTP 5xx, timeouts, network errors and Slack errors not known to be
//    permanent wait with exponential backoff (nextAt, the conversation waits with them); a 429 waits
//    Retry-After (and so does every other row for that method); a permanent Slack error
//    (PERMANENT_ERRORS) fails the row at once, and the conversation goes on;
//  - at Slack's pace per conversation: chat.postMessage allows "1 message per second per channel,
//    short bursts allowed" (docs.slack.dev/reference/methods/chat.postMessage, "Rate limiting"): a
//    token bucket per conversation, not one message a second for the whole workspace.
// Updates in place: a post may name its message (`ref`; its channel and ts are kept in MessageRef once
// Slack answered), and an update row names the message it replaces (a ref, or a known channel and ts).
// The post is queued earlier in the same conversation, so it is sent first; an update whose message was
// never posted (its post failed for good) is skipped. A newer queued update of the same message makes
// the older queued ones superseded: one chat.update instead of several (chat.update is Tier 3).
//
// One SQLite connection (src/db/client.ts): a statement outside a transaction runs inside whichever
// interactive transaction is open at that moment. Every read and write of the sender is a short
// transaction of its own, which waits for an open one to end: the sender never sees the rows of a change
// not yet committed (nor sends those of one rolled back), and its writes are never rolled back with
// someone else's change.
import fs from "node:fs";
import type { WebClient } from "@slack/web-api";
import type { Db, Prisma } from "../db/client.ts";
import {
  connectionOf,
  insertOutboxRaw,
  knownRefsRaw,
  type OutboxInsert,
  supersedeOlderUpdatesRaw,
} from "../db/hotPath.ts";
import { makeChartFile } from "./charts.ts";

/** A Prisma client or a transaction client: enqueue inside the transaction that makes the change. */
export type DbTx = Db | Prisma.TransactionClient;

export interface OutboundInput {
  /** Idempotency key, e.g. "close:2026-07:1:notice:U123", "step:12:ask:U123". */
  key: string;
  /** The conversation: a channel id, or a user id for a DM (an update by `ts`: the message's channel). */
  channel: string;
  text: string;
  blocks?: readonly unknown[];
  /** Attachment uploaded to the channel with `text` as its comment. */
  filePath?: string;
  fileName?: string;
  /** A post: the name its message is kept under once sent. An update: the message it replaces. */
  ref?: string;
  /** Replace an earlier message (chat.update), named by `ref` or by `ts` in `channel`, instead of posting. */
  update?: boolean;
  ts?: string;
}

/**
 * Queues a message unless one with the same key exists; `created` says which. An update makes the
 * older queued updates of the same message superseded (they would only show an older state).
 */
export async function enqueue(db: DbTx, m: OutboundInput): Promise<{ id: number; created: boolean }> {
  if (m.update && !m.ref && !m.ts) throw new Error(`outbox: update ${m.key} names no message`);
  const existing = await db.outboundMessage.findUnique({ where: { key: m.key }, select: { id: true } });
  if (existing) return { id: existing.id, created: false };
  if (m.update)
    await db.outboundMessage.updateMany({
      where: {
        op: "update",
        state: "queued",
        ...(m.ref ? { ref: m.ref } : { ref: null, channel: m.channel, ts: m.ts ?? "" }),
      },
      data: { state: "superseded" },
    });
  try {
    const row = await db.outboundMessage.create({ data: rowOf(m), select: { id: true } });
    return { id: row.id, created: true };
  } catch (e) {
    // Another writer queued the same key between our read and insert.
    if ((e as { code?: unknown }).code !== "P2002") throw e;
    const row = await db.outboundMessage.findUniqueOrThrow({ where: { key: m.key }, select: { id: true } });
    return { id: row.id, created: false };
  }
}

/** The stored row of a message (what enqueue and enqueueMany insert). */
function rowOf(m: OutboundInput): OutboxInsert {
  return {
    key: m.key,
    channel: m.channel,
    op: m.update ? "update" : "post",
    ref: m.ref ?? null,
    ts: m.update ? (m.ts ?? null) : null,
    text: m.text,
    blocks: m.blocks ? JSON.stringify(m.blocks) : null,
    filePath: m.filePath ?? null,
    fileName: m.fileName ?? null,
  };
}

/** Messages per INSERT in `enqueueMany` (12 parameters each: well under SQLite's limit of 32,766). */
const MANY_BATCH = 200;

/**
 * `enqueue` for each message in turn, in two statements (issue #11: a decision's 3–6 messages cost 2–3
 * statements each): one INSERT of them all, a key already stored inserting nothing, then one UPDATE
 * making the older queued updates of the same messages superseded — the rows, ids and states that
 * `enqueue` one after another leaves. Without a better-sqlite3 connection (src/db/hotPath.ts): one by one.
 */
export async function enqueueMany(db: DbTx, ms: readonly OutboundInput[]): Promise<void> {
  for (const m of ms)
    if (m.update && !m.ref && !m.ts) throw new Error(`outbox: update ${m.key} names no message`);
  const raw = connectionOf(db);
  if (!raw) {
    for (const m of ms) await enqueue(db, m);
    return;
  }
  const now = new Date();
  for (let i = 0; i < ms.length; i += MANY_BATCH) {
    const rows = ms.slice(i, i + MANY_BATCH).map(rowOf);
    const created = insertOutboxRaw(raw, rows, now);
    supersedeOlderUpdatesRaw(
      raw,
      rows.flatMap((r) => {
        const id = created.get(r.key);
        return r.op === "update" && id !== undefined
          ? [{ id, ref: r.ref, channel: r.channel, ts: r.ts }]
          : [];
      }),
    );
  }
}

/** Keys looked up per statement in `enqueuePosts` (well under SQLite's parameter limit). */
const KEY_BATCH = 500;

/**
 * `enqueue` for many new posts at once (the close's 5,000 notices): the keys that exist are read in a
 * few statements and the rest inserted with one createMany, in the given order (their ids, and so each
 * conversation's order, are the same as one `enqueue` after another). Updates go through `enqueue`.
 */
export async function enqueuePosts(db: DbTx, ms: readonly OutboundInput[]): Promise<void> {
  if (ms.some((m) => m.update)) throw new Error("outbox: enqueuePosts takes posts only");
  // On the connection: multi-row inserts, a stored key inserting nothing (createMany of the close's
  // 5,000 notices spent 4 s in Prisma's query compiler, issue #11).
  if (connectionOf(db)) return enqueueMany(db, ms);
  const existing = new Set<string>();
  for (let i = 0; i < ms.length; i += KEY_BATCH) {
    const keys = ms.slice(i, i + KEY_BATCH).map((m) => m.key);
    for (const r of await db.outboundMessage.findMany({
      where: { key: { in: keys } },
      select: { key: true },
    }))
      existing.add(r.key);
  }
  const seen = new Set<string>();
  const data = [];
  for (const m of ms) {
    if (existing.has(m.key) || seen.has(m.key)) continue;
    seen.add(m.key);
    data.push({
      key: m.key,
      channel: m.channel,
      op: "post",
      ref: m.ref ?? null,
      ts: null,
      text: m.text,
      blocks: m.blocks ? JSON.stringify(m.blocks) : null,
      filePath: m.filePath ?? null,
      fileName: m.fileName ?? null,
    });
  }
  if (data.length > 0) await db.outboundMessage.createMany({ data });
}

/**
 * The refs starting with `prefix` ("step:12:") whose message exists or is on its way: sent (MessageRef)
 * or queued. What an update of "every copy of step 12's message" must name.
 */
export async function knownRefs(db: DbTx, prefix: string): Promise<string[]> {
  const raw = connectionOf(db);
  if (raw && prefix) return knownRefsRaw(raw, prefix);
  const [sent, queued] = await Promise.all([
    db.messageRef.findMany({ where: { ref: { startsWith: prefix } }, select: { ref: true } }),
    db.outboundMessage.findMany({
      where: { op: "post", ref: { startsWith: prefix }, state: { in: ["queued", "sending"] } },
      select: { ref: true },
      orderBy: { id: "asc" },
    }),
  ]);
  return [...new Set([...sent.map((r) => r.ref), ...queued.map((r) => r.ref!)])].sort();
}

// ---------------------------------------------------------------------------------------------
// Waking the sender: a change that queued messages wakes the process's sender for that database. Its
// first read is a transaction of its own, so it starts once the change has committed.

const wakers = new WeakMap<object, Set<() => void>>();

/** Registers `wake` to run when messages were queued for `db`; returns the unregistering function. */
export function onOutboxQueued(db: Db, wake: () => void): () => void {
  const set = wakers.get(db) ?? new Set<() => void>();
  wakers.set(db, set);
  set.add(wake);
  return () => set.delete(wake);
}

/** Tells the senders registered for `db` that there is something to send. */
export function wakeOutbox(db: Db): void {
  for (const wake of wakers.get(db) ?? []) wake();
}

// ---------------------------------------------------------------------------------------------
// The sender.

export interface SenderOptions {
  /** Per conversation, once its burst is spent: the gap between two sends (Slack: about 1 a second). */
  minIntervalMs?: number;
  /** Messages a conversation may get at once before the gap applies (Slack: "short bursts allowed"). */
  burst?: number;
  /** Conversations sent to side by side. */
  concurrency?: number;
  /**
   * Workspace-wide pace per method, on top of the per-conversation one (default WORKSPACE_LIMITS):
   * the sender spends Slack's allowance itself instead of leaning on 429s.
   */
  workspaceLimits?: Readonly<Record<string, { perMinute: number; burst: number }>>;
  /** Failed attempts (5xx, timeout, network, a Slack error not known to be permanent) before giving up. */
  maxAttempts?: number;
  /** Backoff after the n-th failed attempt: min(backoffBaseMs × 2^(n−1), backoffMaxMs). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** 429 answers honoured (Retry-After waited) per message before it counts as a failed attempt. */
  maxRateLimitWaits?: number;
  /** A "sending" claim older than this (a sender died mid-send) goes back to the queue. */
  staleClaimMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Monotonic milliseconds for pacing and Retry-After. */
  nowMs?: () => number;
  /** Epoch milliseconds for the stored times (backoff, claims); tests step it. */
  clock?: () => number;
  log?: (line: string) => void;
}

export const DEFAULT_SEND_INTERVAL_MS = 1000;
export const DEFAULT_SEND_BURST = 5;

/**
 * Slack's workspace-wide limits for what the sender calls. chat.postMessage: "1 per second per channel"
 * plus a workspace-wide limit of "several hundred messages per minute" with "generous burst behavior"
 * (docs.slack.dev/reference/methods/chat.postMessage, "Rate limiting"); Slack gives no number, so the
 * least "several hundred" can mean (300), with a minute's worth as burst, like the stand-in. chat.update
 * is Tier 3, "50+ per minute" (docs.slack.dev/apis/web-api/rate-limits). At 300 a minute, 5,000 DMs take
 * about 16 minutes (300 at once, then 5 a second); Slack answers 429 with Retry-After if it allows less.
 */
export const WORKSPACE_LIMITS: Readonly<Record<string, { perMinute: number; burst: number }>> = {
  "chat.postMessage": { perMinute: 300, burst: 300 },
  "chat.update": { perMinute: 50, burst: 50 },
  // A file is files.getUploadURLExternal + files.completeUploadExternal, both Tier 4 ("100+ per
  // minute"): the close's charts, one per person, go at that pace instead of into 429s (issue #13).
  files: { perMinute: 100, burst: 100 },
};

export interface DrainReport {
  sent: number;
  failed: number;
  /** Failed attempts that will be tried again (after their backoff). */
  retried: number;
  /** Updates whose message was never posted. */
  skipped: number;
  rateLimitedWaitsMs: number[];
}

// Slack errors that no retry can fix: the message is marked failed at once.
export const PERMANENT_ERRORS: ReadonlySet<string> = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "user_not_found",
  "invalid_auth",
  "account_inactive",
  "token_revoked",
  "missing_scope",
  "invalid_blocks",
  "msg_too_long",
  "no_text",
  "cannot_dm_bot",
  "file_missing",
  "message_not_found",
  "cant_update_message",
]);

interface SlackErrorLike {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  headers?: Record<string, string>;
  data?: { error?: string };
  message?: string;
}

/** Seconds to wait when Slack answered 429, or null for any other error. */
function retryAfterSeconds(e: SlackErrorLike): number | null {
  if (e.code === "slack_webapi_rate_limited_error") return e.retryAfter ?? 1;
  if (e.code === "slack_webapi_http_error" && e.statusCode === 429) {
    const h = Number(e.headers?.["retry-after"] ?? 1);
    return Number.isFinite(h) && h >= 0 ? h : 1;
  }
  return null;
}

function errorText(e: SlackErrorLike): string {
  if (e.data?.error) return e.data.error;
  if (e.code === "slack_webapi_http_error" && e.statusCode) return `http_${e.statusCode}`;
  return e.message ?? String(e);
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface OutboxSender {
  /** Sends everything sendable now; resolves when nothing is (left: failures, rows waiting out a backoff). */
  drain(): Promise<DrainReport>;
  /** Drains every pollMs (rows whose backoff ended) until stop(). */
  start(pollMs?: number): void;
  /** Drains now (something was queued); a drain already running goes round once more. */
  kick(): void;
  stop(): Promise<void>;
}

type Row = Prisma.OutboundMessageModel;

/** Conversations looked at per claim (the oldest heads); several times the lanes that send. */
const HEADS = 32;

const emptyReport = (): DrainReport => ({
  sent: 0,
  failed: 0,
  retried: 0,
  skipped: 0,
  rateLimitedWaitsMs: [],
});

export function createOutboxSender(db: Db, client: WebClient, options: SenderOptions = {}): OutboxSender {
  const minInterval = options.minIntervalMs ?? DEFAULT_SEND_INTERVAL_MS;
  const burst = Math.max(1, options.burst ?? DEFAULT_SEND_BURST);
  // Slack's answer takes a few hundred ms: 8 lanes keep 5 messages a second going with room to spare.
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const workspaceLimits = options.workspaceLimits ?? WORKSPACE_LIMITS;
  const maxAttempts = options.maxAttempts ?? 30;
  const backoffBase = options.backoffBaseMs ?? 1000;
  const backoffMax = options.backoffMaxMs ?? 5 * 60_000;
  const maxRateLimitWaits = options.maxRateLimitWaits ?? 5;
  const staleClaimMs = options.staleClaimMs ?? 5 * 60_000;
  const sleep = options.sleep ?? realSleep;
  const nowMs = options.nowMs ?? (() => performance.now());
  const clock = options.clock ?? (() => Date.now());
  const log = options.log ?? (() => {});

  // Short transactions of the sender's own (see the head of this file). maxWait: a change holding the
  // connection for longer than Prisma's default 2 s delays the sender; it must not fail it.
  const inTx = <T>(fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> =>
    db.$transaction(fn, { maxWait: 60_000, timeout: 30_000 });

  // Pacing: a token bucket per conversation; after a 429, the method waits as a whole.
  const buckets = new Map<string, { tokens: number; at: number }>();
  const blockedUntil = new Map<string, number>();
  const bucketOf = (channel: string, t: number) => {
    const b = buckets.get(channel) ?? { tokens: burst, at: t };
    b.tokens = minInterval <= 0 ? burst : Math.min(burst, b.tokens + (t - b.at) / minInterval);
    b.at = t;
    buckets.set(channel, b);
    return b;
  };
  const paceWait = (channel: string, t: number) => {
    const b = bucketOf(channel, t);
    return b.tokens >= 1 ? 0 : (1 - b.tokens) * minInterval;
  };
  // The workspace-wide bucket of each paced method (key "#method", apart from the conversations').
  const methodWait = (method: string, t: number) => {
    const limit = workspaceLimits[method];
    if (!limit) return 0;
    const b = buckets.get(`#${method}`) ?? { tokens: limit.burst, at: t };
    b.tokens = Math.min(limit.burst, b.tokens + ((t - b.at) * limit.perMinute) / 60_000);
    b.at = t;
    buckets.set(`#${method}`, b);
    return b.tokens >= 1 ? 0 : ((1 - b.tokens) * 60_000) / limit.perMinute;
  };
  const methodOf = (m: Row) =>
    m.op === "update" ? "chat.update" : m.filePath ? "files" : "chat.postMessage";

  async function dmChannel(userId: string): Promise<string> {
    const opened = await client.conversations.open({ users: userId });
    const id = (opened.channel as { id?: string } | undefined)?.id;
    if (!id)
      throw Object.assign(new Error("conversations.open returned no channel"), {
        data: { error: "channel_not_found" },
      });
    return id;
  }

  type Delivered = { channel?: string; ts?: string } | { skipped: string };

  /** Where an update goes: its ts, or its ref's message; why not when the message was never posted. */
  async function updateTarget(m: Row): Promise<{ channel: string; ts: string } | { skipped: string }> {
    if (m.ts) return { channel: m.channel, ts: m.ts };
    const ref = m.ref ?? "";
    const found = await inTx(async (tx) => {
      const known = await tx.messageRef.findUnique({ where: { ref } });
      if (known) return known;
      const post = await tx.outboundMessage.findFirst({
        where: { op: "post", ref, state: { in: ["queued", "sending"] } },
        select: { id: true },
      });
      return post ? "pending" : null;
    });
    if (found === "pending")
      // Its post is in another conversation and not sent yet: try again later, like a network error.
      throw Object.assign(new Error(`message ${ref} not posted yet`), { data: { error: "ref_pending" } });
    if (!found) return { skipped: `never_posted:${ref}` };
    return { channel: found.channel, ts: found.ts };
  }

  async function deliver(m: Row): Promise<Delivered> {
    const blocks = m.blocks ? { blocks: JSON.parse(m.blocks) as unknown[] } : {};
    if (m.op === "update") {
      const to = await updateTarget(m);
      if ("skipped" in to) return to;
      await client.chat.update({ channel: to.channel, ts: to.ts, text: m.text, ...blocks });
      return to;
    }
    if (m.filePath) {
      // A close's chart is drawn now, from the frozen results, not in the close (src/jobs/charts.ts).
      if (!fs.existsSync(m.filePath) && !(await makeChartFile(m.filePath, inTx)))
        throw Object.assign(new Error(`attachment missing: ${m.filePath}`), {
          data: { error: "file_missing" },
        });
      // A file goes to a conversation id; a user id is turned into the DM first.
      const channelId = /^[UW]/.test(m.channel) ? await dmChannel(m.channel) : m.channel;
      await client.filesUploadV2({
        channel_id: channelId,
        file: fs.readFileSync(m.filePath),
        filename: m.fileName ?? m.filePath.split(/[\\/]/).pop() ?? "file",
        title: m.fileName ?? undefined,
        initial_comment: m.text,
      });
      return {};
    }
    // chat.postMessage with a user id as channel posts to the app's DM with that user.
    const res = await client.chat.postMessage({ channel: m.channel, text: m.text, ...blocks });
    return { ...(res.channel ? { channel: res.channel } : {}), ...(res.ts ? { ts: res.ts } : {}) };
  }

  async function sendOne(m: Row, report: DrainReport): Promise<void> {
    let waits = 0;
    for (;;) {
      try {
        const done = await deliver(m);
        const attempts = m.attempts + 1;
        if ("skipped" in done) {
          await inTx((tx) =>
            tx.outboundMessage.update({
              where: { id: m.id },
              data: { state: "skipped", attempts, error: done.skipped, claimedAt: null, nextAt: null },
            }),
          );
          log(`outbox: #${m.id} ${m.key} skipped: ${done.skipped}`);
          report.skipped++;
          return;
        }
        await inTx(async (tx) => {
          await tx.outboundMessage.update({
            where: { id: m.id },
            data: {
              state: "sent",
              sentAt: new Date(clock()),
              attempts,
              error: null,
              claimedAt: null,
              nextAt: null,
            },
          });
          if (m.op === "post" && m.ref && done.channel && done.ts)
            await tx.messageRef.upsert({
              where: { ref: m.ref },
              create: { ref: m.ref, channel: done.channel, ts: done.ts, createdAt: new Date(clock()) },
              update: { channel: done.channel, ts: done.ts },
            });
        });
        report.sent++;
        return;
      } catch (raw) {
        const e = raw as SlackErrorLike;
        const after = retryAfterSeconds(e);
        if (after !== null && waits < maxRateLimitWaits) {
          waits++;
          report.rateLimitedWaitsMs.push(after * 1000);
          log(`outbox: 429 on #${m.id}, waiting ${after}s`);
          blockedUntil.set(methodOf(m), nowMs() + after * 1000);
          await sleep(after * 1000);
          continue;
        }
        const error = errorText(e);
        const attempts = m.attempts + 1;
        const failed = PERMANENT_ERRORS.has(error) || attempts >= maxAttempts;
        const backoff = Math.min(backoffBase * 2 ** (attempts - 1), backoffMax);
        await inTx((tx) =>
          tx.outboundMessage.update({
            where: { id: m.id },
            data: {
              state: failed ? "failed" : "queued",
              attempts,
              error,
              claimedAt: null,
              nextAt: failed ? null : new Date(clock() + backoff),
            },
          }),
        );
        log(`outbox: #${m.id} ${m.key} ${failed ? "failed" : `will retry in ${backoff} ms`}: ${error}`);
        if (failed) report.failed++;
        else report.retried++;
        return;
      }
    }
  }

  /**
   * Claims the next sendable row: the oldest of each conversation (none of its earlier rows is queued
   * or being sent), due (no backoff pending), whose conversation is not being sent to here and has its
   * pace. Else how long until a conversation's pace or a method's Retry-After lets one go (null: none).
   */
  async function claimNext(busy: ReadonlySet<string>): Promise<{ row: Row } | { waitMs: number } | null> {
    return inTx(async (tx) => {
      // The oldest HEADS conversations only: after a close thousands are queued, and reading every
      // conversation's head for each claim would make sending them quadratic.
      const heads = await tx.outboundMessage.groupBy({
        by: ["channel"],
        where: { state: { in: ["queued", "sending"] } },
        _min: { id: true },
        orderBy: { _min: { id: "asc" } },
        take: HEADS,
      });
      const ids = heads.map((h) => h._min.id).filter((id): id is number => id !== null);
      if (ids.length === 0) return null;
      const now = clock();
      const rows = await tx.outboundMessage.findMany({
        where: {
          id: { in: ids },
          state: "queued",
          OR: [{ nextAt: null }, { nextAt: { lte: new Date(now) } }],
        },
        orderBy: { id: "asc" },
      });
      const t = nowMs();
      let wait = Number.POSITIVE_INFINITY;
      for (const row of rows) {
        if (busy.has(row.channel)) continue;
        const method = methodOf(row);
        const w = Math.max(
          paceWait(row.channel, t),
          methodWait(method, t),
          (blockedUntil.get(method) ?? 0) - t,
        );
        if (w > 0) {
          wait = Math.min(wait, w);
          continue;
        }
        const claimed = await tx.outboundMessage.updateMany({
          where: { id: row.id, state: "queued" },
          data: { state: "sending", claimedAt: new Date(now) },
        });
        if (claimed.count !== 1) continue;
        bucketOf(row.channel, t).tokens -= 1;
        const spent = buckets.get(`#${method}`);
        if (spent) spent.tokens -= 1;
        return { row };
      }
      return wait === Number.POSITIVE_INFINITY ? null : { waitMs: wait };
    });
  }

  async function drainOnce(): Promise<DrainReport> {
    const report = emptyReport();
    await inTx((tx) =>
      tx.outboundMessage.updateMany({
        where: { state: "sending", claimedAt: { lt: new Date(clock() - staleClaimMs) } },
        data: { state: "queued", claimedAt: null },
      }),
    );
    const busy = new Set<string>();
    const running = new Set<Promise<void>>();
    for (;;) {
      let waitMs: number | null = null;
      while (running.size < concurrency) {
        const next = await claimNext(busy);
        if (!next) break;
        if ("waitMs" in next) {
          waitMs = next.waitMs;
          break;
        }
        const { row } = next;
        busy.add(row.channel);
        const sending: Promise<void> = sendOne(row, report)
          .catch((e: unknown) => log(`outbox: #${row.id} ${e instanceof Error ? e.message : String(e)}`))
          .finally(() => {
            busy.delete(row.channel);
            running.delete(sending);
          });
        running.add(sending);
      }
      if (running.size > 0) await Promise.race(running);
      else if (waitMs !== null) await sleep(waitMs);
      else return report;
    }
  }

  let draining: Promise<DrainReport> | null = null;
  let again = false;

  function drain(): Promise<DrainReport> {
    // One drain at a time per process; a call while one runs makes it go round once more, so a row
    // queued just after its last look is not left for the next poll.
    if (draining) {
      again = true;
      return draining;
    }
    const run = async () => {
      const total = emptyReport();
      do {
        again = false;
        const r = await drainOnce();
        total.sent += r.sent;
        total.failed += r.failed;
        total.retried += r.retried;
        total.skipped += r.skipped;
        total.rateLimitedWaitsMs.push(...r.rateLimitedWaitsMs);
      } while (again);
      return total;
    };
    draining = run().finally(() => {
      draining = null;
    });
    return draining;
  }

  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  return {
    drain,
    start(pollMs = 5000) {
      stopped = false;
      const loop = () => {
        if (stopped) return;
        drain()
          .catch((e: unknown) => log(`outbox: drain failed: ${e instanceof Error ? e.message : String(e)}`))
          .finally(() => {
            if (!stopped) timer = setTimeout(loop, pollMs);
          });
      };
      loop();
    },
    kick() {
      if (!stopped)
        void drain().catch((e: unknown) =>
          log(`outbox: drain failed: ${e instanceof Error ? e.message : String(e)}`),
        );
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (draining) await draining.catch(() => {});
    },
  };
}
