import { describe, expect, test } from "vitest";
import { escapeSlackText, unescapeSlackText } from "../../src/slack/blocks/escape.ts";

describe("escapeSlackText", () => {
  test.each([
    ["<!channel>", "&lt;!channel&gt;"],
    ["<!here|here>", "&lt;!here|here&gt;"],
    ["<@U0DIRECTOR>", "&lt;@U0DIRECTOR&gt;"],
    ["<https://evil.example|点此领取>", "&lt;https://evil.example|点此领取&gt;"],
    ["A&B", "A&amp;B"],
    // An entity typed on purpose must not turn back into a control character.
    ["&lt;!channel&gt;", "&amp;lt;!channel&amp;gt;"],
    ["普通文字 *粗体* _斜体_", "普通文字 *粗体* _斜体_"],
  ])("%s", (input, expected) => {
    expect(escapeSlackText(input)).toBe(expected);
    expect(escapeSlackText(input)).not.toMatch(/[<>]/);
  });

  test("unescape undoes Slack's escaping of typed text, and escape redoes it", () => {
    const typed = "a&amp;b &lt;tag&gt;";
    expect(unescapeSlackText(typed)).toBe("a&b <tag>");
    expect(escapeSlackText(unescapeSlackText(typed))).toBe(typed);
  });
});
