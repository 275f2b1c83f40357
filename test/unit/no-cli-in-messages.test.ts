// Inspectors and the director are never told to run a command (issue #10): every message in both
// languages offers the App Home's buttons instead. The CLI prints its own usage; no message the bot
// sends to Slack names one of its commands.
import { describe, expect, test } from "vitest";
import { type Message, messageTables, type Params } from "../../src/slack/i18n/index.ts";

// What a message may not say: the package script, and the CLI's commands as an operator types them.
const CLI = [
  /npm run/,
  /\bcli\s+--/,
  /\bclose-(month|quarter|year)\b/,
  /\bimport\s+(ratings|attendance|evaluations|secondments|confirm-attendance)\b/,
  /\bconfirm-attendance\b/,
  /\bjobs\s+(list|tick|retry-failed)\b/,
  /\bevaluate \{\w+\} (person|window)\b/,
  /\breopen \{\w+\} </,
  /\bcalendar\s+import\b/,
  /\(export \{\w+\}\)/,
];

/** Any parameter a function message reads: ["1"] reads as a list, the string "1" and the number 1. */
const anyParams = new Proxy({} as Params, { get: (_t, key) => (key === "then" ? undefined : ["1"]) });
const render = (m: Message) => (typeof m === "function" ? m(anyParams) : m);

describe("no message names a CLI command", () => {
  test("every message, Chinese and English", () => {
    const found: string[] = [];
    for (const table of messageTables())
      for (const lang of ["zh", "en"] as const)
        for (const [key, m] of Object.entries(table[lang])) {
          const text = render(m);
          for (const re of CLI) if (re.test(text)) found.push(`${lang} ${key}: ${text.slice(0, 120)}`);
        }
    expect(found).toEqual([]);
  });

  test("the messages that used to name one point at the App Home's buttons", () => {
    const all = new Map<string, Message>();
    for (const table of messageTables()) for (const [k, m] of Object.entries(table.zh)) all.set(k, m);
    const zh = (key: string) => render(all.get(key)!);
    expect(zh("awards.pending_evaluations")).toContain("「录入中心评价分」");
    expect(zh("close.reopen.inspection")).toContain("「结算月份」");
    expect(zh("close.reopen.done")).toContain("「结算月份」");
  });
});
