// The dependency direction of docs/architecture.md, checked on the source text (issue #11: "first put
// every query in one place"). The Slack edge (src/slack) and the jobs (src/jobs) call named service or
// repository functions and never touch Prisma themselves, so the hot path can be measured and made fast
// where its queries live; src/domain stays pure; services know nothing of Slack.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SRC = path.join(ROOT, "src");

/** Files under the query rule's scan that may still query, with why. */
const QUERY_EXCEPTIONS: Record<string, string> = {
  // The outbox is the outbound-message repository and sender in one (its queue, claims and pacing).
  "src/jobs/outbox.ts": "the outbox repository",
};
/** Directories the query rule skips: the local Slack Web API stand-in has no database. */
const QUERY_EXCEPTION_DIRS = ["src/slack/standin/"];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => path.join(e.parentPath, e.name));
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");

/** The code without comments (`//` after whitespace or at a line start, and block comments). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|\s)\/\/.*$/gm, "$1");
}

/** Prisma's model delegates as the client names them (Center → center), read from the schema. */
const MODELS = [
  ...readFileSync(path.join(ROOT, "prisma/schema.prisma"), "utf8").matchAll(/^model (\w+) \{/gm),
].map((m) => (m[1] as string).charAt(0).toLowerCase() + (m[1] as string).slice(1));
const OPERATIONS = [
  "findMany",
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "create",
  "createMany",
  "createManyAndReturn",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
  "upsert",
  "count",
  "aggregate",
  "groupBy",
];
const MODEL_CALL = new RegExp(`\\.\\s*(${MODELS.join("|")})\\s*\\.\\s*(${OPERATIONS.join("|")})\\s*\\(`, "g");
const CLIENT_CALL = /\$(transaction|queryRaw|queryRawUnsafe|executeRaw|executeRawUnsafe|queryRawTyped)\b/g;

/** Direct Prisma use in `text`: model calls (`db.person.findMany(`, across lines too) and `$` methods. */
function prismaUses(text: string): string[] {
  const c = code(text);
  return [...c.matchAll(MODEL_CALL), ...c.matchAll(CLIENT_CALL)].map((m) => m[0].replace(/\s+/g, ""));
}

/** Every module specifier `text` imports or re-exports (static and dynamic). */
function specifiers(text: string): string[] {
  const c = code(text);
  return [...c.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1] as string);
}

/** Repository-relative target of a relative specifier (else the specifier itself: a package). */
function target(file: string, spec: string): string {
  return spec.startsWith(".") ? rel(path.resolve(path.dirname(file), spec)) : spec;
}

/** The `Prisma` namespace imported by name (from src/db/client.ts, which re-exports the generated one). */
const PRISMA_NAME = /import\s+(type\s+)?\{[^}]*\bPrisma\b[^}]*\}\s*from/;

describe("the slack and jobs layers never touch Prisma (issue #11)", () => {
  const scanned = [...tsFiles(path.join(SRC, "slack")), ...tsFiles(path.join(SRC, "jobs"))];

  test("the detector sees what it must and nothing else", () => {
    expect(prismaUses("const p = await ctx.db.person\n  .findUnique({ where: { id } });")).toEqual([
      ".person.findUnique(",
    ]);
    expect(prismaUses("await tx.auditLog.count({});\nawait db.$transaction(async (tx) => {});")).toEqual([
      ".auditLog.count(",
      "$transaction",
    ]);
    expect(prismaUses("await db.$executeRaw`UPDATE x`;")).toEqual(["$executeRaw"]);
    expect(
      prismaUses("await client.views.update({});\nrunning.delete(work);\n// db.person.findMany("),
    ).toEqual([]);
  });

  test("no model call, transaction or raw query outside the repositories and services", () => {
    const found: string[] = [];
    for (const file of scanned) {
      const r = rel(file);
      if (r in QUERY_EXCEPTIONS || QUERY_EXCEPTION_DIRS.some((d) => r.startsWith(d))) continue;
      for (const use of prismaUses(readFileSync(file, "utf8"))) found.push(`${r}: ${use}`);
    }
    expect(found).toEqual([]);
  });

  test("no import of the generated Prisma client or its namespace", () => {
    const found: string[] = [];
    for (const file of scanned) {
      const r = rel(file);
      if (r in QUERY_EXCEPTIONS || QUERY_EXCEPTION_DIRS.some((d) => r.startsWith(d))) continue;
      const text = readFileSync(file, "utf8");
      for (const spec of specifiers(text)) {
        const to = target(file, spec);
        if (to.startsWith("@prisma/") || to.startsWith("src/db/generated")) found.push(`${r}: ${spec}`);
      }
      if (PRISMA_NAME.test(code(text))) found.push(`${r}: imports Prisma`);
    }
    expect(found).toEqual([]);
  });

  test("the exceptions still exist (a stale one hides nothing)", () => {
    for (const f of Object.keys(QUERY_EXCEPTIONS)) expect(scanned.map(rel)).toContain(f);
  });
});

describe("dependencies point downwards (docs/architecture.md)", () => {
  const importsFrom = (dir: string, forbidden: RegExp) => {
    const found: string[] = [];
    for (const file of tsFiles(path.join(SRC, dir)))
      for (const spec of specifiers(readFileSync(file, "utf8")))
        if (forbidden.test(target(file, spec))) found.push(`${rel(file)}: ${spec}`);
    return found;
  };

  test("src/domain imports nothing from services, db, slack, jobs, cli, nor Slack, Prisma or cron", () => {
    expect(
      importsFrom("domain", /^(src\/(services|db|slack|jobs|cli|demo)\/|@slack\/|@prisma\/|node-cron$)/),
    ).toEqual([]);
  });

  test("src/services imports nothing from src/slack", () => {
    expect(importsFrom("services", /^src\/slack\//)).toEqual([]);
  });
});
