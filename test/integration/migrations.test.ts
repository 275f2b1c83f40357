// The committed migrations must produce exactly the database the Prisma schema describes.
// Two independent paths: our start-up runner (src/db/migrate.ts) over prisma/migrations, and the DDL
// Prisma derives straight from prisma/schema.prisma; their SQLite structures must match.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations, MIGRATIONS_DIR } from "../../src/db/migrate.ts";
import { SINCE_EVER, settingsIn } from "../../src/services/settings.ts";
import { ORG } from "../helpers/org.ts";

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

  it("the migrations since the previous release upgrade a database in use without losing anything", () => {
    // The migrations before UPGRADE_FROM only, as a center's database stood on the previous release (the
    // four that landed: init, user locales, outbox refs, users' names); the upgrade applies the rest
    // (AB岗 backups, the sick leave's doctor's and asked periods, record source keys, attachments,
    // leaders' meetings: issue #12).
    const UPGRADE_FROM = "20261202003403_ab_meetings_appeals_settings_by_month";
    const names = fs
      .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    const previous = names.filter((n) => n < UPGRADE_FROM);
    const upgrade = names.filter((n) => n >= UPGRADE_FROM);
    expect(previous).toEqual([
      "20261127000000_init",
      "20261201215525_user_locale",
      "20261201224000_outbox_refs",
      "20261201230206_user_names",
    ]);
    expect(upgrade.at(-1)).toBe(names.at(-1));
    const previousDir = path.join(dir, "previous-migrations");
    for (const name of previous)
      fs.cpSync(path.join(MIGRATIONS_DIR, name), path.join(previousDir, name), { recursive: true });
    const file = path.join(dir, "in-use.db");
    expect(applyMigrations(file, previousDir).applied).toEqual(previous);

    // A month of use, written as that release wrote it. Raw SQL: today's Prisma client cannot write to
    // the old schema (its INSERT … RETURNING names the columns the new migration adds). DateTime as
    // Prisma stores it on SQLite (milliseconds since the epoch).
    const at = Date.parse("2026-08-03T01:00:00.000Z");
    const old = new Database(file);
    try {
      const run = (sql: string, ...params: unknown[]) => old.prepare(sql).run(...params);
      run(
        `INSERT INTO "Center" (id, name, channelId, directorId, deputyDirectorId, updatedAt) VALUES (1, '苍南县政务服务中心', ?, ?, ?, ?)`,
        ORG.channel,
        ORG.director,
        ORG.deputy,
        at,
      );
      for (const [slackId, role] of [
        [ORG.inspector1, "inspection"],
        [ORG.inspector2, "inspection"],
        [ORG.deputy, "deputy_director"],
        [ORG.director, "director"],
      ])
        run(`INSERT INTO "CenterRole" (slackId, role) VALUES (?, ?)`, slackId, role);
      run(
        `INSERT INTO "Window" (id, name, leaderId, parentUnitLeaderId, updatedAt) VALUES ('tax', '税务窗口', ?, ?, ?)`,
        ORG.taxLeader,
        ORG.taxParent,
        at,
      );
      for (const [id, name, role, locale] of [
        [ORG.taxLeader, "陈税", "window_leader", "zh-CN"],
        [ORG.taxStaff1, "林一", "staff", "en-US"],
        [ORG.taxStaff2, "王二", "staff", null],
      ])
        run(
          `INSERT INTO "Person" (id, name, windowId, role, joined, annualLeaveHalfDays, locale, updatedAt) VALUES (?, ?, 'tax', ?, '2025-01-01', 10, ?, ?)`,
          id,
          name,
          role,
          locale,
          at,
        );
      run(`INSERT INTO "UserName" (slackId, name) VALUES (?, '孙督查')`, ORG.inspector1);
      run(`INSERT INTO "UserLocale" (slackId, locale, updatedAt) VALUES (?, 'en-US', ?)`, ORG.taxStaff1, at);
      const request = run(
        `INSERT INTO "Request" (requesterId, kind, startDate, startHalf, endDate, endHalf, halfDays, reason, certificate, flags, rule, state, createdAt, finalAt)
         VALUES (?, 'sick', '2026-07-20', 'am', '2026-07-24', 'pm', 10, '住院', 'confirmed', '["hospital_certificate"]', 'sick.staff.le5', 'approved', ?, ?)`,
        ORG.taxStaff2,
        at,
        at,
      ).lastInsertRowid;
      const step = run(
        `INSERT INTO "ApprovalStep" (requestId, seq, approver, action, state, activatedAt, decidedAt, decidedBy, note) VALUES (?, 1, 'inspection', 'approve', 'approved', ?, ?, ?, '已核')`,
        request,
        at,
        at,
        ORG.inspector1,
      ).lastInsertRowid;
      run(
        `INSERT INTO "MessageRef" (ref, channel, ts, createdAt) VALUES (?, 'D0INSPECT1', '1.000002', ?)`,
        `step:${step}:${ORG.inspector1}`,
        at,
      );
      run(
        `INSERT INTO "MessageRef" (ref, channel, ts, createdAt) VALUES (?, 'D1STAFF2', '1.000009', ?)`,
        `status:${request}`,
        at,
      );
      for (const [code, person, pts] of [
        ["S-DIS-LEISURE", ORG.taxStaff2, -200],
        ["S-ATT-LATE", ORG.taxLeader, -50],
      ] as const)
        run(
          `INSERT INTO "Record" (month, date, code, personId, pointsHundredths, totalHundredths, note, filedBy, filedAt, state) VALUES ('2026-07', '2026-07-08', ?, ?, ?, ?, '', ?, ?, 'confirmed')`,
          code,
          person,
          pts,
          pts,
          ORG.inspector1,
          at,
        );
      run(
        `INSERT INTO "Rating" (month, personId, satisfied, basic, unsatisfied) VALUES ('2026-07', ?, 9, 1, 0)`,
        ORG.taxStaff1,
      );
      run(`INSERT INTO "Setting" (key, value) VALUES ('operations.jobs.runHour', '10')`);
      run(
        `INSERT INTO "PersonMonthResult" (month, personId, baseHundredths, bonusHundredths, scoreHundredths, rank, band, amountFen, transfer, detail) VALUES ('2026-07', ?, 10000, 0, 8000, 3, 3, 0, 1, '{"items":[]}')`,
        ORG.taxStaff2,
      );
      run(
        `INSERT INTO "WindowMonthResult" (month, windowId, scoreHundredths, rank, detail) VALUES ('2026-07', 'tax', 9500, 1, '{}')`,
      );
      run(
        `INSERT INTO "Period" (period, state, closedAt, closedBy, closings) VALUES ('2026-07', 'closed', ?, ?, 1)`,
        at,
        ORG.director,
      );
      run(`INSERT INTO "Award" (period, kind, targetId) VALUES ('2026-07', 'transfer', ?)`, ORG.taxStaff2);
      run(
        `INSERT INTO "JobRun" (job, period, state, owner) VALUES ('close-month', '2026-07', 'done', 'test')`,
      );
      run(
        `INSERT INTO "OutboundMessage" (key, channel, text, op, ref, createdAt) VALUES (?, ?, 'Your result', 'post', ?, ?)`,
        `close:2026-07:c1:notice:${ORG.taxStaff1}`,
        ORG.taxStaff1,
        `notice:2026-07:${ORG.taxStaff1}`,
        at,
      );
      for (const [action, entity, entityId] of [
        ["request.submit", "Request", String(request)],
        ["step.approve", "ApprovalStep", String(step)],
        ["month.close", "Period", "2026-07"],
      ])
        run(
          `INSERT INTO "AuditLog" (at, actorId, action, entity, entityId, after) VALUES (?, ?, ?, ?, ?, '{}')`,
          at,
          ORG.inspector1,
          action,
          entity,
          entityId,
        );
    } finally {
      old.close();
    }
    const before = rows(file);
    for (const table of [
      "Center",
      "CenterRole",
      "Window",
      "Person",
      "UserName",
      "UserLocale",
      "Request",
      "ApprovalStep",
      "MessageRef",
      "Record",
      "Rating",
      "Setting",
      "PersonMonthResult",
      "WindowMonthResult",
      "Period",
      "Award",
      "JobRun",
      "OutboundMessage",
      "AuditLog",
    ])
      expect(before[table]!.length, table).toBeGreaterThan(0);

    // The bot starts on the new release: only the migrations since are applied, and every row is kept
    // with every column it had.
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
    // The columns the release adds are empty on the old rows; its tables start empty.
    const column = (table: string, names: string[]) =>
      (after[table] as Record<string, unknown>[]).map((r) => names.map((n) => r[n]));
    expect(column("Person", ["backupId"])).toEqual([[null], [null], [null]]);
    expect(
      column("Request", [
        "doctorEndDate",
        "doctorEndHalf",
        "doctorHalfDays",
        "askedEndDate",
        "askedEndHalf",
        "askedHalfDays",
      ]),
    ).toEqual([[null, null, null, null, null, null]]);
    expect(column("Record", ["sourceKey"])).toEqual([[null], [null]]);
    for (const table of ["Attachment", "Meeting", "MeetingInvite"]) expect(after[table], table).toEqual([]);
    // A setting stored before effective months is in force since forever (RULES.md §8a): every month,
    // the oldest included, reads it.
    expect(column("Setting", ["key", "fromMonth", "value"])).toEqual([
      ["operations.jobs.runHour", SINCE_EVER, "10"],
    ]);
    const timeline = {
      versions: (after.Setting as { key: string; fromMonth: string; value: string }[]).map((r) => ({
        ...r,
        value: JSON.parse(r.value) as unknown,
      })),
      resolved: new Map(),
    };
    for (const month of ["2020-01", "2026-07", "2030-12"])
      expect(settingsIn(timeline, month).operations.jobs.runHour, month).toBe(10);
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
