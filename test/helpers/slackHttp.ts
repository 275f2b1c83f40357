// Tests sign requests with the same helper as the demo and the bench.
export * from "../../src/slack/standin/slackHttp.ts";
