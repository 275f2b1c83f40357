// SQLite lets one connection write at a time. When another process holds the write lock (a CLI import
// or close, a backup restore, a second bot), our writes must wait. better-sqlite3 waits *synchronously*
// in SQLite's busy handler (its `timeout` option, 5 s by default), so the whole event loop stood still
// for as long as the other process held the lock: /healthz took 3.9 s, and past 5 s the click failed
// (issue #9, finding 6). Instead:
//   - the connection's busy timeout is short (BUSY_TIMEOUT_MS): the loop is never held longer than that;
//   - an operation refused with SQLITE_BUSY is retried asynchronously with backoff, within a bound
//     (BUSY_RETRY_BUDGET_MS): a single statement as it is, an interactive transaction as a whole — Prisma
//     has rolled it back before we retry, so nothing is applied twice, and a transaction that read before
//     the other writer committed (SQLITE_BUSY_SNAPSHOT) starts over on fresh data;
//   - reads never wait: the database is in WAL mode (src/db/migrate.ts), where readers see the last commit
//     whoever holds the write lock.
// Past the budget the last SQLITE_BUSY error is thrown, like any other database error.
// Retrying a whole transaction is safe because a transaction's callback only touches the database:
// the messages a change sends are queued in the outbox inside it (src/services/notify.ts), and Slack is
// called only after it commits.
import { AsyncLocalStorage } from "node:async_hooks";
import type { PrismaClient } from "./generated/client.ts";

/** How long SQLite itself may wait (synchronously, blocking the event loop) before reporting busy. */
export const BUSY_TIMEOUT_MS = 20;
/** How long, in all, an operation is retried while the database stays locked. */
export const BUSY_RETRY_BUDGET_MS = 30_000;
const FIRST_DELAY_MS = 10;
const MAX_DELAY_MS = 250;

/** SQLITE_BUSY (or SQLITE_BUSY_SNAPSHOT …) from better-sqlite3, directly or wrapped by Prisma's adapter. */
export function isBusyError(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && typeof cur === "object" && depth < 6; depth++) {
    const o = cur as {
      code?: unknown;
      originalCode?: unknown;
      meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } };
      cause?: unknown;
    };
    for (const code of [o.code, o.originalCode, o.meta?.driverAdapterError?.cause?.originalCode])
      if (typeof code === "string" && code.startsWith("SQLITE_BUSY")) return true;
    cur = o.cause;
  }
  return false;
}

export interface BusyRetryOptions {
  budgetMs?: number;
  /** Called before each retry (logging, tests). */
  onRetry?: (attempt: number, delayMs: number) => void;
}

/** Runs `op`, and again after a growing, jittered pause each time it fails with SQLITE_BUSY, within the budget. */
export async function retryOnBusy<T>(op: () => Promise<T>, opts: BusyRetryOptions = {}): Promise<T> {
  const budget = opts.budgetMs ?? BUSY_RETRY_BUDGET_MS;
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await op();
    } catch (e) {
      if (!isBusyError(e)) throw e;
      const cap = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (attempt - 1));
      // Jitter, so that the requests the lock held back do not all come back at the same moment.
      const delay = Math.round(cap / 2 + (Math.random() * cap) / 2);
      if (Date.now() - started + delay > budget) throw e;
      opts.onRetry?.(attempt, delay);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/**
 * The client with every operation retried on SQLITE_BUSY (see the top of this file). Operations inside an
 * interactive transaction are not retried one by one: the transaction is, as a whole.
 * The shape of the client is unchanged (a query extension only), so it is still typed as PrismaClient.
 */
export function withBusyRetry(client: PrismaClient, opts: BusyRetryOptions = {}): PrismaClient {
  const inTransaction = new AsyncLocalStorage<true>();
  const extended = client.$extends({
    query: {
      $allOperations({ args, query }) {
        if (inTransaction.getStore()) return query(args);
        return retryOnBusy(() => query(args), opts);
      },
    },
  }) as unknown as PrismaClient;
  const transaction = extended.$transaction.bind(extended) as (
    arg: unknown,
    options?: unknown,
  ) => Promise<unknown>;
  const retried = (arg: unknown, options?: unknown) => {
    // A batch ($transaction([...])) is made of queries built once, which cannot be run again: as it is.
    if (typeof arg !== "function") return transaction(arg, options);
    const body = arg as (tx: unknown) => Promise<unknown>;
    return retryOnBusy(
      () => transaction((tx: unknown) => inTransaction.run(true, () => body(tx)), options),
      opts,
    );
  };
  Object.defineProperty(extended, "$transaction", { value: retried, configurable: true, writable: true });
  return extended;
}
