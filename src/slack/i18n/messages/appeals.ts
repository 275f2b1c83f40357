// Appeals (申诉, RULES.md §8a): the button on a deduction's private notice, /score and App Home; the
// modal asking the reason; the reviewer's DM with Uphold / Revoke; the notes; what the appellant and the
// filer are told; reminders; the director's ask to reopen a closed month. Keys: appeals.*, and
// error.<CODE> for APPEALS.*.
import type { AreaMessages } from "../index.ts";

export const appeals: AreaMessages = {
  zh: {
    "appeals.button": "申诉",
    "appeals.under_appeal": "（申诉中）",
    "appeals.deadline": "如有异议，可在 {deadline} 前申诉。",
    "appeals.list_title": "*可申诉的扣分*",
    "appeals.list_line": "#{id} {date} {name} −{total}{under}",
    "appeals.modal.title": "申诉",
    "appeals.modal.submit": "提交申诉",
    "appeals.modal.cancel": "取消",
    "appeals.modal.record": "*#{id} {name}*（{code}，{section}）\n{date} · −{total} · 登记人 {filer}{note}",
    "appeals.modal.reason": "申诉理由",
    "appeals.modal.reason_hint": "写明事实与依据，至多 {max} 字。申诉期间该记录照常计分。",
    "appeals.filed_title": "申诉已提交",
    "appeals.filed":
      "对记录 #{id} 的申诉（申诉 #{appeal}）已提交，由 {reviewer} 复核。复核前该记录显示为“申诉中”，照常计分。",
    "appeals.review":
      "*{appellant} 对扣分记录提出申诉（申诉 #{appeal}）*\n记录 #{id}：{name}（{code}）· {date} · −{total}\n条款：{section}\n登记人：{filer}{note}\n申诉理由：{reason}\n请复核：维持或撤销，并写明意见。",
    "appeals.filer_told":
      "{appellant} 对您登记的记录 #{id}（{name}，{date}）提出申诉（申诉 #{appeal}），由 {reviewer} 复核。",
    "appeals.uphold": "维持",
    "appeals.revoke": "撤销",
    "appeals.decide.title_uphold": "维持原记录",
    "appeals.decide.title_revoke": "撤销记录",
    "appeals.decide.note": "复核意见",
    "appeals.decide.submit": "确定",
    "appeals.decided_title": "已复核",
    "appeals.word.uphold": "维持",
    "appeals.word.revoke": "撤销",
    "appeals.decided": "申诉 #{appeal}（记录 #{id}，{name}）已{decision}：{note}",
    "appeals.dm.decided":
      "您对记录 #{id}（{name}，{date}）的申诉已由 {by} 复核：{decision}。意见：{note}\n{after}",
    "appeals.dm.after_uphold": "该记录维持，照常计分。",
    "appeals.dm.after_revoke": "该记录已撤销，不再计分。",
    "appeals.dm.filer_decided":
      "您登记的记录 #{id}（{name}，{date}）经申诉复核，由 {by} 决定：{decision}。意见：{note}",
    "appeals.ask_reopen":
      "申诉 #{appeal}：{by} 决定撤销记录 #{id}（{name}），但 {month} 已结算。撤销需先由主任重开该月（更正），重开后复核人再点“撤销”。",
    "appeals.reopen_button": "重开 {month}",
    "appeals.ask_reopen_sent": "{month} 已结算，已请主任重开该月；重开后请再次点击“撤销”。",
    "appeals.remind": "提醒：申诉 #{appeal}（{appellant}，记录 #{id} {name}）已等待复核 {days} 个工作日。",
    "appeals.escalate":
      "督办：申诉 #{appeal}（{appellant}，记录 #{id} {name}）已 {days} 个工作日未复核，复核人 {reviewer}。",
    "appeals.close_open": "{month} 结算时仍有 {count} 项申诉未复核（记录照常计分）：{list}",
    "error.APPEALS.RECORD_NOT_FOUND": "找不到记录 #{id}。",
    "error.APPEALS.NOT_DEDUCTION": "记录 #{id} 不是扣分，无需申诉。",
    "error.APPEALS.NOT_ACTIVE": "记录 #{id} 已不在生效状态，不能申诉。",
    "error.APPEALS.NOT_TARGET": "只有被扣分的本人（窗口记录为窗口负责人）可以申诉记录 #{id}。",
    "error.APPEALS.PAST_DEADLINE": "记录 #{id} 的申诉期已于 {deadline} 结束。",
    "error.APPEALS.ALREADY_APPEALED": "记录 #{id} 已申诉过，每条记录只能申诉一次。",
    "error.APPEALS.REASON_REQUIRED": "请填写申诉理由。",
    "error.APPEALS.TOO_LONG": "内容过长，至多 {max} 字。",
    "error.APPEALS.NO_CENTER": "中心尚未导入组织信息。",
    "error.APPEALS.NOT_FOUND": "找不到申诉 #{id}。",
    "error.APPEALS.NOT_REVIEWER": "申诉 #{id} 由 <@{reviewer}> 复核。",
    "error.APPEALS.ALREADY_DECIDED": "申诉 #{id} 已复核。",
    "error.APPEALS.NOTE_REQUIRED": "请填写复核意见。",
    "error.APPEALS.MONTH_CLOSED": "{month} 已结算：撤销需先由主任重开该月。",
  },
  en: {
    "appeals.button": "Appeal",
    "appeals.under_appeal": " (under appeal)",
    "appeals.deadline": "If you disagree, you can appeal until {deadline}.",
    "appeals.list_title": "*Deductions you can appeal*",
    "appeals.list_line": "#{id} {date} {name} −{total}{under}",
    "appeals.modal.title": "Appeal",
    "appeals.modal.submit": "Appeal",
    "appeals.modal.cancel": "Cancel",
    "appeals.modal.record": "*#{id} {name}* ({code}, {section})\n{date} · −{total} · filed by {filer}{note}",
    "appeals.modal.reason": "Why you appeal",
    "appeals.modal.reason_hint":
      "The facts and what they rest on, up to {max} characters. The record still counts while under appeal.",
    "appeals.filed_title": "Appeal filed",
    "appeals.filed":
      "Your appeal (#{appeal}) against record #{id} is filed; {reviewer} reviews it. Until then the record shows “under appeal” and still counts.",
    "appeals.review":
      "*{appellant} appeals a deduction (appeal #{appeal})*\nRecord #{id}: {name} ({code}) · {date} · −{total}\nRule: {section}\nFiled by: {filer}{note}\nAppeal: {reason}\nPlease review: uphold or revoke, with a note.",
    "appeals.filer_told":
      "{appellant} appeals record #{id} you filed ({name}, {date}), appeal #{appeal}; {reviewer} reviews it.",
    "appeals.uphold": "Uphold",
    "appeals.revoke": "Revoke",
    "appeals.decide.title_uphold": "Uphold the record",
    "appeals.decide.title_revoke": "Revoke the record",
    "appeals.decide.note": "Your note",
    "appeals.decide.submit": "Decide",
    "appeals.decided_title": "Decided",
    "appeals.word.uphold": "upheld",
    "appeals.word.revoke": "revoked",
    "appeals.decided": "Appeal #{appeal} (record #{id}, {name}) {decision}: {note}",
    "appeals.dm.decided":
      "Your appeal against record #{id} ({name}, {date}) was {decision} by {by}. Note: {note}\n{after}",
    "appeals.dm.after_uphold": "The record stays and counts.",
    "appeals.dm.after_revoke": "The record is revoked and no longer counts.",
    "appeals.dm.filer_decided":
      "Record #{id} you filed ({name}, {date}) was {decision} on appeal by {by}. Note: {note}",
    "appeals.ask_reopen":
      "Appeal #{appeal}: {by} decided to revoke record #{id} ({name}), but {month} is closed. A revoke there is a correction: the director reopens the month first, then the reviewer clicks Revoke again.",
    "appeals.reopen_button": "Reopen {month}",
    "appeals.ask_reopen_sent":
      "{month} is closed: the director is asked to reopen it; once reopened, click Revoke again.",
    "appeals.remind":
      "Reminder: appeal #{appeal} ({appellant}, record #{id} {name}) has waited {days} working day(s) for your review.",
    "appeals.escalate":
      "Overdue: appeal #{appeal} ({appellant}, record #{id} {name}) has waited {days} working days; reviewer {reviewer}.",
    "appeals.close_open": "{month} closed with {count} appeal(s) still undecided (the records count): {list}",
    "error.APPEALS.RECORD_NOT_FOUND": "Record #{id} was not found.",
    "error.APPEALS.NOT_DEDUCTION": "Record #{id} is not a deduction: there is nothing to appeal.",
    "error.APPEALS.NOT_ACTIVE": "Record #{id} is no longer in force and cannot be appealed.",
    "error.APPEALS.NOT_TARGET":
      "Only the person it was filed against (for a window record, the window's leader) can appeal record #{id}.",
    "error.APPEALS.PAST_DEADLINE": "The appeal period of record #{id} ended on {deadline}.",
    "error.APPEALS.ALREADY_APPEALED": "Record #{id} was already appealed: a record is appealed once.",
    "error.APPEALS.REASON_REQUIRED": "Please give the reason for your appeal.",
    "error.APPEALS.TOO_LONG": "Too long: at most {max} characters.",
    "error.APPEALS.NO_CENTER": "The center's organisation is not imported yet.",
    "error.APPEALS.NOT_FOUND": "Appeal #{id} was not found.",
    "error.APPEALS.NOT_REVIEWER": "Appeal #{id} is reviewed by <@{reviewer}>.",
    "error.APPEALS.ALREADY_DECIDED": "Appeal #{id} is already decided.",
    "error.APPEALS.NOTE_REQUIRED": "Please write a note with your decision.",
    "error.APPEALS.MONTH_CLOSED": "{month} is closed: a revoke needs the director to reopen the month first.",
  },
};
