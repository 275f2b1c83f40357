// The committed migrations must produce exactly the database the Prisma schema describes.
// Two independent paths: our start-up runner (src/db/migrate.ts) over prisma/migrations, and the DDL
// Prisma derives straight from prisma/schema.prisma; their SQLite structures must match.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client.ts";
import { applyMigrations, MIGRATIONS_DIR } from "../../src/db/migrate.ts";
import { loadWorkCalendar } from "../../src/services/calendar.ts";
import { fixedClock } from "../../src/services/clock.ts";
import { fileRecord } from "../../src/services/records.ts";
import { loadSettings } from "../../src/services/settings.ts";
import { ORG, orgFixture, seedOrg } from "../helpers/org.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-migrations-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The database's tables, the migrations' own bookkeeping aside. */
function userTables(db: Database.Database): { name: string }[] {
  return db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`,
    )
    .all() as { name: string }[];
}

function structure(file: string): Record<string, unknown> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = userTables(db);
    const out: Record<string, unknown> = {};
    for (const { name } of tables) {
      const indexes = (db.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; unique: number }[])
        .map((ix) => ({
          unique: ix.unique,
          columns: (db.prepare(`PRAGMA index_info("${ix.name}")`).all() as { name: string }[]).map(
            (c) => c.name,
          ),
        }))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      out[name] = {
        columns: db.prepare(`PRAGMA table_info("${name}")`).all(),
        indexes,
        foreignKeys: db.prepare(`PRAGMA foreign_key_list("${name}")`).all(),
      };
    }
    return out;
  } finally {
    db.close();
  }
}

/** Every row of every table, in rowid order. */
function rows(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = userTables(db);
    return Object.fromEntries(
      tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]),
    );
  } finally {
    db.close();
  }
}

describe("migrations", () => {
  it("produce the same database as the schema", () => {
    const migrated = path.join(dir, "migrated.db");
    const first = applyMigrations(migrated);
    expect(first.applied.length).toBeGreaterThan(0);

    // The schema's own DDL, from the Prisma CLI run directly (`db push` works too, but the CLI keeps its
    // SQLite adapter open for a minute after pushing; `migrate diff` touches no database).
    const ddl = execFileSync(
      process.execPath,
      [
        "node_modules/prisma/build/index.js",
        "migrate",
        "diff",
        "--from-empty",
        "--to-schema-datamodel",
        "prisma/schema.prisma",
        "--script",
      ],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "cli.db")}` },
      },
    );
    const pushed = path.join(dir, "from-schema.db");
    const fresh = new Database(pushed);
    fresh.exec(ddl);
    fresh.close();

    const a = structure(migrated);
    expect(Object.keys(a).length).toBeGreaterThan(10);
    expect(a).toEqual(structure(pushed));
  }, 60_000);

  it("the migrations since the previous release upgrade a database in use without losing anything", async () => {
    // The migrations before UPGRADE_FROM only, as a center's database stood on the release before
    // (the init migration: the last that landed); the upgrade applies the rest: user locales (#8), outbox refs
    // (#9) and users' names (#10).
    const UPGRADE_FROM = "20261201215525_user_locale";
    const names = fs
      .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    const previous = names.filter((n) => n < UPGRADE_FROM);
    const upgrade = names.filter((n) => n >= UPGRADE_FROM);
    expect(previous.length).toBeGreaterThan(0);
    expect(upgrade.at(-1)).toBe(names.at(-1));
    const previousDir = path.join(dir, "previous-migrations");
    for (const name of previous)
      fs.cpSync(path.join(MIGRATIONS_DIR, name), path.join(previousDir, name), { recursive: true });
    const file = path.join(dir, "in-use.db");
    expect(applyMigrations(file, previousDir).applied).toEqual(previous);

    // A month of use: the organisation (imported by its service), a locale learned, a request with its
    // steps, records (filed by their service), ratings, a setting, the closed month with its results,
    // award, job run, outbound message, and the audit log all of that wrote.
    const db = createDb(`file:${file}`);
    try {
      const clock = fixedClock("2026-08-03T01:00:00.000Z");
      // The org file as that release read it: no center.names (the UserName table does not exist yet).
      const { names: _names, ...center } = orgFixture().center;
      await seedOrg(db, { ...orgFixture(), center });
      const ctx = { db, clock, calendar: await loadWorkCalendar(db), settings: await loadSettings(db) };
      await db.person.update({ where: { id: ORG.taxStaff1 }, data: { locale: "en-US" } });
      const request = await db.request.create({
        data: {
          requesterId: ORG.taxStaff1,
          kind: "personal",
          startDate: "2026-07-20",
          startHalf: "am",
          endDate: "2026-07-20",
          endHalf: "pm",
          halfDays: 2,
          reason: "家中有事",
          state: "approved",
          // The requester's status message, as the bot recorded it before the outbox named messages.
          statusChannelId: "D1STAFF1",
          statusTs: "1.000009",
          steps: { create: [{ seq: 1, approver: "window_leader", action: "opinion", state: "approved" }] },
        },
        include: { steps: true },
      });
      const stepId = request.steps[0]!.id;
      // Where the step's message went: one copy with its recipient, one older row without (userId "").
      await db.stepMessage.create({
        data: { stepId, channelId: "D1LEADER", ts: "1.000001", userId: ORG.taxLeader },
      });
      await db.stepMessage.create({ data: { stepId, channelId: "D0INSPECT1", ts: "1.000002" } });
      for (const [person, code, date] of [
        [ORG.taxStaff2, "S-DIS-LEISURE", "2026-07-08"],
        [ORG.estateLeader, "S-ATT-LATE", "2026-07-23"],
      ] as const) {
        const r = await fileRecord(ctx, { filer: ORG.inspector1, target: { person }, code, date, note: "" });
        expect(r.ok).toBe(true);
      }
      await db.rating.create({
        data: { month: "2026-07", personId: ORG.taxStaff1, satisfied: 9, basic: 1, unsatisfied: 0 },
      });
      await db.setting.create({ data: { key: "operations.jobs.runHour", value: "10" } });
      // The month's frozen results as the close writes them (the close itself runs on today's code,
      // which reads the new table: the rows are written directly here).
      await db.personMonthResult.create({
        data: {
          month: "2026-07",
          personId: ORG.taxStaff2,
          baseHundredths: 10000,
          bonusHundredths: 0,
          scoreHundredths: 8000,
          rank: 6,
          band: 3,
          amountFen: 0,
          transfer: true,
          detail: JSON.stringify({ items: [{ code: "S-DIS-LEISURE" }] }),
        },
      });
      await db.windowMonthResult.create({
        data: { month: "2026-07", windowId: "tax", scoreHundredths: 9500, rank: 2, detail: "{}" },
      });
      await db.period.create({
        data: { period: "2026-07", state: "closed", closedAt: clock.now(), closings: 1 },
      });
      await db.award.create({ data: { period: "2026-07", kind: "transfer", targetId: ORG.taxStaff2 } });
      await db.jobRun.create({
        data: { job: "close-month", period: "2026-07", state: "done", owner: "test" },
      });
      // Raw: today's client writes the columns the latest migration adds.
      await db.$executeRaw`INSERT INTO "OutboundMessage" ("key", "channel", "text")
        VALUES (${`close:2026-07:c1:notice:${ORG.taxStaff1}`}, ${ORG.taxStaff1}, 'Your result')`;
    } finally {
      await db.$disconnect();
    }
    const before = rows(file);
    for (const table of [
      "CenterRole",
      "Person",
      "Request",
      "ApprovalStep",
      "Record",
      "PersonMonthResult",
      "Period",
      "OutboundMessage",
      "AuditLog",
    ])
      expect(before[table]!.length, table).toBeGreaterThan(0);

    // The bot starts on the new release: only the migrations since are applied, and every row is kept
    // (with the columns it had; a column the release adds takes its default).
    expect(applyMigrations(file).applied).toEqual(upgrade);
    const after = rows(file);
    for (const [table, content] of Object.entries(before)) {
      const kept = after[table]!.map((row) =>
        Object.fromEntries(
          Object.keys((content[0] ?? {}) as object).map((k) => [k, (row as Record<string, unknown>)[k]]),
        ),
      );
      expect(kept, table).toEqual(content);
    }
    // 20261201224000_outbox_refs: a queued message is a post, due now, in its conversation (the
    // outbox's order); messages posted before the upgrade are named so they can still be updated in place.
    expect(after.OutboundMessage).toEqual([
      expect.objectContaining({ channel: ORG.taxStaff1, op: "post", ref: null, ts: null, nextAt: null }),
    ]);
    const stepRow = (after.ApprovalStep as { id: number }[])[0]!;
    const requestRow = (after.Request as { id: number }[])[0]!;
    expect(
      (after.MessageRef as { ref: string; channel: string; ts: string }[])
        .map((r) => [r.ref, r.channel, r.ts])
        .sort(),
    ).toEqual(
      [
        [`step:${stepRow.id}:${ORG.taxLeader}`, "D1LEADER", "1.000001"],
        [`step:${stepRow.id}:D0INSPECT1`, "D0INSPECT1", "1.000002"],
        [`status:${requestRow.id}`, "D1STAFF1", "1.000009"],
      ].sort(),
    );
    // user_names: no names until the next org import gives them; the roles are kept (above).
    expect(after.UserName).toEqual([]);
    // The upgraded database is the one the schema describes (a fresh one is: the first test).
    const fresh = path.join(dir, "fresh.db");
    applyMigrations(fresh);
    expect(structure(file)).toEqual(structure(fresh));
  }, 60_000);

  it("are applied once: a second start applies nothing and keeps the data", () => {
    const file = path.join(dir, "twice.db");
    applyMigrations(file);
    const db = new Database(file);
    db.prepare(`INSERT INTO Setting (key, value) VALUES ('x', '1')`).run();
    db.close();
    const again = applyMigrations(file);
    expect(again.applied).toEqual([]);
    const check = new Database(file, { readonly: true });
    expect(check.prepare(`SELECT value FROM Setting WHERE key = 'x'`).get()).toEqual({ value: "1" });
    check.close();
  });
});
