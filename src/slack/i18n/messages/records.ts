// Inspectors' records (/deduct, /bonus; RULES.md §4, §6) and the catalog's refusals.
import { catalogItem } from "../../../domain/catalog.ts";
import { formatHundredths } from "../../../domain/points.ts";
import type { AreaMessages, Params } from "../index.ts";

const pts = (v: unknown) => formatHundredths(Number(v));
/** "#12、#13" from record ids. */
const ids = (v: unknown, sep: string) => (Array.isArray(v) ? v.map((id) => `#${Number(id)}`).join(sep) : "");
/** "<@U1>, <@U2>" from Slack user ids (only id characters kept: these come from the database). */
const mentions = (v: unknown, sep: string) =>
  Array.isArray(v) ? v.map((u) => `<@${String(u).replace(/[^A-Z0-9]/gi, "")}>`).join(sep) : "";
/**
 * An item as people read it: its name, then its code in brackets ("迟到早退（S-ATT-LATE）", "Late or left
 * early (S-ATT-LATE)"); a code that is no item is quoted as typed.
 */
const named = (lang: "zh" | "en", code: unknown) => {
  const item = catalogItem(String(code));
  if (!item) return `“${String(code)}”`;
  return lang === "zh" ? `${item.zh}（${item.code}）` : `${item.en} (${item.code})`;
};
const zhItem = (code: unknown) => named("zh", code);
const enItem = (code: unknown) => named("en", code);
/** "1 point", "0.5 points", "2 points". */
const enPoints = (v: unknown) => `${pts(v)} point${Number(v) === 100 ? "" : "s"}`;

