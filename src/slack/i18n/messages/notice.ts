// The monthly private notice (RULES.md §4(4), §8): the score as a sum, every line with its date, note
// and filer, the rank and band with ties, the money worked out, the window's lines for its leader, and
// the question to inspection (the notice's button, within the deadline; §8a). Keys: notice.*, and
// error.<CODE> for NOTICE.*. Dates arrive as YYYY-MM-DD and are worded here.
import type { AreaMessages, Params } from "../index.ts";

// Names of months and weekdays from the platform's locale data (Node's full ICU), on the civil date:
// formatted in UTC so the date is the one given, whatever the server's zone.
const civil = (date: unknown) => {
  const [y, m, d] = String(date).split("-").map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
};
const named = (locale: string, opts: Intl.DateTimeFormatOptions) => {
  const f = new Intl.DateTimeFormat(locale, { ...opts, timeZone: "UTC" });
  return (date: unknown) => f.format(civil(date));
};
const enShortMonth = named("en-US", { month: "short" });
const enLongMonth = named("en-US", { month: "long" });
const zhWeekday = named("zh-CN", { weekday: "long" });
const enWeekday = named("en-US", { weekday: "long" });

/** "11月13日" / "13 Nov". */
const zhDay = (date: unknown) => `${civil(date).getUTCMonth() + 1}月${civil(date).getUTCDate()}日`;
const enDay = (date: unknown) => `${civil(date).getUTCDate()} ${enShortMonth(date)}`;
/** The deadline with its weekday: "12月4日（星期五）" / "Friday 4 Dec". */
const zhDeadline = (date: unknown) => `${zhDay(date)}（${zhWeekday(date)}）`;
const enDeadline = (date: unknown) => `${enWeekday(date)} ${enDay(date)}`;
/** A YYYY-MM as "2026年11月" / "November 2026" (error details carry the code). */
const zhMonth = (month: unknown) =>
  `${civil(`${month}-01`).getUTCFullYear()}年${civil(`${month}-01`).getUTCMonth() + 1}月`;
const enMonth = (month: unknown) => `${enLongMonth(`${month}-01`)} ${civil(`${month}-01`).getUTCFullYear()}`;

const BAND_ZH = ["", "一档", "二档", "三档"];
const zhBand = (b: unknown) => BAND_ZH[Number(b)] ?? String(b);
const enBand = (b: unknown) => `band ${b}`;
const enPeople = (n: unknown) => `${n} ${Number(n) === 1 ? "person" : "people"}`;

/** What multiplies the band's money (RULES.md §4(4)). */
const FACTOR = {
  zh: { full: "全额", half: "减半", none: "0" },
  en: { full: "full", half: "half", none: "0" },
} as const;
const factor = (lang: "zh" | "en", reason: unknown) =>
  (FACTOR[lang] as Record<string, string>)[String(reason)] ?? String(reason);

