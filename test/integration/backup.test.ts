// Online backup while another process keeps writing (RULES-independent operations task).
// A child process commits transactions that each add one AuditLog row and set a counter in Setting
// to the same number; a consistent copy therefore holds rows 1..n with no gap and counter = n.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client.ts";
import { applyMigrations } from "../../src/db/migrate.ts";
import { backupDatabase, checkCopy, defaultBackupFile } from "../../src/services/backup.ts";
import { fixedClock, systemClock } from "../../src/services/clock.ts";

const root = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-backup-"));
const file = path.join(dir, "live.db");

// Runs in the child: endless small write transactions, like the bot's.
const WRITER = `
import Database from "better-sqlite3";
const db = new Database(process.argv[1]);
db.pragma("journal_mode = WAL");
db.pragma("busy_timeout = 5000");
const insert = db.prepare("INSERT INTO AuditLog (actorId, action, entity, entityId, after) VALUES ('writer', 'test.write', 'Counter', ?, ?)");
const setCounter = db.prepare("INSERT INTO Setting (key, value) VALUES ('test.counter', ?) ON CONFLICT(key, fromMonth) DO UPDATE SET value = excluded.value");
const pad = "x".repeat(400);
const write = db.transaction((n) => { const id = insert.run(String(n), pad).lastInsertRowid; setCounter.run(String(id)); });
let n = 0;
process.stdout.write("ready\\n");
for (;;) { write(++n); }
`;

let writer: ChildProcess | undefined;

function rowCount(): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT COUNT(*) AS n FROM AuditLog").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function waitFor(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  applyMigrations(file);
  // Bulk the file up a little so the copy is more than a handful of pages.
  const db = new Database(file);
  const ins = db.prepare("INSERT INTO CalendarDay (date, year, work, name) VALUES (?, ?, 0, ?)");
  db.transaction(() => {
    for (let i = 0; i < 5000; i++) ins.run(`filler-${i}`, 1900, "y".repeat(200));
  })();
  db.close();
  writer = spawn(process.execPath, ["--input-type=module", "-e", WRITER, file], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    writer!.once("error", reject);
    writer!.once("exit", (code) => reject(new Error(`writer exited early (${code})`)));
    writer!.stdout!.once("data", () => resolve());
  });
});

afterAll(() => {
  writer?.kill("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("backupDatabase", () => {
  it("copies a consistent prefix of the writes while another process writes", async () => {
    await waitFor(() => rowCount() >= 200, "the writer to commit 200 rows");
    const before = rowCount();
    const target = path.join(dir, "copies", "b1.db");
    const res = await backupDatabase(file, { clock: systemClock, target });
    await waitFor(() => rowCount() > before + 100, "the writer to keep going after the backup");
    const after = rowCount();
    expect(res.ok, JSON.stringify(res)).toBe(true);
    if (!res.ok) return;
    expect(res.value.file).toBe(target);
    expect(res.value.integrity).toBe("ok");
    expect(fs.existsSync(`${target}-wal`)).toBe(false);
    expect(fs.readdirSync(path.dirname(target))).toEqual(["b1.db"]);

    // "Restore": open the copy as the bot would and check it.
    expect(checkCopy(target).ok).toBe(true);
    const copy = new Database(target, { readonly: true });
    const stats = copy.prepare("SELECT COUNT(*) AS n, MIN(id) AS lo, MAX(id) AS hi FROM AuditLog").get() as {
      n: number;
      lo: number;
      hi: number;
    };
    const counter = copy.prepare("SELECT value FROM Setting WHERE key = 'test.counter'").get() as {
      value: string;
    };
    const filler = copy.prepare("SELECT COUNT(*) AS n FROM CalendarDay").get() as { n: number };
    copy.close();
    expect(stats.lo).toBe(1);
    expect(stats.hi).toBe(stats.n); // no gap: every committed transaction up to n, none after
    expect(Number(counter.value)).toBe(stats.n); // both tables from the same snapshot
    expect(stats.n).toBeGreaterThanOrEqual(before);
    expect(stats.n).toBeLessThanOrEqual(after);
    expect(filler.n).toBe(5000);
    expect(res.value.tables.AuditLog).toBe(stats.n);

    // The bot's own client opens it too.
    const db = createDb(`file:${target}`);
    try {
      expect(await db.auditLog.count({ where: { action: "test.write" } })).toBe(stats.n);
    } finally {
      await db.$disconnect();
    }
  });

  it("names the default copy after the Shanghai time and never overwrites", async () => {
    const clock = fixedClock("2026-11-30T15:59:58Z"); // 23:59:58 in Shanghai
    expect(path.basename(defaultBackupFile(clock.now()))).toBe("20261130-235958.db");
    const target = path.join(dir, "copies", "b2.db");
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, "keep me");
    const res = await backupDatabase(file, { clock, target });
    expect(res).toMatchObject({ ok: false, code: "BACKUP.TARGET_EXISTS" });
    expect(fs.readFileSync(target, "utf8")).toBe("keep me");
  });

  it("refuses a missing source and reports a corrupt copy", async () => {
    const missing = await backupDatabase(path.join(dir, "nope.db"), {
      clock: systemClock,
      target: path.join(dir, "x.db"),
    });
    expect(missing).toMatchObject({ ok: false, code: "BACKUP.SOURCE_MISSING" });
    expect(fs.existsSync(path.join(dir, "x.db"))).toBe(false);

    // A damaged file: overwrite a page in the middle of a checked copy.
    const target = path.join(dir, "copies", "b3.db");
    const res = await backupDatabase(file, { clock: systemClock, target });
    expect(res.ok).toBe(true);
    const fd = fs.openSync(target, "r+");
    const size = fs.statSync(target).size;
    fs.writeSync(fd, Buffer.alloc(4096 * 4, 0xa5), 0, 4096 * 4, Math.floor(size / 2 / 4096) * 4096);
    fs.closeSync(fd);
    expect(checkCopy(target)).toMatchObject({ ok: false, code: "BACKUP.INTEGRITY" });
  });
});
