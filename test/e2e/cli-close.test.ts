// The close/import/export/evaluate commands as an administrator runs them: real processes on a
// temp database, messages in Chinese by default and English with --lang en, exit codes.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../helpers/db.ts";
import { ORG, seedOrg } from "../helpers/org.ts";

const root = path.resolve(import.meta.dirname, "../..");

describe("cli close/import/export", { timeout: 120_000 }, () => {
  let t: TestDb;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDb();
    await seedOrg(t.db);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-cli-"));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const cli = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        "npx",
        ["tsx", "src/cli/main.ts", ...args],
        { cwd: root, env: { ...process.env, DATABASE_URL: t.url } },
        (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
      );
    });

  it("an import with a bad row writes nothing and names the line, in Chinese or English", async () => {
    const f = path.join(dir, "ratings.csv");
    fs.writeFileSync(
      f,
      `\uFEFF人员,月份,满意,基本满意,不满意\n${ORG.taxStaff1},2025-07,10,0,0\n无名氏,2025-07,1,0,0\n`,
    );
    const zh = await cli("import", "ratings", f);
    expect(zh.code).toBe(1);
    expect(zh.stdout).toContain("第 3 行：找不到人员“无名氏”");
    expect(zh.stdout).toContain("未写入任何数据");
    const en = await cli("import", "ratings", f, "--lang", "en");
    expect(en.stdout).toContain("line 3: No person “无名氏”");
    expect(await t.db.rating.count()).toBe(0);
  });

  it("a GBK file (Excel's plain CSV on Chinese Windows) is read too", async () => {
    const f = path.join(dir, "ratings-gbk.csv");
    // "人员,月份,满意,基本满意,不满意\nU1STAFF1,2025-07,10,1,0" in GB18030.
    const header = Buffer.from("c8cbd4b12cd4c2b7dd2cc2fad2e22cbbf9b1bec2fad2e22cb2bbc2fad2e20a", "hex");
    fs.writeFileSync(f, Buffer.concat([header, Buffer.from(`${ORG.taxStaff1},2025-07,10,1,0\n`)]));
    const r = await cli("import", "ratings", f);
    expect(r.stdout).toContain("GBK");
    expect(r.code).toBe(0);
    const row = await t.db.rating.findFirstOrThrow();
    expect([row.personId, row.satisfied, row.basic]).toEqual([ORG.taxStaff1, 10, 1]);
  });

  it("evaluate refuses points outside 0–10; close-month refuses a month that is not over", async () => {
    const bad = await cli("evaluate", "2026-Q3", "person", ORG.taxStaff1, "10.5");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("应为 0–10 之间");
    const good = await cli("evaluate", "2026-Q3", "person", "林一", "9.5");
    expect(good.code).toBe(0);
    expect(good.stdout).toContain("9.5");
    const future = await cli("close-month", "2099-01");
    expect(future.code).toBe(1);
    expect(future.stderr).toContain("2099-01 还没有结束");
    const usage = await cli("close-month");
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("usage:");
  });

  it("export writes the workbook and the CSV files", async () => {
    const x = await cli("export", "2026-07", "--out", dir);
    expect(x.code).toBe(0);
    expect(fs.existsSync(path.join(dir, "2026年7月考评结果.xlsx"))).toBe(true);
    const c = await cli("export", "2026-07", "--format", "csv", "--out", dir);
    expect(c.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "2026年7月考评结果-人员考评.csv")).subarray(0, 3)).toEqual(
      Buffer.from([0xef, 0xbb, 0xbf]),
    );
  });
});
