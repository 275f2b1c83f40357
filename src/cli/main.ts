// Admin CLI: `npm run --silent cli -- <command> [args…]`.
// Each command is a module in ./commands/<command>.ts exporting `run(args): Promise<number>`
// (the exit code); commands call the same services as the Slack listeners and cron jobs.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface CliCommand {
  /** One line for `help`. */
  summary: string;
  run(args: string[]): Promise<number>;
}

const commandsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "commands");

function commandNames(): string[] {
  return fs
    .readdirSync(commandsDir)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => f.slice(0, -3))
    .sort();
}

async function load(name: string): Promise<CliCommand> {
  return ((await import(path.join(commandsDir, `${name}.ts`))) as { command: CliCommand }).command;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const names = commandNames();
  if (!name || name === "help" || name === "--help") {
    const lines = await Promise.all(names.map(async (n) => `  ${n.padEnd(16)} ${(await load(n)).summary}`));
    process.stdout.write(
      `usage: npm run --silent cli -- <command> [args…]\n\ncommands:\n${lines.join("\n")}\n`,
    );
    return name ? 0 : 2;
  }
  if (!names.includes(name)) {
    process.stderr.write(`unknown command "${name}"; run "npm run --silent cli -- help"\n`);
    return 2;
  }
  return (await load(name)).run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
