// The inspectors' quick form (/deduct, /bonus): src/slack/listeners/records.ts. The /qingjia and /trip
// quick form is another parser, tested in request-quick-form.test.ts.
import { describe, expect, test } from "vitest";
import { parseQuickForm } from "../../src/slack/listeners/records.ts";

describe("/deduct and /bonus quick form", () => {
  test("mention, code, points, count, date and a note in any order before the note", () => {
    const r = parseQuickForm("<@U1STAFF1|linyi> s-dis-it 2.5 x2 2026-07-03 在窗口玩游戏 x3 5");
    expect(r).toEqual({
      ok: true,
      value: {
        target: { mention: "U1STAFF1" },
        code: "S-DIS-IT",
        points: 250,
        count: 2,
        date: "2026-07-03",
        note: "在窗口玩游戏 x3 5",
      },
    });
  });

  test("a bare window id; Slack's escaping undone in the note", () => {
    const r = parseQuickForm("tax W-SITE 0.2 大厅 &lt;杂乱&gt; &amp; 吵闹");
    expect(r.ok && r.value).toEqual({
      target: { bare: "tax" },
      code: "W-SITE",
      points: 20,
      note: "大厅 <杂乱> & 吵闹",
    });
  });

  test.each([
    ["<@U1STAFF1>", "RECORDS.QUICK_SYNTAX"],
    ["", "RECORDS.QUICK_SYNTAX"],
    ["<!channel> S-ATT-LATE", "RECORDS.QUICK_SYNTAX"],
    ["<@U1STAFF1> S-DIS-IT 2.555", "RECORDS.BAD_POINTS"],
    ["<@U1STAFF1> S-ATT-ABSENT x0", "RECORDS.BAD_COUNT_TEXT"],
  ])("refuses %j", (text, code) => {
    const r = parseQuickForm(text);
    expect(r.ok ? "" : r.code).toBe(code);
  });
});
