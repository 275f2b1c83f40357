// Tests use the same Slack Web API stand-in as the demo and the bench.
export * from "../../src/slack/standin/index.ts";
