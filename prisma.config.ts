// Prisma CLI configuration. The JS engine + better-sqlite3 adapter lets every CLI command
// (generate, db push, migrate deploy/status/diff) run offline through Prisma's WASM engines.
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

// The schema's datasource reads DATABASE_URL; without it the CLI falls back to the native engine.
process.env.DATABASE_URL ??= "file:./data/service-hall.db";

function databasePath(): string {
  return path.resolve(String(process.env.DATABASE_URL).replace(/^file:/, ""));
}

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    // Every CLI command opens the adapter, even `migrate diff`; on a fresh clone ./data does not exist yet.
    const file = databasePath();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url: file });
  },
});
