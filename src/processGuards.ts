// The last line of defence of the running bot (issue #9, finding 4): an error that escaped every handler.
// - A rejected promise nobody awaited (Node 20 ends the process on one by default): logged, and the bot
//   keeps serving. The request it belonged to has been answered or timed out; the database is only ever
//   changed inside transactions, which a rejection cannot leave half done.
// - An exception thrown synchronously out of a callback: the process may be in a state nobody planned
//   for, so it is logged and the process exits with status 1, for its supervisor to start it again
//   (deploy/service-hall-bot.service: Restart=always; deploy/Dockerfile: restart policy + HEALTHCHECK).
// Inbound requests are checked before they reach Bolt (src/slack/inboundGuard.ts), so neither is expected.

type Write = (line: string) => void;

const describe = (e: unknown): string => (e instanceof Error ? (e.stack ?? e.message) : String(e));

export function installProcessGuards(write: Write = (line) => process.stderr.write(line)): void {
  process.on("unhandledRejection", (reason) => {
    write(`unhandled rejection (still serving): ${describe(reason)}\n`);
  });
  process.on("uncaughtException", (e, origin) => {
    write(`uncaught exception (${origin}), exiting for the supervisor to restart: ${describe(e)}\n`);
    process.exit(1);
  });
}
