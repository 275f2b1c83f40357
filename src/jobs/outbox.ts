// Outbound Slack messages: jobs enqueue keyed rows (a re-run enqueues nothing twice), a sender
// drains them in id order at Slack's pace. Rows survive restarts; a send is at-least-once (a
// crash between Slack's answer and our "sent" write re-sends after the claim goes stale).
import fs from "node:fs";
import type { WebClient } from "@slack/web-api";
import type { Db, Prisma } from "../db/client.ts";

/** A Prisma client or a transaction client: enqueue inside the transaction that freezes results. */
export type DbTx = Db | Prisma.TransactionClient;

export interface OutboundInput {
  /** Idempotency key, e.g. "close:2026-07:1:notice:U123". */
  key: string;
  /** Channel id, or a user id for a DM. */
  channel: string;
  text: string;
  blocks?: readonly unknown[];
  /** Attachment uploaded to the channel with `text` as its comment. */
  filePath?: string;
  fileName?: string;
}

/** Queues a message unless one with the same key exists; `created` says which. */
export async function enqueue(db: DbTx, m: OutboundInput): Promise<{ id: number; created: boolean }> {
  const existing = await db.outboundMessage.findUnique({ where: { key: m.key }, select: { id: true } });
  if (existing) return { id: existing.id, created: false };
  try {
    const row = await db.outboundMessage.create({
      data: {
        key: m.key,
        channel: m.channel,
        text: m.text,
        blocks: m.blocks ? JSON.stringify(m.blocks) : null,
        filePath: m.filePath ?? null,
        fileName: m.fileName ?? null,
      },
      select: { id: true },
    });
    return { id: row.id, created: true };
  } catch (e) {
    // Another writer queued the same key between our read and insert.
    if ((e as { code?: unknown }).code !== "P2002") throw e;
    const row = await db.outboundMessage.findUniqueOrThrow({ where: { key: m.key }, select: { id: true } });
    return { id: row.id, created: false };
  }
}

export interface SenderOptions {
  /** Minimum gap between two sends (Slack: about one message a second per channel). */
  minIntervalMs?: number;
  /** Failed sends are retried on later drains up to this many attempts, then marked failed. */
  maxAttempts?: number;
  /** 429 answers honoured (Retry-After waited) per message before it counts as a failed attempt. */
  maxRateLimitWaits?: number;
  /** A "sending" claim older than this (a sender crashed mid-send) goes back to the queue. */
  staleClaimMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Monotonic milliseconds for pacing. */
  nowMs?: () => number;
  log?: (line: string) => void;
}

export const DEFAULT_SEND_INTERVAL_MS = 1000;

export interface DrainReport {
  sent: number;
  failed: number;
  retried: number;
  rateLimitedWaitsMs: number[];
}

