// The leave and trip quick form (/qingjia or /timeoff, /trip, a DM): src/slack/quickForm.ts. The inspectors' /deduct
// quick form is another parser, tested in record-quick-form.test.ts.
import { describe, expect, it } from "vitest";
import { looksLikeQuickForm, parseQuickForm } from "../../src/slack/quickForm.ts";

// Typed on Wednesday 2026-11-04 unless a test says otherwise.
const TODAY = "2026-11-04";
const parsed = (text: string, mode: "leave" | "trip" | "dm" = "leave", today = TODAY) => {
  const r = parseQuickForm(text, mode, today);
  return r.ok ? r.value : { error: r.code, detail: r.detail };
};

describe("/qingjia quick form", () => {
  it("kind, start (am by default), end (pm by default), reason with its own spacing", () => {
    expect(parsed("事假 2026-12-01 2026-12-02pm 家中有事  需要处理")).toEqual({
      kind: "personal",
      start: { date: "2026-12-01", half: "am" },
      end: { date: "2026-12-02", half: "pm" },
      reason: "家中有事  需要处理",
    });
  });

  it("halves glued on or as the next word, in English or Chinese, any case", () => {
    expect(parsed("sick 2026-12-01PM 2026-12-03 am flu")).toMatchObject({
      kind: "sick",
      start: { date: "2026-12-01", half: "pm" },
      end: { date: "2026-12-03", half: "am" },
      reason: "flu",
    });
    expect(parsed("年假 2026-12-01下午 2026-12-02上午")).toMatchObject({
      kind: "annual",
      start: { half: "pm" },
      end: { half: "am" },
      reason: "",
    });
  });

  it("English kinds of several words; dates without leading zeros", () => {
    expect(parsed("personal leave 2026-12-1 2026-12-2 moving house")).toMatchObject({
      kind: "personal",
      start: { date: "2026-12-01", half: "am" },
      end: { date: "2026-12-02", half: "pm" },
      reason: "moving house",
    });
  });

  it("one date: bare is the whole day, with a half only that half", () => {
    expect(parsed("事假 2026-12-01 看病")).toMatchObject({
      start: { date: "2026-12-01", half: "am" },
      end: { date: "2026-12-01", half: "pm" },
      reason: "看病",
    });
    expect(parsed("事假 2026-12-01pm 看病")).toMatchObject({
      start: { date: "2026-12-01", half: "pm" },
      end: { date: "2026-12-01", half: "pm" },
    });
  });

  it("refusals name the word at fault", () => {
    expect(parsed("")).toMatchObject({ error: "QUICK.EMPTY" });
    expect(parsed("holiday 2026-12-01 x")).toEqual({
      error: "QUICK.UNKNOWN_KIND",
      detail: { word: "holiday" },
    });
    expect(parsed("事假 改天 家中有事")).toEqual({ error: "QUICK.DATE_MISSING", detail: { token: "改天" } });
    expect(parsed("事假")).toEqual({ error: "QUICK.DATE_MISSING", detail: { token: "" } });
    expect(parsed("事假 2026-02-30 x")).toEqual({ error: "QUICK.BAD_DATE", detail: { token: "2026-02-30" } });
    expect(parsed("事假 2026/11/31 x")).toEqual({ error: "QUICK.BAD_DATE", detail: { token: "2026/11/31" } });
    expect(parsed("事假 11月31日 x")).toEqual({ error: "QUICK.BAD_DATE", detail: { token: "11月31日" } });
    expect(parsed("事假 2/30 x")).toEqual({ error: "QUICK.BAD_DATE", detail: { token: "2/30" } });
    expect(parsed("事假 13/1 x")).toEqual({ error: "QUICK.BAD_DATE", detail: { token: "13/1" } });
    expect(parsed("事假 2026年2月29日 x")).toEqual({
      error: "QUICK.BAD_DATE",
      detail: { token: "2026年2月29日" },
    });
    expect(parsed("事假 11月4日晚上 x")).toEqual({
      error: "QUICK.BAD_DATE",
      detail: { token: "11月4日晚上" },
    });
    expect(parsed("事假 2026-12-01 2026-13-01 x")).toEqual({
      error: "QUICK.BAD_DATE",
      detail: { token: "2026-13-01" },
    });
  });

  it("a word after the date that only looks like an object key is reason text", () => {
    expect(parsed("事假 2026-12-01 constructor")).toMatchObject({
      reason: "constructor",
      end: { half: "pm" },
    });
  });
});

