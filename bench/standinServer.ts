// The Slack stand-in in a process of its own, so its answers to the bot are not delayed by the load
// generator's event loop. Child of bench/run.ts; prints "listening <port>".
import { startSlackStandIn } from "../src/slack/standin/index.ts";

const standIn = await startSlackStandIn();
// Recording every call would grow without bound over a bench run; keep the memory flat.
setInterval(() => standIn.clear(), 1000).unref();
process.stdout.write(`listening ${new URL(standIn.url).port}\n`);
// Keep-alive connections from the bot would hold a graceful close open; nothing here needs saving.
process.on("SIGTERM", () => process.exit(0));
