// The Slack stand-in in a process of its own, so its answers to the bot are not delayed by the load
// generator's event loop. Child of bench/run.ts: `tsx bench/standinServer.ts <org file>`; prints
// "listening <port>". The strict stand-in knows only the workspace's members: the bench org's people
// and roles, and its center channel with the bot invited (src/slack/standin/workspace.ts).
import fs from "node:fs";
import type { OrgFile } from "../src/services/org.ts";
import { startSlackStandIn } from "../src/slack/standin/index.ts";
import { seedStandInWorkspace } from "../src/slack/standin/workspace.ts";

const [orgFile] = process.argv.slice(2);
if (!orgFile) throw new Error("usage: tsx bench/standinServer.ts <org file>");

const standIn = await startSlackStandIn();
seedStandInWorkspace(standIn, JSON.parse(fs.readFileSync(orgFile, "utf8")) as OrgFile);
// Recording every call would grow without bound over a bench run; keep the memory flat.
setInterval(() => standIn.clear(), 1000).unref();
process.stdout.write(`listening ${new URL(standIn.url).port}\n`);
// Keep-alive connections from the bot would hold a graceful close open; nothing here needs saving.
process.on("SIGTERM", () => process.exit(0));