describe("/trip quick form", () => {
  it("purpose, dates, place, phone, reason", () => {
    expect(parsed("会议 2026-12-01 2026-12-01am 县行政中心301 13800001234 参加审批改革会议", "trip")).toEqual(
      {
        kind: "trip",
        purpose: "meeting",
        start: { date: "2026-12-01", half: "am" },
        end: { date: "2026-12-01", half: "am" },
        place: "县行政中心301",
        phone: "13800001234",
        reason: "参加审批改革会议",
      },
    );
  });

  it("the reason may be left out; multi-word English purposes", () => {
    expect(parsed("site survey 2026-12-02 2026-12-03 Lingxi 0577-6488 1234", "trip")).toMatchObject({
      purpose: "survey",
      place: "Lingxi",
      phone: "0577-6488",
      reason: "1234",
    });
    expect(parsed("training 2026-12-02 Wenzhou 13800001234", "trip")).toMatchObject({
      purpose: "training",
      reason: "",
    });
  });

  it("refusals", () => {
    expect(parsed("出游 2026-12-01 x 1", "trip")).toEqual({
      error: "QUICK.UNKNOWN_PURPOSE",
      detail: { word: "出游" },
    });
    expect(parsed("会议 2026-12-01", "trip")).toMatchObject({ error: "QUICK.PLACE_MISSING" });
    expect(parsed("会议 2026-12-01 县政府", "trip")).toMatchObject({ error: "QUICK.PHONE_MISSING" });
    expect(parsed("会议 县政府", "trip")).toMatchObject({ error: "QUICK.DATE_MISSING" });
  });
});

describe("DM", () => {
  it("works like /qingjia; a trip is introduced by 出差 / 因公外出 / trip", () => {
    expect(parsed("事假 2026-12-01 2026-12-02pm 家中有事", "dm")).toMatchObject({
      kind: "personal",
      reason: "家中有事",
    });
    expect(parsed("出差 下乡 2026-12-01 2026-12-02 灵溪镇 13800001234 驻村服务", "dm")).toMatchObject({
      kind: "trip",
      purpose: "rural",
      place: "灵溪镇",
      phone: "13800001234",
      reason: "驻村服务",
    });
    expect(parsed("因公外出 培训 2026-12-01 温州 13800001234", "dm")).toMatchObject({
      kind: "trip",
      purpose: "training",
    });
    expect(parsed("/qingjia 事假 2026-12-01", "leave")).toMatchObject({ error: "QUICK.UNKNOWN_KIND" });
  });

  it("looksLikeQuickForm tells a form attempt from chatter", () => {
    expect(looksLikeQuickForm("事假 明天")).toBe(true);
    expect(looksLikeQuickForm("你好")).toBe(false);
    expect(looksLikeQuickForm("   ")).toBe(false);
  });
});

