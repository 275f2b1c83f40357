// Free text is cleaned once where it is read (issue #9 finding 9): src/domain/text.ts cleanText.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { cleanText } from "../../src/domain/text.ts";
import { typedText } from "../../src/slack/blocks/escape.ts";

describe("cleanText", () => {
  test.each([
    ["NUL and BEL", "a\u0000b\u0007c", "abc"],
    ["an ANSI colour, whole", "\u001b[31;1m红色\u001b[0m正常", "红色正常"],
    ["an OSC title and hyperlink", "\u001b]0;title\u0007x \u001b]8;;https://x.invalid\u001b\\link", "x link"],
    ["right-to-left override (spoofed file name)", "invoice\u202Efdp.exe", "invoicefdp.exe"],
    [
      "every bidi embedding, override and isolate",
      "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061Cok",
      "ok",
    ],
    ["zero-width space, non-joiner, word joiner, BOM", "李\u200B明\u200C\u2060\uFEFF", "李明"],
    ["a joiner outside an emoji", "a\u200Db", "ab"],
    ["C1 controls and DEL", "x\u0085\u009b\u007fy", "xy"],
    ["lone surrogates", "a\uD800b\uDC00c", "abc"],
    ["CR LF and CR become LF", "一\r\n二\r三", "一\n二\n三"],
  ])("strips %s", (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  test("keeps CJK, emoji (joined ones too), punctuation, tabs and newlines as typed", () => {
    const typed = '母亲住院，需陪护。\n\t明天 10:00 复诊 👨‍👩‍👧 🏳️‍🌈 👍🏽 ✅ <b> & "quotes" 『』';
    expect(cleanText(typed)).toBe(typed);
  });

  test("a one-line field turns tabs and newlines into spaces", () => {
    expect(cleanText("县政府\t3楼\n会议室", { multiline: false })).toBe("县政府 3楼 会议室");
  });

  test("property: the result has no control or invisible character, and cleaning twice changes nothing", () => {
    const forbidden =
      /[\p{Cc}\u061C\u180E\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (s) => {
        const once = cleanText(s);
        const controls = [...once].filter((c) => c !== "\n" && c !== "\t");
        expect(controls.join("")).not.toMatch(forbidden);
        expect(cleanText(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });
});

describe("typedText: Slack-escaped text back to what was typed, once", () => {
  test("entities are undone once; a typed entity stays as typed", () => {
    expect(typedText("a &lt;b&gt; &amp; c")).toBe("a <b> & c");
    expect(typedText("&amp;lt;b&amp;gt;")).toBe("&lt;b&gt;");
    expect(typedText("a\u0000 &lt;\u202Eb&gt;")).toBe("a <b>");
  });
});
