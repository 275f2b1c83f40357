// The committed migrations must produce exactly the database the Prisma schema describes.
// Two independent paths: our start-up runner (src/db/migrate.ts) over prisma/migrations, and the DDL
// Prisma derives straight from prisma/schema.prisma; their SQLite structures must match.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../src/db/migrate.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-migrations-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function structure(file: string): Record<string, unknown> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`,
      )
      .all() as { name: string }[];
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
