// Prisma client over better-sqlite3 (the JS engine: no native Prisma engine needed), with a short busy
// timeout and an asynchronous retry on SQLITE_BUSY so another process's write lock never freezes the
// event loop (src/db/busyRetry.ts).
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { BUSY_TIMEOUT_MS, withBusyRetry } from "./busyRetry.ts";
import { PrismaClient } from "./generated/client.ts";

export type Db = PrismaClient;
export type { Prisma } from "./generated/client.ts";

export const DEFAULT_DATABASE_URL = "file:./data/service-hall.db";

/** `file:./data/x.db` or a plain path → absolute file path. */
export function databaseFilePath(url: string = DEFAULT_DATABASE_URL): string {
  return path.resolve(url.replace(/^file:/, ""));
}

export function createDb(url: string = DEFAULT_DATABASE_URL): Db {
  const adapter = new PrismaBetterSQLite3({ url: databaseFilePath(url), timeout: BUSY_TIMEOUT_MS });
  return withBusyRetry(new PrismaClient({ adapter }));
}
