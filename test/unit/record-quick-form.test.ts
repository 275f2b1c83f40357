// The inspectors' quick form (/deduct, /bonus): src/slack/listeners/records.ts. The /qingjia and /trip
// quick form is another parser, tested in request-quick-form.test.ts.
import { describe, expect, test } from "vitest";
import { parseQuickForm as parseWithToday } from "../../src/slack/listeners/records.ts";

// Typed on Monday 2026-07-20.
const TODAY = "2026-07-20";
const parseQuickForm = (text: string, today = TODAY) => parseWithToday(text, today);

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
    "2026/11/31",
    "2026年2月30日",
    "11月31日",
    "2/30",
    "13/1",
    "2026-11-20pm",
    "昨天下午",
    "2026-07-14晚上",
  ])("a date that is not a real date, or names a half, is refused, as in the leave form: %s", (date) => {
    expect(parseQuickForm(`<@U1STAFF1> S-ATT-LATE ${date} 迟到`)).toEqual({
      ok: false,
      code: "QUICK.BAD_DATE",
      detail: { token: date, halves: false },
    });
  });

  // Issue #10: dates as people type them, read by the leave form's reader.
  test.each([
    ["2026/7/3", "2026-07-03"],
    ["2026.07.03", "2026-07-03"],
    ["2026年7月3日", "2026-07-03"],
    ["7月3日", "2026-07-03"],
    ["7月3号", "2026-07-03"],
    ["7/3", "2026-07-03"],
    ["7-3", "2026-07-03"],
    ["今天", "2026-07-20"],
    ["昨天", "2026-07-19"],
    ["前天", "2026-07-18"],
    ["yesterday", "2026-07-19"],
    ["上周五", "2026-07-17"],
  ])("a date as people type it: %s", (word, date) => {
    expect(parseQuickForm(`<@U1STAFF1> S-ATT-LATE ${word} 迟到`)).toMatchObject({
      ok: true,
      value: { date, note: "迟到" },
    });
  });

  test("last December's date typed in early January is last year's", () => {
    expect(parseQuickForm("<@U1STAFF1> S-ATT-LATE 12/30 迟到", "2027-01-04")).toMatchObject({
      ok: true,
      value: { date: "2026-12-30" },
    });
  });

  test("points that look like a month and day stay points", () => {
    expect(parseQuickForm("<@U1STAFF1> S-DIS-IT 11.20 7/3")).toMatchObject({
      ok: true,
      value: { points: 1120, date: "2026-07-03" },
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