export const records: AreaMessages = {
  zh: {
    // Refusals (service codes).
    "error.RECORDS.NOT_INSPECTION": "只有督查科人员可以记录扣分和加分。如有需要记录的情况，请告知督查科。",
    "error.RECORDS.BAD_DATE": "日期“{date}”无效，请用 YYYY-MM-DD 格式，例如 2026-07-15。",
    "error.RECORDS.FUTURE_DATE": "日期 {date} 晚于今天（{today}），不能记录尚未发生的事项。",
    "error.RECORDS.UNKNOWN_PERSON": "<@{person}> 不是中心在册的窗口工作人员，不能对其记录。",
    "error.RECORDS.PERSON_INACTIVE": "{name}（<@{person}>）已不在中心在册人员中，不能再记录。",
    "error.RECORDS.UNKNOWN_WINDOW":
      "没有编号为“{window}”的窗口。直接输入 /deduct 可打开表单，从列表中选择窗口。",
    "error.RECORDS.WRONG_SIGN": (p: Params) =>
      p.sign === "bonus"
        ? `${zhItem(p.code)}是加分项目，请用 /bonus 记录。`
        : `${zhItem(p.code)}是扣分项目，请用 /deduct 记录。`,
    "error.RECORDS.NOTE_TOO_LONG": "备注（原因）最多 {max} 字，请精简后再提交。",
    "error.RECORDS.REQUIRES": (p: Params) =>
      `${zhItem(p.code)}只能在当月已有${zhItem(p.requires)}的基础上再加，${p.month} 还没有这一项记录。`,
    "error.RECORDS.NO_LINKED_ITEM": (p: Params) =>
      `${zhItem(p.code)}没有关联的窗口项目，不能为其填写关联分值。`,
    "error.RECORDS.MONTH_CLOSED": "{month} 已结账，不能再记录或撤销。如需更正，请先由中心重新打开该月。",
    "error.RECORDS.ALREADY_FILED": "这条记录已经提交过了，没有重复记录。",
    "error.RECORDS.DUPLICATE": (p: Params) =>
      `${p.person ? `<@${p.person}>` : `窗口「${p.windowName ?? p.window}」`} 在 ${p.date} 已有 *${zhItem(p.code)}* 记录（${ids(p.ids, "、")}，由 ${mentions(p.filers, "、")} 记录）。`,
    "error.RECORDS.NOT_FOUND": "找不到记录 #{id}。",
    "error.RECORDS.NOT_ALLOWED": "只有记录人 <@{filer}> 或中心主任可以撤销记录 #{id}。",
    "error.RECORDS.REASON_REQUIRED": "请填写撤销原因。",
    "error.RECORDS.ALREADY_REVOKED": "记录 #{id} 已经撤销过了。",
    // Refusals of the Slack forms.
    "error.RECORDS.QUICK_SYNTAX":
      "没看懂这条命令。用法：`{command} @人员 代码 [分值] [x次数] [日期] [备注]`，或 `{command} 窗口编号 W-代码 …`；直接输入 `{command}` 可打开表单。",
    "error.RECORDS.TARGET_REQUIRED": "请选择一名人员或一个窗口。",
    "error.RECORDS.TARGET_BOTH": "人员和窗口只能选一个。",
    "error.RECORDS.BAD_POINTS": "分值“{points}”无效，请填写数字，最多两位小数。",
    "error.RECORDS.BAD_COUNT_TEXT": "次数“{count}”无效，请填写正整数。",
    "error.RECORDS.SIGNED_NUMBER":
      "“{value}”带了正负号。扣分还是加分由命令（/deduct 扣分，/bonus 加分）和考评项目决定，不看符号：分值和次数只写数字，如 2 或 x2。",
    // Catalog refusals (src/domain/catalog.ts).
    "error.CATALOG.UNKNOWN_CODE":
      "没有代码为“{code}”的考评项目。直接输入 /deduct 或 /bonus 可在表单中搜索项目。",
    "error.CATALOG.WRONG_TARGET": (p: Params) =>
      p.expected === "window"
        ? `${zhItem(p.code)}是窗口考评项目，请选择一个窗口。`
        : `${zhItem(p.code)}是个人考评项目，请选择一名人员。`,
    "error.CATALOG.AUTOMATIC": (p: Params) =>
      `${zhItem(p.code)}由系统每月根据考勤、评价等数据自动计算，不能手工记录。`,
    "error.CATALOG.LEADER_ONLY": (p: Params) => `${zhItem(p.code)}只能记给窗口负责人。`,
    "error.CATALOG.BAD_COUNT": (p: Params) => `${zhItem(p.code)}的次数（数量）必须是正整数。`,
    "error.CATALOG.COUNT_TOO_HIGH": (p: Params) => {
      const unit =
        p.unit === "half_day" ? "个半天" : p.unit === "person" ? "人" : p.unit === "article" ? "篇" : "次";
      if (p.unit === "month")
        return `${zhItem(p.code)}按月计，每次登记只能记 1 次（分值在范围内选），不能记 ${p.count} 次。`;
      const why = p.unit === "half_day" ? "该月工作日的半天数" : "该月的半天数";
      const filed = Number(p.filed) > 0 ? `本月已记 ${p.filed}${unit}，还可记 ${p.left}${unit}；` : "";
      return `${zhItem(p.code)}一个月最多记 ${p.max}${unit}（${why}），本次 ${p.count}${unit}不合常理。${filed}请核对次数。`;
    },
    "error.CATALOG.MONTH_CAP": (p: Params) =>
      `${zhItem(p.code)}每月合计最多 ${pts(p.max)} 分，本月已记 ${pts(p.filed)} 分，${Number(p.left) <= 0 ? "不能再记。" : Number(p.left) < Number(p.min ?? 0) ? `还剩 ${pts(p.left)} 分，低于每次最少 ${pts(p.min)} 分，本月不能再记。` : `最多还可记 ${pts(p.left)} 分。`}`,
    "error.CATALOG.POINTS_REQUIRED": (p: Params) =>
      `${zhItem(p.code)}的分值在 ${pts(p.min)}–${pts(p.max)} 分之间，请填写分值。`,
    "error.CATALOG.POINTS_OUT_OF_RANGE": (p: Params) =>
      p.min === p.max
        ? `${zhItem(p.code)}是固定分值 ${pts(p.min)} 分（填写的是 ${pts(p.points)}）。`
        : `${zhItem(p.code)}的分值应在 ${pts(p.min)}–${pts(p.max)} 分之间（填写的是 ${pts(p.points)}）。`,

    // Modal.
    "records.modal.title.deduction": "记录扣分",
    "records.modal.title.bonus": "记录加分",
    "records.modal.person": "人员",
    "records.modal.person_hint": "对个人记录时选择；与窗口二选一。",
    "records.modal.window": "窗口",
    "records.modal.window_hint": "对窗口记录时选择；与人员二选一。",
    "records.modal.item": "考评项目",
    "records.modal.item_placeholder": "输入代码或名称搜索",
    "records.modal.window_group": "窗口 {from}–{to}",
    "records.modal.item_group": "第 {from}–{to} 项（输入关键词缩小范围）",
    "records.modal.points": "分值",
    "records.modal.points_hint": "区间项目必填；固定分值项目可不填。",
    "records.modal.count": "次数 / 数量",
    "records.modal.date": "日期",
    "records.modal.note": "情况说明",
    "records.modal.linked_points": (p: Params) => `关联窗口项目${zhItem(p.code)}的分值`,
    "records.modal.refused_title": "无法记录",
    // Item description shown before saving.
    "records.item.info": "*{name}*（{code}）｜{section}｜{range}",
    "records.item.range": (p: Params) =>
      p.min === p.max ? `${pts(p.min)} 分` : `${pts(p.min)}–${pts(p.max)} 分（请填写分值）`,
    "records.item.linked": (p: Params) =>
      `同时记录窗口项目 *${p.name}*（${p.code}）：${p.min === p.max ? `${pts(p.min)} 分` : `默认 ${pts(p.min)} 分，可在下方改为 ${pts(p.min)}–${pts(p.max)} 分`}。`,
    "records.item.leader_charge": (p: Params) => `同时连带记录该人员所在窗口的负责人 ${pts(p.points)} 分。`,
    // Lines.
    "records.points.deduction": (p: Params) =>
      Number(p.count) > 1
        ? `扣 ${pts(p.points)} 分 × ${p.count} = ${pts(p.total)} 分`
        : `扣 ${pts(p.points)} 分`,
    "records.points.bonus": (p: Params) =>
      Number(p.count) > 1
        ? `加 ${pts(p.points)} 分 × ${p.count} = ${pts(p.total)} 分`
        : `加 ${pts(p.points)} 分`,
    "records.subject.window": "窗口「{name}」（{id}）",
    "records.line": "{subject}：*{name}*（{code}，{section}），{points}",
    "records.role.linked_window": "关联窗口项目",
    "records.role.leader_charge": "窗口负责人连带",
    "records.date_note": "日期 {date}{note}",
    "records.note_suffix": "；说明：{note}",
    "records.skipped.no_window": (p: Params) => `${zhItem(p.code)}：该人员没有所属窗口，未记录关联窗口项目。`,
    "records.skipped.no_leader": (p: Params) => `${zhItem(p.code)}：该窗口没有负责人，未记录负责人连带扣分。`,
    "records.skipped.leader_is_target": (p: Params) =>
      `${zhItem(p.code)}：被记录人本身是窗口负责人，不再连带扣分。`,
    "records.skipped.setting_off": (p: Params) => `${zhItem(p.code)}：设置已关闭关联窗口项目，未记录。`,
    // Quick form.
    "records.preview.header": "请确认以下记录（尚未保存）：",
    "records.button.confirm": "确认记录",
    "records.button.cancel": "取消",
    "records.button.anyway": "仍然记录",
    "records.duplicate.title": "已有相同记录",
    "records.duplicate.ask": "仍要再记录一次吗？",
    "records.button.revoke": "撤销",
    "records.cancelled": "已取消，没有记录。",
    "records.filed": "已记录",
    "records.notice_failed": "记录已保存，但发给 {who} 的通知没有发出（{error}），请另行告知本人。",
    // Notices.
    "records.dm.person":
      "*考评记录通知*\n督查科 <@{filer}> 对您记录了：*{name}*（{code}，{section}），{points}。\n日期：{date}{note}\n如有异议，请联系督查科。",
    "records.dm.window":
      "*窗口考评记录通知*\n督查科 <@{filer}> 对您负责的窗口「{window}」记录了：*{name}*（{code}，{section}），{points}。\n日期：{date}{note}",
    "records.dm.leader_charge":
      "*考评记录通知*\n<@{person}> 被记录 *{name}*（{code}，{section}），按规定连带记录窗口负责人：{points}。\n日期：{date}",
    "records.dm.note": "\n说明：{note}",
    "records.dm.revoked": "您的考评记录已撤销：*{name}*（{code}，{date}，#{id}）。撤销原因：{reason}",
    "records.dm.leader_charge_revoked":
      "<@{person}> 的考评记录已撤销：*{name}*（{code}，{date}，#{id}），窗口负责人连带扣分随之取消。撤销原因：{reason}",
    "records.dm.window_revoked":
      "窗口「{window}」的考评记录已撤销：*{name}*（{code}，{date}，#{id}）。撤销原因：{reason}",
    // Revoke.
    "records.revoke.title": "撤销记录",
    "records.revoke.intro": "撤销记录 #{id}，与它一并记录的关联项目也会撤销。",
    "records.revoke.reason": "撤销原因",
    "records.revoked": "已撤销记录 {ids}。原因：{reason}",
  },
  en: {
    "error.RECORDS.NOT_INSPECTION":
      "Only inspection members can file deductions and bonuses. If something should be recorded, please tell inspection.",
    "error.RECORDS.BAD_DATE": "“{date}” is not a valid date; use YYYY-MM-DD, e.g. 2026-07-15.",
    "error.RECORDS.FUTURE_DATE":
      "{date} is after today ({today}); nothing can be filed for a day still to come.",
    "error.RECORDS.UNKNOWN_PERSON":
      "<@{person}> is not on the center's staff list, so nothing can be filed for them.",
    "error.RECORDS.PERSON_INACTIVE": "{name} (<@{person}>) is no longer on the center's staff list.",
    "error.RECORDS.UNKNOWN_WINDOW":
      "There is no window “{window}”. Type /deduct alone to open the form and pick the window from the list.",
    "error.RECORDS.WRONG_SIGN": (p: Params) =>
      p.sign === "bonus"
        ? `${enItem(p.code)} is a bonus item: use /bonus.`
        : `${enItem(p.code)} is a deduction item: use /deduct.`,
    "error.RECORDS.NOTE_TOO_LONG": "The note can be at most {max} characters.",
    "error.RECORDS.REQUIRES": (p: Params) =>
      `${enItem(p.code)} can only be added on top of ${enItem(p.requires)} the same month; ${p.month} has none.`,
    "error.RECORDS.NO_LINKED_ITEM": (p: Params) =>
      `${enItem(p.code)} has no linked window item, so no linked points can be given.`,
    "error.RECORDS.MONTH_CLOSED":
      "{month} is closed: nothing can be filed or revoked. To correct it, the center must reopen the month first.",
    "error.RECORDS.ALREADY_FILED": "This record was already filed; nothing was filed twice.",
    "error.RECORDS.DUPLICATE": (p: Params) =>
      `${p.person ? `<@${p.person}>` : `Window “${p.windowName ?? p.window}”`} already has *${enItem(p.code)}* for ${p.date} (${ids(p.ids, ", ")}, filed by ${mentions(p.filers, ", ")}).`,
    "error.RECORDS.NOT_FOUND": "Record #{id} does not exist.",
    "error.RECORDS.NOT_ALLOWED": "Only the filer <@{filer}> or the director can revoke record #{id}.",
    "error.RECORDS.REASON_REQUIRED": "Please give the reason for revoking.",
    "error.RECORDS.ALREADY_REVOKED": "Record #{id} was already revoked.",
    "error.RECORDS.QUICK_SYNTAX":
      "I could not read that. Usage: `{command} @person CODE [points] [xCOUNT] [date] [note]` or `{command} window-id W-CODE …`; type `{command}` alone to open the form.",
    "error.RECORDS.TARGET_REQUIRED": "Pick a person or a window.",
    "error.RECORDS.TARGET_BOTH": "Pick a person or a window, not both.",
    "error.RECORDS.BAD_POINTS": "“{points}” is not a valid number of points (at most two decimals).",
    "error.RECORDS.BAD_COUNT_TEXT": "“{count}” is not a valid count; use a positive whole number.",
    "error.RECORDS.SIGNED_NUMBER":
      "“{value}” has a sign. Whether it is a deduction or a bonus is chosen by the command (/deduct or /bonus) and the item, not by a sign: write points and counts as plain numbers, e.g. 2 or x2.",
    "error.CATALOG.UNKNOWN_CODE":
      "There is no item “{code}”. Type /deduct or /bonus alone to search the items in the form.",
    "error.CATALOG.WRONG_TARGET": (p: Params) =>
      p.expected === "window"
        ? `${enItem(p.code)} is a window item: pick a window.`
        : `${enItem(p.code)} is an item for a person: pick a person.`,
    "error.CATALOG.AUTOMATIC": (p: Params) =>
      `${enItem(p.code)} is computed every month from attendance and ratings; it cannot be filed by hand.`,
    "error.CATALOG.LEADER_ONLY": (p: Params) => `${enItem(p.code)} can only be given to a window leader.`,
    "error.CATALOG.BAD_COUNT": (p: Params) =>
      `The count for ${enItem(p.code)} must be a positive whole number.`,
    "error.CATALOG.COUNT_TOO_HIGH": (p: Params) => {
      if (p.unit === "month")
        return `${enItem(p.code)} is a monthly item: file it once with points in its range, not ${p.count} times.`;
      const unit =
        p.unit === "half_day"
          ? "half days"
          : p.unit === "person"
            ? "people"
            : p.unit === "article"
              ? "articles"
              : "times";
      const why = p.unit === "half_day" ? "the month's working half days" : "the month's half days";
      const filed = Number(p.filed) > 0 ? ` ${p.filed} already filed this month, ${p.left} left.` : "";
      return `${enItem(p.code)} can count at most ${p.max} ${unit} a month (${why}); ${p.count} is not plausible.${filed} Check the count.`;
    },
    "error.CATALOG.MONTH_CAP": (p: Params) =>
      `${enItem(p.code)} gives at most ${pts(p.max)} points a month in all; ${pts(p.filed)} already filed this month, ${Number(p.left) <= 0 ? "none left." : Number(p.left) < Number(p.min ?? 0) ? `${pts(p.left)} left, under the least one filing gives (${pts(p.min)}): no more this month.` : `at most ${pts(p.left)} left.`}`,
    "error.CATALOG.POINTS_REQUIRED": (p: Params) =>
      `${enItem(p.code)} takes ${pts(p.min)}–${pts(p.max)} points: give the points.`,
    "error.CATALOG.POINTS_OUT_OF_RANGE": (p: Params) =>
      p.min === p.max
        ? `${enItem(p.code)} is worth exactly ${enPoints(p.min)} (you gave ${pts(p.points)}).`
        : `${enItem(p.code)} takes ${pts(p.min)}–${pts(p.max)} points (you gave ${pts(p.points)}).`,

    "records.modal.title.deduction": "File a deduction",
    "records.modal.title.bonus": "File a bonus",
    "records.modal.person": "Person",
    "records.modal.person_hint": "For a person; pick either a person or a window.",
    "records.modal.window": "Window",
    "records.modal.window_hint": "For a window; pick either a person or a window.",
    "records.modal.item": "Item",
    "records.modal.item_placeholder": "Type a code or a name",
    "records.modal.window_group": "Windows {from}–{to}",
    "records.modal.item_group": "{from}–{to} (type to narrow)",
    "records.modal.points": "Points",
    "records.modal.points_hint": "Required for range items; leave empty for fixed items.",
    "records.modal.count": "Count",
    "records.modal.date": "Date",
    "records.modal.note": "What happened",
    "records.modal.linked_points": (p: Params) => `Points for the linked window item ${enItem(p.code)}`,
    "records.modal.refused_title": "Cannot file",
    "records.item.info": "*{name}* ({code}) | {section} | {range}",
    "records.item.range": (p: Params) =>
      p.min === p.max ? enPoints(p.min) : `${pts(p.min)}–${pts(p.max)} points (give the points)`,
    "records.item.linked": (p: Params) =>
      `Also files the window item *${p.name}* (${p.code}): ${p.min === p.max ? enPoints(p.min) : `${enPoints(p.min)} by default; change it below within ${pts(p.min)}–${pts(p.max)}`}.`,
    "records.item.leader_charge": (p: Params) =>
      `Also charges ${enPoints(p.points)} to the leader of the person's window.`,
    "records.points.deduction": (p: Params) =>
      Number(p.count) > 1
        ? `−${enPoints(p.points)} × ${p.count} = −${enPoints(p.total)}`
        : `−${enPoints(p.points)}`,
    "records.points.bonus": (p: Params) =>
      Number(p.count) > 1
        ? `+${enPoints(p.points)} × ${p.count} = +${enPoints(p.total)}`
        : `+${enPoints(p.points)}`,
    "records.subject.window": "window “{name}” ({id})",
    "records.line": "{subject}: *{name}* ({code}, {section}), {points}",
    "records.role.linked_window": "linked window item",
    "records.role.leader_charge": "charged to the window leader",
    "records.date_note": "date {date}{note}",
    "records.note_suffix": "; note: {note}",
    "records.skipped.no_window": (p: Params) =>
      `${enItem(p.code)}: the person has no window, so no linked window item was filed.`,
    "records.skipped.no_leader": (p: Params) =>
      `${enItem(p.code)}: the window has no leader, so no leader charge was filed.`,
    "records.skipped.leader_is_target": (p: Params) =>
      `${enItem(p.code)}: the person is the window leader; no second charge.`,
    "records.skipped.setting_off": (p: Params) =>
      `${enItem(p.code)}: linked window items are switched off in the settings.`,
    "records.preview.header": "Please confirm (not saved yet):",
    "records.button.confirm": "File it",
    "records.button.cancel": "Cancel",
    "records.button.anyway": "File anyway",
    "records.duplicate.title": "Already on record",
    "records.duplicate.ask": "File it anyway?",
    "records.button.revoke": "Revoke",
    "records.cancelled": "Cancelled; nothing was filed.",
    "records.filed": "Filed:",
    "records.notice_failed":
      "The record is saved, but the notice to {who} could not be sent ({error}); please tell them yourself.",
    "records.dm.person":
      "*Evaluation record*\nInspection (<@{filer}>) filed for you: *{name}* ({code}, {section}), {points}.\nDate: {date}{note}\nIf you disagree, please contact inspection.",
    "records.dm.window":
      "*Window evaluation record*\nInspection (<@{filer}>) filed for your window “{window}”: *{name}* ({code}, {section}), {points}.\nDate: {date}{note}",
    "records.dm.leader_charge":
      "*Evaluation record*\n<@{person}> was recorded for *{name}* ({code}, {section}); as their window leader you are charged {points}.\nDate: {date}",
    "records.dm.note": "\nNote: {note}",
    "records.dm.revoked":
      "Your evaluation record was revoked: *{name}* ({code}, {date}, #{id}). Reason: {reason}",
    "records.dm.leader_charge_revoked":
      "The evaluation record of <@{person}> was revoked: *{name}* ({code}, {date}, #{id}); your charge as their window leader goes with it. Reason: {reason}",
    "records.dm.window_revoked":
      "The record of window “{window}” was revoked: *{name}* ({code}, {date}, #{id}). Reason: {reason}",
    "records.revoke.title": "Revoke record",
    "records.revoke.intro": "Revoke record #{id}; the records filed with it are revoked too.",
    "records.revoke.reason": "Reason",
    "records.revoked": "Revoked record {ids}. Reason: {reason}",
  },
};
