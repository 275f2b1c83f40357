// The monthly close off the bot's event loop (issue #11): scoring 100,000 records, building the
// workbooks and rendering 5,000 notices are seconds of synchronous work, and on the bot's own thread
// they would hold Slack's acks (Slack retries a request not acked within 3 s). A worker thread opens
// its own connection to the same SQLite file and runs the close exactly as the scheduler does
// (runMonthClose: the freeze and the queued messages in one transaction, all or nothing); the bot's
// thread only waits for the answer. SQLite serialises the writers; the busy timeout covers the overlap.
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { createDb } from "../db/client.ts";
import { ok, type Result } from "../domain/result.ts";
import { loadWorkCalendar } from "../services/calendar.ts";
import { fixedClock } from "../services/clock.ts";
import type { CloseMonthOutcome } from "../services/closeMonth.ts";
import type { ServiceContext } from "../services/context.ts";
import { contextSettings } from "../services/settings.ts";
import { runMonthClose } from "./closeFlow.ts";

export interface CloseJob {
  /** The database URL (file:…) the bot uses. */
  url: string;
  month: string;
  /** The close's moment (the caller's clock), so a test clock reaches the worker. */
  now: string;
  opts: { actor: string; exportDir?: string; allowAlreadyClosed?: boolean; reason?: string };
}

/**
 * What the worker answers: the outcome without the frozen result. Cloning 5,000 people's lines back
 * would stall the calling thread for ~100 ms (measured); whoever needs the result reads it frozen.
 */
export type CloseSummary =
  | {
      kind: "closed";
      month: string;
      closings: number;
      corrected: boolean;
      headCount: number;
      transfers: number;
    }
  | { kind: "already_closed"; month: string };

function summary(o: CloseMonthOutcome): CloseSummary {
  if (o.kind === "already_closed") return o;
  const c = o.closed;
  return {
    kind: "closed",
    month: c.month,
    closings: c.closings,
    corrected: c.corrected,
    headCount: c.result.headCount,
    transfers: c.transfers.length,
  };
}

export type MonthCloseOptions = CloseJob["opts"];

/**
 * The monthly close as the bot runs it (the scheduler's, the App Home's close button): in a worker
 * thread when the context names its database file (`ctx.closeWorker`, set by main.ts), else in this
 * thread (tests, the demo). Either way the same runMonthClose and the same outcome in brief.
 */
export async function closeMonthJob(
  ctx: ServiceContext,
  month: string,
  opts: MonthCloseOptions,
): Promise<Result<CloseSummary>> {
  if (ctx.closeWorker)
    return runMonthCloseInWorker({
      url: ctx.closeWorker.url,
      month,
      now: ctx.clock.now().toISOString(),
      opts,
    });
  const r = await runMonthClose(ctx, month, opts);
  return r.ok ? ok(summary(r.value)) : r;
}

/** Runs `runMonthClose` in a worker thread and resolves with its outcome in brief. */
export function runMonthCloseInWorker(job: CloseJob): Promise<Result<CloseSummary>> {
  return new Promise((resolve, reject) => {
    // The worker runs this file. Running from TypeScript (tsx, as the bot does), a worker does not get
    // the parent's loader hooks: a small script registers tsx's loader in the worker, then imports it.
    const self = import.meta.url;
    const worker = self.endsWith(".ts")
      ? new Worker(
          `import("tsx/esm/api").then((t) => { t.register(); return import(${JSON.stringify(self)}); });`,
          { eval: true, workerData: job },
        )
      : new Worker(new URL(self), { workerData: job });
    let settled = false;
    worker.once("message", (r: Result<CloseSummary>) => {
      settled = true;
      resolve(r);
    });
    worker.once("error", (e) => {
      settled = true;
      reject(e);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`close worker exited with code ${code} before answering`));
    });
  });
}

async function workerMain(job: CloseJob): Promise<Result<CloseSummary>> {
  const db = createDb(job.url);
  try {
    const ctx = {
      db,
      clock: fixedClock(job.now),
      calendar: await loadWorkCalendar(db),
      ...(await contextSettings(db, fixedClock(job.now))),
    };
    const r = await runMonthClose(ctx, job.month, job.opts);
    return r.ok ? ok(summary(r.value)) : r;
  } finally {
    await db.$disconnect();
  }
}

if (!isMainThread && parentPort && (workerData as CloseJob | null)?.month) {
  const port = parentPort;
  workerMain(workerData as CloseJob).then((r) => port.postMessage(r));
}
