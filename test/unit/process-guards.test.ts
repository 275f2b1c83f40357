// The bot's last line of defence (src/processGuards.ts, issue #9 finding 4), in a child process of its
// own: a stray rejection is logged and the process keeps serving; an uncaught exception is logged and
// the process exits 1 for its supervisor (deploy/) to restart it.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

function run(script: string) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const GUARDS = `import { installProcessGuards } from "./src/processGuards.ts"; installProcessGuards();`;

it("logs an unhandled rejection and keeps running", { timeout: 40_000 }, () => {
  const r = run(`${GUARDS}
    Promise.reject(new Error("lost promise"));
    setTimeout(() => { console.log("still serving"); process.exit(0); }, 100);`);
  expect(r.stderr).toContain("unhandled rejection (still serving): Error: lost promise");
  expect(r.stdout).toContain("still serving");
  expect(r.status).toBe(0);
});

it("logs an uncaught exception and exits 1 for the supervisor", { timeout: 40_000 }, () => {
  const r = run(`${GUARDS}
    setTimeout(() => { throw new Error("broken state"); }, 10);
    setTimeout(() => { console.log("should not run"); }, 500);`);
  expect(r.stderr).toContain("uncaught exception (uncaughtException), exiting for the supervisor to restart");
  expect(r.stderr).toContain("broken state");
  expect(r.stdout).not.toContain("should not run");
  expect(r.status).toBe(1);
});

it("is installed by the entry point before anything else", () => {
  const main = fs.readFileSync(path.join(ROOT, "src/main.ts"), "utf8");
  const body = main.slice(main.indexOf("async function main()"));
  expect(body.indexOf("installProcessGuards()")).toBeGreaterThan(0);
  expect(body.indexOf("installProcessGuards()")).toBeLessThan(body.indexOf("configOrExit()"));
});