// Slack errors that no retry can fix: the message is marked failed at once.
const PERMANENT_ERRORS = new Set([
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
  return e.data?.error ?? e.message ?? String(e);
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface OutboxSender {
  /** Sends everything queued now, in id order; resolves when the queue is empty or only failures remain. */
  drain(): Promise<DrainReport>;
  /** Polls the queue every pollMs until stop(). */
  start(pollMs?: number): void;
  /** Asks the polling loop to drain now (after a job enqueued). */
  kick(): void;
  stop(): Promise<void>;
}

export function createOutboxSender(db: Db, client: WebClient, options: SenderOptions = {}): OutboxSender {
  const minInterval = options.minIntervalMs ?? DEFAULT_SEND_INTERVAL_MS;
  const maxAttempts = options.maxAttempts ?? 5;
  const maxRateLimitWaits = options.maxRateLimitWaits ?? 5;
  const staleClaimMs = options.staleClaimMs ?? 10 * 60_000;
  const sleep = options.sleep ?? realSleep;
  const nowMs = options.nowMs ?? (() => performance.now());
  const log = options.log ?? (() => {});
  let lastSendAt = Number.NEGATIVE_INFINITY;

  async function pace(): Promise<void> {
    const wait = lastSendAt + minInterval - nowMs();
    if (wait > 0) await sleep(wait);
    lastSendAt = nowMs();
  }

  async function dmChannel(userId: string): Promise<string> {
    const opened = await client.conversations.open({ users: userId });
    const id = (opened.channel as { id?: string } | undefined)?.id;
    if (!id)
      throw Object.assign(new Error("conversations.open returned no channel"), {
        data: { error: "channel_not_found" },
      });
    return id;
  }

  async function deliver(m: {
    channel: string;
    text: string;
    blocks: string | null;
    filePath: string | null;
    fileName: string | null;
  }): Promise<void> {
    if (m.filePath) {
      if (!fs.existsSync(m.filePath))
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
      return;
    }
    // chat.postMessage with a user id as channel posts to the app's DM with that user.
    await client.chat.postMessage({
      channel: m.channel,
      text: m.text,
      ...(m.blocks ? { blocks: JSON.parse(m.blocks) } : {}),
    });
  }

  async function requeueStale(): Promise<void> {
    await db.$executeRaw`UPDATE "OutboundMessage" SET state = 'queued', claimedAt = NULL
      WHERE state = 'sending' AND claimedAt < ${new Date(Date.now() - staleClaimMs)}`;
  }

  let draining: Promise<DrainReport> | null = null;

  async function drainNow(): Promise<DrainReport> {
    const report: DrainReport = { sent: 0, failed: 0, retried: 0, rateLimitedWaitsMs: [] };
    await requeueStale();
    let afterId = 0;
    for (;;) {
      const m = await db.outboundMessage.findFirst({
        where: { state: "queued", id: { gt: afterId } },
        orderBy: { id: "asc" },
      });
      if (!m) return report;
      afterId = m.id;
      // Claim it, so a second bot instance never sends the same row.
      // One plain UPDATE: a competing sender never waits on a lock held across an await.
      const claimed =
        await db.$executeRaw`UPDATE "OutboundMessage" SET state = 'sending', claimedAt = ${new Date()}
        WHERE id = ${m.id} AND state = 'queued' AND attempts = ${m.attempts}`;
      if (claimed !== 1) continue;
      let waits = 0;
      for (;;) {
        await pace();
        try {
          await deliver(m);
          await db.outboundMessage.update({
            where: { id: m.id },
            data: {
              state: "sent",
              sentAt: new Date(),
              attempts: m.attempts + 1,
              error: null,
              claimedAt: null,
            },
          });
          report.sent++;
          break;
        } catch (raw) {
          const e = raw as SlackErrorLike;
          const after = retryAfterSeconds(e);
          if (after !== null && waits < maxRateLimitWaits) {
            waits++;
            report.rateLimitedWaitsMs.push(after * 1000);
            log(`outbox: 429 on #${m.id}, waiting ${after}s`);
            await sleep(after * 1000);
            lastSendAt = nowMs();
            continue;
          }
          const error = errorText(e);
          const attempts = m.attempts + 1;
          const permanent = PERMANENT_ERRORS.has(error);
          const failed = permanent || attempts >= maxAttempts;
          await db.outboundMessage.update({
            where: { id: m.id },
            data: { state: failed ? "failed" : "queued", attempts, error, claimedAt: null },
          });
          log(`outbox: #${m.id} ${m.key} ${failed ? "failed" : "will retry"}: ${error}`);
          if (failed) report.failed++;
          else report.retried++;
          break;
        }
      }
    }
  }

  function drain(): Promise<DrainReport> {
    // One drain at a time per process keeps the id order and the pace.
    if (!draining) {
      draining = drainNow().finally(() => {
        draining = null;
      });
    }
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
      if (!stopped) void drain().catch(() => {});
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (draining) await draining.catch(() => {});
    },
  };
}