describe("dates as people type them (src/domain/typedDate.ts)", () => {
  /** The period a one-line 事假 with these date words reads as. */
  const period = (dates: string, today = TODAY) => {
    const r = parsed(`事假 ${dates} 家中有事`, "leave", today);
    return "error" in r ? r : { start: r.start, end: r.end, reason: r.reason };
  };
  const day = (date: string, from: "am" | "pm" = "am", to: "am" | "pm" = "pm") => ({
    start: { date, half: from },
    end: { date, half: to },
    reason: "家中有事",
  });

  it("Chinese month and day, with or without the year, 日 or 号, the half glued on", () => {
    expect(period("11月6日下午")).toEqual(day("2026-11-06", "pm", "pm"));
    expect(period("11月6日")).toEqual(day("2026-11-06"));
    expect(period("11月6号")).toEqual(day("2026-11-06"));
    expect(period("2026年11月6日上午")).toEqual(day("2026-11-06", "am", "am"));
    expect(period("2026年11月6日 下午")).toEqual(day("2026-11-06", "pm", "pm"));
    expect(period("11月6日上午 11月9日")).toEqual({
      start: { date: "2026-11-06", half: "am" },
      end: { date: "2026-11-09", half: "pm" },
      reason: "家中有事",
    });
  });

  it("slashes, dots and full-width digits", () => {
    expect(period("2026/11/06")).toEqual(day("2026-11-06"));
    expect(period("2026.11.6")).toEqual(day("2026-11-06"));
    expect(period("11/6")).toEqual(day("2026-11-06"));
    expect(period("11-6pm")).toEqual(day("2026-11-06", "pm", "pm"));
    expect(period("１１／６")).toEqual(day("2026-11-06"));
  });

  it("relative words count from the day it is typed", () => {
    expect(period("今天")).toEqual(day("2026-11-04"));
    expect(period("明天")).toEqual(day("2026-11-05"));
    expect(period("明天下午")).toEqual(day("2026-11-05", "pm", "pm"));
    expect(period("后天")).toEqual(day("2026-11-06"));
    expect(period("today")).toEqual(day("2026-11-04"));
    expect(period("Tomorrow pm")).toEqual(day("2026-11-05", "pm", "pm"));
    expect(period("明天 后天")).toEqual({
      start: { date: "2026-11-05", half: "am" },
      end: { date: "2026-11-06", half: "pm" },
      reason: "家中有事",
    });
    // Across a month and a year end.
    expect(period("明天", "2026-12-31")).toEqual(day("2027-01-01"));
  });

  it("weekdays: weeks run Monday to Sunday; 周X is the coming one, 下周X next week's", () => {
    // 2026-11-04 is a Wednesday.
    expect(period("下周一")).toEqual(day("2026-11-09"));
    expect(period("下星期五上午")).toEqual(day("2026-11-13", "am", "am"));
    expect(period("周五")).toEqual(day("2026-11-06"));
    expect(period("周三")).toEqual(day("2026-11-04"));
    expect(period("周一")).toEqual(day("2026-11-09"));
    expect(period("本周一")).toEqual(day("2026-11-02"));
    expect(period("这周日")).toEqual(day("2026-11-08"));
    // On a Sunday, 下周一 is the next day: Sunday ends the week.
    expect(period("下周一", "2026-11-08")).toEqual(day("2026-11-09"));
  });

  it("a date without a year: the first one from 60 days back, so this year's or the next", () => {
    // A late request of last week in January is last year's December.
    expect(period("12/30", "2027-01-03")).toEqual(day("2026-12-30"));
    // In late December, January is next year's.
    expect(period("1月5日", "2026-12-20")).toEqual(day("2027-01-05"));
    // 55 days back is still this year's (a late request, a record of last month) …
    expect(period("9/10")).toEqual(day("2026-09-10"));
    // … but 95 days back is next year's.
    expect(period("8/1")).toEqual(day("2027-08-01"));
    // 2/29 is read where it exists, and is no date otherwise.
    expect(period("2/29", "2027-12-01")).toEqual(day("2028-02-29"));
    expect(period("2/29", "2026-11-04")).toEqual({ error: "QUICK.BAD_DATE", detail: { token: "2/29" } });
  });

  it("in /trip too; a place shaped like a room number is not a date", () => {
    expect(parsed("会议 明天下午 县行政中心301 13800001234", "trip")).toMatchObject({
      start: { date: "2026-11-05", half: "pm" },
      end: { date: "2026-11-05", half: "pm" },
      place: "县行政中心301",
    });
    expect(parsed("training 11/6 3-301 13800001234", "trip")).toMatchObject({
      start: { date: "2026-11-06" },
      place: "3-301",
    });
    expect(parsed("home-unit 2026-11-06 Lingxi 13800001234", "trip")).toMatchObject({ purpose: "home_unit" });
    expect(parsed("home unit business 2026-11-06 Lingxi 13800001234", "trip")).toMatchObject({
      purpose: "home_unit",
    });
    expect(parsed("rural visit 2026-11-06 Lingxi 13800001234", "trip")).toMatchObject({ purpose: "rural" });
  });
});
