// Issue #9, finding 7: a response_url carried through private_metadata is posted to only when Slack
// (or the stand-in SLACK_API_URL points at) issued it.
import { describe, expect, test } from "vitest";
import { isSlackResponseUrl } from "../../src/slack/responseUrl.ts";

const SLACK_API = "https://slack.com/api/";
const STANDIN_API = "http://127.0.0.1:40123/api/";

describe("isSlackResponseUrl", () => {
  test("Slack's own response URLs", () => {
    for (const url of [
      "https://hooks.slack.com/commands/T0001/123456/abcdef",
      "https://hooks.slack.com/actions/T0001/123456/abcdef",
      "https://HOOKS.slack.com:443/actions/T0001/1/x",
    ])
      expect(isSlackResponseUrl(url, SLACK_API), url).toBe(true);
  });

  test("the stand-in's response URLs, on SLACK_API_URL's scheme, host and port", () => {
    expect(isSlackResponseUrl("http://127.0.0.1:40123/response/0d1e", STANDIN_API)).toBe(true);
    expect(isSlackResponseUrl("http://127.0.0.1:40124/response/0d1e", STANDIN_API)).toBe(false);
    expect(isSlackResponseUrl("https://127.0.0.1:40123/response/0d1e", STANDIN_API)).toBe(false);
    expect(isSlackResponseUrl("http://localhost:40123/response/0d1e", STANDIN_API)).toBe(false);
  });

  test("anything else is refused", () => {
    for (const url of [
      "http://hooks.slack.com/actions/T0001/1/x", // not https
      "https://hooks.slack.com.evil.example/actions/x",
      "https://evil.example/hooks.slack.com/actions",
      "https://hooks.slack.com@evil.example/actions",
      "https://user:pw@hooks.slack.com/actions/x",
      "https://evil.example/?u=https://hooks.slack.com/",
      "file:///etc/passwd",
      "javascript:alert(1)",
      "hooks.slack.com/actions/x",
      "",
      `https://hooks.slack.com/${"a".repeat(3000)}`,
    ])
      expect(isSlackResponseUrl(url, SLACK_API), url).toBe(false);
    for (const v of [undefined, null, 42, {}, ["https://hooks.slack.com/a"]])
      expect(isSlackResponseUrl(v, SLACK_API)).toBe(false);
    expect(isSlackResponseUrl("https://hooks.slack.com/a", "not a url")).toBe(true);
    expect(isSlackResponseUrl("http://127.0.0.1:40123/response/x", "not a url")).toBe(false);
  });
});