export const notice: AreaMessages = {
  zh: {
    "notice.title": (p: Params) => `${p.corrected ? "【更正】" : ""}*您的${p.period}考评结果*`,
    "notice.score": (p: Params) =>
      `*考评分*：100 − 扣分 ${p.deductions} + 加分 ${p.bonus} = *${p.score} 分*${p.capped ? `（加分合计 ${p.raw} 分，每月最多计 ${p.cap} 分）` : ""}`,
    "notice.rank": (p: Params) =>
      Number(p.tie) > 1
        ? `*名次*：参评 ${p.n} 人，您并列第 ${p.rank} 名 ${p.tie} 人，${zhBand(p.band)}共 ${p.bandCount} 人`
        : `*名次*：参评 ${p.n} 人，您排第 ${p.rank} 名，${zhBand(p.band)}共 ${p.bandCount} 人`,
    "notice.money": (p: Params) =>
      `*考评奖*：${zhBand(p.band)} ${p.bandAmount} 元 × ${factor("zh", p.reason)}${p.seconded ?? ""} = *${p.amount} 元*`,
    "notice.money_seconded_proportional": (p: Params) =>
      ` × (1 − 抽调 ${Number(p.halfDays) / 2} 天 ÷ ${p.workingDays} 个工作日)`,
    "notice.money_seconded_whole": " × 0（抽调）",
    "notice.money_full": "考评分 {full} 分以上，按档全额发放。",
    "notice.money_half": "考评分 {min} 分以上、不满 {full} 分，考评奖减半发放（考评办法 三(一)4）。",
    "notice.money_none": "考评分低于 {min} 分，取消当月考评奖（考评办法 三(一)4）。",
    "notice.secondment": (p: Params) =>
      `本月经中心同意被抽调 ${Number(p.halfDays) / 2} 个工作日（本月 ${p.workingDays} 个工作日），考评奖相应扣发（考评办法 三(一)2(1)⑧）。`,
    "notice.band_rule": (p: Params) =>
      `分档：参评人数的前 ${p.p1}%（第 1–${p.b1} 名）为一档，前 ${p.p2}%（至第 ${p.b2} 名）为二档，其余为三档；同分同名次，并列者同档。本月一档 ${p.c1} 人、二档 ${p.c2} 人、三档 ${p.c3} 人。`,
    "notice.items": "*扣分与加分明细*（{count} 项）",
    "notice.no_items": "本月没有扣分或加分记录。",
    "notice.line": (p: Params) =>
      `${p.date ? `${zhDay(p.date)} ` : ""}${p.name} ${p.sign === "bonus" ? "+" : "−"}${p.total}（${p.refs}）`,
    "notice.automatic": "本月自动计算",
    "notice.note": "说明：{note}",
    "notice.auto_personal": (p: Params) =>
      `本月事假 ${Number(p.halfDays) / 2} 个工作日（满 3 个工作日扣 5 分，每超半天加扣 0.5 分）`,
    "notice.auto_rate":
      "本月满意率 {rate}%（满意 {satisfied}、基本满意 {basic}、不满意 {unsatisfied}），低于 {min}%",
    "notice.leader_charge": "窗口人员 {from} 的记录，窗口负责人连带扣分",
    "notice.linked_window": "同一行为同时计入窗口：{name} −{total}（{code}）",
    "notice.not_counted_requires": "不计分：须先有“积极参加中心活动”加分才可再加",
    "notice.not_counted_leader_only": "不计分：仅窗口负责人可得此项",
    "notice.not_counted_month_cap": "不计分：本月该项已达每月上限 {max} 分",
    "notice.month_capped": "登记 {filed} 分，按每月上限 {max} 分只计 {counted} 分",
    "notice.window_title": "*本窗口：{window}*（窗口负责人可见）",
    "notice.window_score": (p: Params) =>
      `窗口得分：人员平均分 ${p.mean} − 扣分 ${p.deductions} + 加分 ${p.bonus} = *${p.score} 分*${p.capped ? `（加分合计 ${p.raw} 分，每月最多计 ${p.cap} 分）` : ""}，${p.count} 个窗口中排第 ${p.rank} 名`,
    "notice.window_caused_by": "因 {person} 的“{item}”记录同时计入窗口",
    "notice.window_rate":
      "本月窗口满意率 {rate}%（满意 {satisfied}、基本满意 {basic}、不满意 {unsatisfied}）",
    "notice.window_contract": "非在编人员 {nonEstablishment} 人，窗口共 {people} 人",
    "notice.window_no_items": "本窗口本月没有扣分或加分。",
    "notice.question": (p: Params) =>
      `*如有疑问*：请在 *${zhDeadline(p.deadline)}* 前点「对此有疑问」，您的问题和上面的记录会一并发给督查科。`,
    "notice.question_closed": "如对明细有异议，请向督查科反映。",
    "notice.question_button": "对此有疑问",
    // ---- the question modal
    "notice.modal_title": "对此有疑问",
    "notice.modal_submit": "发给督查科",
    "notice.modal_intro": (p: Params) =>
      `*您的${p.period}考评结果*：${p.score} 分，${zhBand(p.band)}，考评奖 ${p.amount} 元。\n请写明哪里有误、应当如何，督查科会私信答复您。请在 ${zhDeadline(p.deadline)} 前提出。`,
    "notice.modal_lines": "涉及的记录",
    "notice.modal_lines_hint": "可以选一项或几项；不选即对整份结果有疑问。",
    "notice.modal_lines_placeholder": "选择记录",
    "notice.modal_question": "您的问题",
    "notice.modal_question_placeholder": "例如：11月13日我在窗口值班，没有使用手机，请核实。",
    "notice.option": (p: Params) =>
      `${p.date ? `${zhDay(p.date)} ` : ""}${p.name} ${p.sign === "bonus" ? "+" : "−"}${p.total}`,
    // ---- to inspection, and the confirmation to the person
    "notice.inspection_title": "*📨 {person}（{window}）对{period}考评结果有疑问*",
    "notice.inspection_question": "*问题*：\n{question}",
    "notice.inspection_summary": (p: Params) =>
      `考评分 100 − 扣分 ${p.deductions} + 加分 ${p.bonus} = ${p.score} 分，参评 ${p.n} 人中第 ${p.rank} 名，${zhBand(p.band)}，考评奖 ${p.amount} 元。`,
    "notice.inspection_lines": "*涉及的记录*",
    "notice.inspection_all_lines": "*本月全部记录*（本人未指明哪一项）",
    "notice.inspection_footer": (p: Params) =>
      `请核实后在 ${zhDeadline(p.deadline)} 前私信答复本人；记录有误需要更正的，请主任重新开放该月后更正。`,
    "notice.done_title": "已发给督查科",
    "notice.question_sent":
      "✅ 您对{period}考评结果的疑问已发给督查科，他们会私信答复您。您的问题：\n{question}",
    // ---- errors
    "error.NOTICE.BAD_MONTH": "月份 “{month}” 格式不对。",
    "error.NOTICE.NOT_CLOSED": (p: Params) => `${zhMonth(p.month)}尚未结算，还没有考评结果。`,
    "error.NOTICE.NOT_EVALUATED": (p: Params) =>
      `您不在${zhMonth(p.month)}的参评名单中，没有该月的考评结果。`,
    "error.NOTICE.PAST_DEADLINE": (p: Params) =>
      `${zhMonth(p.month)}考评结果的疑问期限已于 ${zhDeadline(p.deadline)} 结束，不能再从这里提出；如仍有异议，请直接联系督查科。`,
    "error.NOTICE.QUESTION_REQUIRED": "请写下您的问题（不超过 {max} 字）。",
  },
  en: {
    "notice.title": (p: Params) => `${p.corrected ? "[Corrected] " : ""}*Your result for ${p.period}*`,
    "notice.score": (p: Params) =>
      `*Score*: 100 − deductions ${p.deductions} + bonus ${p.bonus} = *${p.score}*${p.capped ? ` (bonuses add up to ${p.raw}; at most ${p.cap} count a month)` : ""}`,
    "notice.rank": (p: Params) =>
      Number(p.tie) > 1
        ? `*Rank*: ${enPeople(p.n)} evaluated; you share rank ${p.rank} with ${Number(p.tie) - 1} others; ${enBand(p.band)} has ${enPeople(p.bandCount)}`
        : `*Rank*: ${enPeople(p.n)} evaluated; you are ranked ${p.rank}; ${enBand(p.band)} has ${enPeople(p.bandCount)}`,
    "notice.money": (p: Params) =>
      `*Monthly award*: ${enBand(p.band)} ${p.bandAmount} yuan × ${factor("en", p.reason)}${p.seconded ?? ""} = *${p.amount} yuan*`,
    "notice.money_seconded_proportional": (p: Params) =>
      ` × (1 − ${Number(p.halfDays) / 2} days seconded ÷ ${p.workingDays} working days)`,
    "notice.money_seconded_whole": " × 0 (seconded)",
    "notice.money_full": "A score of {full} or above: the band's full amount.",
    "notice.money_half":
      "A score from {min} to under {full}: half the amount (evaluation rules, part 3(1), item 4).",
    "notice.money_none": "A score under {min}: no award this month (evaluation rules, part 3(1), item 4).",
    "notice.secondment": (p: Params) =>
      `Seconded for ${Number(p.halfDays) / 2} of the month's ${p.workingDays} working days with the center's consent: the award is reduced accordingly (evaluation rules, part 3(1), item 2(1)⑧).`,
    "notice.band_rule": (p: Params) =>
      `Bands: the top ${p.p1}% (ranks 1–${p.b1}) are band 1, the top ${p.p2}% (to rank ${p.b2}) band 2, the rest band 3; equal scores share a rank and a band. This month: ${enPeople(p.c1)} in band 1, ${p.c2} in band 2, ${p.c3} in band 3.`,
    "notice.items": "*Deductions and bonuses* ({count})",
    "notice.no_items": "No deductions or bonuses this month.",
    "notice.line": (p: Params) =>
      `${p.date ? `${enDay(p.date)} ` : ""}${p.name} ${p.sign === "bonus" ? "+" : "−"}${p.total} (${p.refs})`,
    "notice.automatic": "computed for the month",
    "notice.note": "Note: {note}",
    "notice.auto_personal": (p: Params) =>
      `Personal leave this month: ${Number(p.halfDays) / 2} working days (3 working days cost 5 points, each half day more 0.5)`,
    "notice.auto_rate":
      "Satisfaction this month {rate}% (satisfied {satisfied}, basically satisfied {basic}, dissatisfied {unsatisfied}), under {min}%",
    "notice.leader_charge": "A record of {from} in your window: the window leader is charged too",
    "notice.linked_window": "The same act also costs the window: {name} −{total} ({code})",
    "notice.not_counted_requires": "Not counted: it only adds to an “active in center activities” bonus",
    "notice.not_counted_leader_only": "Not counted: for window leaders only",
    "notice.not_counted_month_cap": "Not counted: this item already gave its most for the month ({max})",
    "notice.month_capped": "Filed {filed}; only {counted} counts (at most {max} a month)",
    "notice.window_title": "*Your window: {window}* (for the window leader)",
    "notice.window_score": (p: Params) =>
      `Window score: people's mean ${p.mean} − deductions ${p.deductions} + bonus ${p.bonus} = *${p.score}*${p.capped ? ` (bonuses add up to ${p.raw}; at most ${p.cap} count a month)` : ""}, rank ${p.rank} of ${p.count} windows`,
    "notice.window_caused_by": "Filed with {person}'s “{item}” record",
    "notice.window_rate":
      "Window satisfaction this month {rate}% (satisfied {satisfied}, basically satisfied {basic}, dissatisfied {unsatisfied})",
    "notice.window_contract":
      "{nonEstablishment} of the window's {people} people are not in the establishment",
    "notice.window_no_items": "No deductions or bonuses for the window this month.",
    "notice.question": (p: Params) =>
      `*Something wrong?* Press “Question this” by *${enDeadline(p.deadline)}*: your question goes to inspection with the records above.`,
    "notice.question_closed": "If an item is wrong, please tell inspection.",
    "notice.question_button": "Question this",
    "notice.modal_title": "Question this notice",
    "notice.modal_submit": "Send to inspection",
    "notice.modal_intro": (p: Params) =>
      `*Your result for ${p.period}*: ${p.score}, ${enBand(p.band)}, award ${p.amount} yuan.\nSay what is wrong and what it should be; inspection will answer you by direct message. Please ask by ${enDeadline(p.deadline)}.`,
    "notice.modal_lines": "Records concerned",
    "notice.modal_lines_hint": "Pick one or more; none means the result as a whole.",
    "notice.modal_lines_placeholder": "Pick records",
    "notice.modal_question": "Your question",
    "notice.modal_question_placeholder":
      "For example: on 13 Nov I was at the desk and did not use my phone; please check.",
    "notice.option": (p: Params) =>
      `${p.date ? `${enDay(p.date)} ` : ""}${p.name} ${p.sign === "bonus" ? "+" : "−"}${p.total}`,
    "notice.inspection_title": "*📨 {person} ({window}) questions the result for {period}*",
    "notice.inspection_question": "*Question*:\n{question}",
    "notice.inspection_summary": (p: Params) =>
      `Score 100 − deductions ${p.deductions} + bonus ${p.bonus} = ${p.score}, rank ${p.rank} of ${p.n}, ${enBand(p.band)}, award ${p.amount} yuan.`,
    "notice.inspection_lines": "*Records concerned*",
    "notice.inspection_all_lines": "*All records this month* (no record was picked)",
    "notice.inspection_footer": (p: Params) =>
      `Please check and answer them by direct message by ${enDeadline(p.deadline)}; a wrong record is corrected once the director reopens the month.`,
    "notice.done_title": "Sent to inspection",
    "notice.question_sent":
      "✅ Your question about the result for {period} went to inspection; they will answer you by direct message. Your question:\n{question}",
    "error.NOTICE.BAD_MONTH": "“{month}” is not a month.",
    "error.NOTICE.NOT_CLOSED": (p: Params) =>
      `${enMonth(p.month)} is not closed yet: there is no result to question.`,
    "error.NOTICE.NOT_EVALUATED": (p: Params) =>
      `You were not evaluated in ${enMonth(p.month)}: there is no result of yours to question.`,
    "error.NOTICE.PAST_DEADLINE": (p: Params) =>
      `Questions about the result for ${enMonth(p.month)} closed on ${enDeadline(p.deadline)}; if you still disagree, please contact inspection directly.`,
    "error.NOTICE.QUESTION_REQUIRED": "Please write your question (at most {max} characters).",
  },
};
