// Prisma client over better-sqlite3 (the JS engine: no native Prisma engine needed), with a short busy
// timeout and an asynchronous retry on SQLITE_BUSY so another process's write lock never freezes the
// event loop (src/db/busyRetry.ts).
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";
import { BUSY_TIMEOUT_MS, withBusyRetry } from "./busyRetry.ts";
import { registerConnection } from "./hotPath.ts";
import { newOrgState, registerOrgState, trackOrgWrites } from "./orgCache.ts";
import "./statements.ts";
import { PrismaClient } from "./generated/client.ts";

export type Db = PrismaClient;
export type { Prisma } from "./generated/client.ts";

type AdapterFactory = NonNullable<NonNullable<ConstructorParameters<typeof PrismaClient>[0]>["adapter"]>;

export const DEFAULT_DATABASE_URL = "file:./data/service-hall.db";

/** `file:./data/x.db` or a plain path → absolute file path. */
export function databaseFilePath(url: string = DEFAULT_DATABASE_URL): string {
  return path.resolve(url.replace(/^file:/, ""));
}

export function createDb(url: string = DEFAULT_DATABASE_URL): Db {
  const factory = new PrismaBetterSQLite3({ url: databaseFilePath(url), timeout: BUSY_TIMEOUT_MS });
  // The better-sqlite3 connection Prisma's adapter opens (its `client`), kept for the org cache's
  // version check (src/db/orgCache.ts): the same connection, so it sees what Prisma sees.
  let raw: Database.Database | null = null;
  const adapter: AdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const connected = await factory.connect();
      raw = (connected as unknown as { client: Database.Database }).client;
      return connected;
    },
  };
  const org = newOrgState(() => raw);
  const db = withBusyRetry(trackOrgWrites(new PrismaClient({ adapter }), org));
  registerOrgState(db, org);
  // The hot path's prepared statements (src/db/hotPath.ts) run on the same connection, for the client and
  // for each interactive transaction's client (its statements are then part of that transaction).
  registerConnection(db, () => raw);
  const transaction = db.$transaction.bind(db) as (arg: unknown, options?: unknown) => Promise<unknown>;
  Object.defineProperty(db, "$transaction", {
    value: (arg: unknown, options?: unknown) => {
      if (typeof arg !== "function") return transaction(arg, options);
      const body = arg as (tx: object) => Promise<unknown>;
      return transaction((tx: object) => {
        registerConnection(tx, () => raw);
        return body(tx);
      }, options);
    },
    configurable: true,
    writable: true,
  });
  return db;
}
