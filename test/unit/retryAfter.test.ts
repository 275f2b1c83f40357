// A listener's Slack call refused with 429 is tried again after Retry-After, a bounded number of
// times (the WebClient neither retries nor waits: src/slack/app.ts slackClientOptions).
import { webApi } from "@slack/bolt";
import { describe, expect, test } from "vitest";
import { honouringRetryAfter } from "../../src/slack/requestFlow.ts";

const limited = () =>
  Object.assign(new Error("ratelimited"), { code: webApi.ErrorCode.RateLimitedError, retryAfter: 0 });

describe("honouringRetryAfter", () => {
  test("a 429 is tried again; the third refusal is given up", async () => {
    let calls = 0;
    await expect(
      honouringRetryAfter(async () => {
        calls++;
        if (calls < 3) throw limited();
        return "sent";
      }),
    ).resolves.toBe("sent");
    expect(calls).toBe(3);

    calls = 0;
    await expect(
      honouringRetryAfter(async () => {
        calls++;
        throw limited();
      }),
    ).rejects.toMatchObject({ code: webApi.ErrorCode.RateLimitedError });
    expect(calls).toBe(3);
  });

  test("any other error, or a Retry-After too long to wait, is not retried", async () => {
    let calls = 0;
    await expect(
      honouringRetryAfter(async () => {
        calls++;
        throw Object.assign(new Error("channel_not_found"), { code: webApi.ErrorCode.PlatformError });
      }),
    ).rejects.toThrow("channel_not_found");
    await expect(
      honouringRetryAfter(async () => {
        calls++;
        throw Object.assign(limited(), { retryAfter: 120 });
      }),
    ).rejects.toThrow("ratelimited");
    expect(calls).toBe(2);
  });
});
