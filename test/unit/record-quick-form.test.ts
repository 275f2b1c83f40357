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
    ["<@U1STAFF1> S-ATT-ABSENT x1.5", "RECORDS.BAD_COUNT_TEXT"],
  ])("refuses %j", (text, code) => {
    const r = parseQuickForm(text);
    expect(r.ok ? "" : r.code).toBe(code);
  });

  // Issue #9 finding 2: these became the start of the note and the record was filed for today.
  test.each([
    "2026-11-31",
    "2026-02-30",
    "2026/11/20",
    "2026.11.20",
    "2026年11月20日",
    "2026-11-20pm",
    "11-20",
  ])("a date that is not a real YYYY-MM-DD date is refused, as in the leave form: %s", (date) => {
    expect(parseQuickForm(`<@U1STAFF1> S-ATT-LATE ${date} 迟到`)).toEqual({
      ok: false,
      code: "QUICK.BAD_DATE",
      detail: { token: date, halves: false },
    });
  });

  test("a date without leading zeros is read, as in the leave form", () => {
    expect(parseQuickForm("<@U1STAFF1> S-ATT-LATE 2026-7-3 迟到")).toMatchObject({
      ok: true,
      value: { date: "2026-07-03", note: "迟到" },
    });
  });

  // Issue #9 finding 2: `/bonus … S-BON-WORKLOAD -2` filed +2.
  test.each(["-2", "+2", "\u22122", "\uFF0D2", "x-2", "x+3", "×\u22121"])(
    "a sign on points or a count is refused: %s",
    (word) => {
      expect(parseQuickForm(`<@U1STAFF1> S-BON-WORKLOAD ${word} 加班多`)).toEqual({
        ok: false,
        code: "RECORDS.SIGNED_NUMBER",
        detail: { value: word },
      });
    },
  );

  test("a huge count is read as typed, for the domain to refuse with the month's bound", () => {
    expect(parseQuickForm("<@U1STAFF1> S-ATT-LATE x999999999")).toMatchObject({
      ok: true,
      value: { count: 999_999_999 },
    });
  });

  test("control and invisible characters are taken out of the note; newlines stay", () => {
    const r = parseQuickForm("<@U1STAFF1> S-ATT-LATE 迟到\u0000\u001b[31m十分钟\u202E\u200B\n第二行 👍🏽");
    expect(r.ok && r.value.note).toBe("迟到十分钟\n第二行 👍🏽");
  });
});
