// The leave and trip quick form (/qingjia or /timeoff, /trip, a DM): src/slack/quickForm.ts. The inspectors' /deduct
// quick form is another parser, tested in record-quick-form.test.ts.
import { describe, expect, it } from "vitest";
import { looksLikeQuickForm, parseQuickForm } from "../../src/slack/quickForm.ts";

const parsed = (text: string, mode: "leave" | "trip" | "dm" = "leave") => {
  const r = parseQuickForm(text, mode);
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
    expect(parsed("事假 明天 家中有事")).toEqual({ error: "QUICK.DATE_MISSING", detail: { token: "明天" } });
    expect(parsed("事假")).toEqual({ error: "QUICK.DATE_MISSING", detail: { token: "" } });
    expect(parsed("事假 2026-02-30 x")).toEqual({ error: "QUICK.BAD_DATE", detail: { token: "2026-02-30" } });
    expect(parsed("事假 2026/12/01 x")).toEqual({ error: "QUICK.BAD_DATE", detail: { token: "2026/12/01" } });
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
