// src/db/busyRetry.ts on a real SQLite file: a write made while another connection holds the write lock
// waits asynchronously and lands once the lock is released; a transaction that read before another
// writer committed starts over on fresh data; past the budget the SQLITE_BUSY error comes out; other
// errors are never retried. The other connection is a plain better-sqlite3 one in this process: the
// retry waits without blocking the event loop, so the test can release the lock from a timer.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BUSY_TIMEOUT_MS, isBusyError, withBusyRetry } from "../../src/db/busyRetry.ts";
import { createDb, type Db } from "../../src/db/client.ts";
import { PrismaClient } from "../../src/db/generated/client.ts";
import { applyMigrations } from "../../src/db/migrate.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-busy-"));
const file = path.join(dir, "busy.db");
const retries: number[] = [];

function client(budgetMs?: number): Db {
  const adapter = new PrismaBetterSQLite3({ url: file, timeout: BUSY_TIMEOUT_MS });
  return withBusyRetry(new PrismaClient({ adapter }), {
    budgetMs,
    onRetry: (attempt) => retries.push(attempt),
  });
}

let db: Db;
let other: Database.Database;

beforeAll(() => {
  applyMigrations(file);
  db = client();
  other = new Database(file);
});
afterEach(async () => {
  if (other.inTransaction) other.exec("ROLLBACK");
  retries.length = 0;
  await db.setting.deleteMany({});
});
afterAll(async () => {
  other.close();
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

const later = (ms: number, f: () => void) => new Promise<void>((r) => setTimeout(() => r(f()), ms));

describe("withBusyRetry", () => {
  it("createDb's client is in WAL mode, with the short busy timeout", async () => {
    const real = createDb(`file:${file}`);
    try {
      expect(await real.$queryRawUnsafe("PRAGMA journal_mode")).toEqual([{ journal_mode: "wal" }]);
      expect(await real.$queryRawUnsafe("PRAGMA busy_timeout")).toEqual([
        { timeout: BigInt(BUSY_TIMEOUT_MS) },
      ]);
    } finally {
      await real.$disconnect();
    }
  });

  it("a write during another connection's lock lands once it is released; reads never wait", async () => {
    other.exec("BEGIN IMMEDIATE");
    // (.then starts it: a Prisma query runs when it is awaited.)
    const write = db.setting.create({ data: { key: "a", value: "1" } }).then((row) => row);
    // While the write waits, this process goes on: a read answers, and the timer below fires.
    expect(await db.setting.count()).toBe(0);
    await later(300, () => other.exec("COMMIT"));
    await write;
    expect(
      await db.setting.findUnique({ where: { key_fromMonth: { key: "a", fromMonth: "0000-00" } } }),
    ).toMatchObject({ value: "1" });
    expect(retries.length).toBeGreaterThan(0);
  });

  it("a transaction that read before another writer committed starts over on fresh data", async () => {
    await db.setting.create({ data: { key: "n", value: "1" } });
    let runs = 0;
    const result = await db.$transaction(async (tx) => {
      runs += 1;
      const n = Number(
        (await tx.setting.findUniqueOrThrow({ where: { key_fromMonth: { key: "n", fromMonth: "0000-00" } } }))
          .value,
      );
      if (runs === 1) {
        // Between our read and our write, another connection changes the row and commits.
        other.exec("BEGIN IMMEDIATE");
        other.prepare("UPDATE Setting SET value = '10' WHERE key = 'n'").run();
        other.exec("COMMIT");
      }
      await tx.setting.update({
        where: { key_fromMonth: { key: "n", fromMonth: "0000-00" } },
        data: { value: String(n + 1) },
      });
      return n + 1;
    });
    // Not 2 (a lost update over the other writer's 10): the whole transaction ran again.
    expect(runs).toBe(2);
    expect(result).toBe(11);
    expect(
      (await db.setting.findUniqueOrThrow({ where: { key_fromMonth: { key: "n", fromMonth: "0000-00" } } }))
        .value,
    ).toBe("11");
  });

  it("a transaction held back by the lock runs once it is released, and only then", async () => {
    other.exec("BEGIN IMMEDIATE");
    let committed = false;
    const tx = db
      .$transaction(async (t) => {
        await t.setting.create({ data: { key: "t", value: "1" } });
        await t.setting.create({ data: { key: "u", value: "2" } });
      })
      .then(() => {
        committed = true;
      });
    await later(300, () => undefined);
    expect(committed).toBe(false);
    other.exec("COMMIT");
    await tx;
    expect(await db.setting.count()).toBe(2);
  });

  it("past its budget, the SQLITE_BUSY error comes out", async () => {
    const impatient = client(300);
    try {
      other.exec("BEGIN IMMEDIATE");
      const e = await impatient.setting.create({ data: { key: "b", value: "1" } }).catch((x: unknown) => x);
      expect(isBusyError(e)).toBe(true);
      const t = await impatient
        .$transaction(async (tx) => tx.setting.create({ data: { key: "c", value: "1" } }))
        .catch((x: unknown) => x);
      expect(isBusyError(t)).toBe(true);
      other.exec("ROLLBACK");
      expect(await impatient.setting.count()).toBe(0);
    } finally {
      await impatient.$disconnect();
    }
  });

  it("other errors are not retried", async () => {
    await db.setting.create({ data: { key: "dup", value: "1" } });
    let runs = 0;
    const e = await db
      .$transaction(async (tx) => {
        runs += 1;
        await tx.setting.create({ data: { key: "dup", value: "2" } });
      })
      .catch((x: unknown) => x);
    expect((e as { code?: string }).code).toBe("P2002");
    expect(runs).toBe(1);
    expect(retries).toEqual([]);
  });
});
