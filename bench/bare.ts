// The baseline: a bare Bolt app with the same receiver (HTTPReceiver on /slack/events), signing
// secret and Web API base as the bot, whose only listener acks any slash command. Run as a child
// process by bench/run.ts so it has a core to itself, like the bot: prints "listening <port>".
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { slackClientOptions } from "../src/slack/app.ts";

const [signingSecret, apiUrl] = process.argv.slice(2);
if (!signingSecret || !apiUrl) throw new Error("usage: tsx bench/bare.ts <signing-secret> <slack-api-url>");

const receiver = new HTTPReceiver({ signingSecret, endpoints: "/slack/events", logLevel: LogLevel.ERROR });
const app = new App({
  receiver,
  token: "xoxb-bench-bare",
  // The WebClient settings the bot uses (src/slack/app.ts), so the baseline differs only in listeners.
  clientOptions: slackClientOptions(apiUrl),
  logLevel: LogLevel.ERROR,
});
app.command(/.*/, async ({ ack }) => {
  await ack();
});

const server = (await app.start(0)) as unknown as { address(): AddressInfo };
process.stdout.write(`listening ${server.address().port}\n`);
