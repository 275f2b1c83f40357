// AB岗 (顶岗补位制度, RULES.md §8): the org file's `backup`, the suggested cover, the window leader's
// warning, uncovered absences (App Home, digest) and the W-AB proposal to inspection.
import type { AreaMessages, Params } from "../index.ts";

export const ab: AreaMessages = {
  zh: {
    "error.ORG.BACKUP_UNKNOWN": "组织架构文件 {entry}：B 岗 {backup} 不在 people 列表中。",
    "error.ORG.BACKUP_SELF": "组织架构文件 {entry}：B 岗不能是本人。",
    "error.ORG.BACKUP_OTHER_WINDOW":
      "组织架构文件 {entry}：B 岗 {backup} 属于窗口 {backupWindow}，须与 A 岗同在窗口 {window}。",
    "error.PROPOSAL.DECIDED": (p: Params) =>
      `这条拟扣分已${({ active: "确认", dismissed: "驳回", revoked: "撤销" } as Record<string, string>)[String(p.state)] ?? "处理"}，无需再操作。`,
    "ab.preview.backup_away": "您的 B 岗 {backup} 在这段时间也不在岗，顶岗由窗口负责人安排。",
    "ab.step.both_away":
      "⚠️ *AB岗*：A 岗 {a} 与 B 岗 {b} 在 {periods} 均不在岗，请指定熟悉业务的人员顶岗（顶岗补位制度）。",
    "ab.step.free": "窗口内这些时段在岗的：{people}",
    "ab.step.free_none": "窗口内这些时段没有其他人在岗，请协调主管单位派人。",
    "ab.step.single": "⚠️ *AB岗*：本窗口仅 {requester} 一人，请由主管单位派人顶岗（顶岗补位制度）。",
    "ab.uncovered.line": "#{id} {name}（{window}）· {period} · {state} · {why}",
    "ab.uncovered.none": "未指定顶岗人",
    "ab.uncovered.cover_away": "顶岗人 {cover} 同时不在岗",
    "ab.home.header": "未落实顶岗的请假（至 {to}）",
    "ab.digest.header": "*本周未落实顶岗的请假、外出*",
    "ab.propose.title": "拟扣分：违反顶岗补位制度（W-AB），{window} {name} 的请假 #{id} 开始时无人顶岗",
    "ab.propose.body":
      "{requester} · {period}\n{why}\n扣分日期 {date}，违反顶岗补位(AB岗)制度，扣窗口 5 分。",
    "ab.propose.no_cover": "未指定顶岗人。",
    "ab.propose.cover_away": "顶岗人 {cover} 当时也不在岗。",
    "ab.propose.hint": "确认后计入窗口当月考评；如已由他人顶岗（如主管单位派人），请驳回。",
    "ab.propose.confirm": "确认扣分",
    "ab.propose.dismiss": "驳回",
    "ab.propose.confirmed": "{by} 已确认，计入 {month}。",
    "ab.propose.dismissed": "{by} 已驳回，不计分。",
  },
  en: {
    "error.ORG.BACKUP_UNKNOWN": "Organisation file {entry}: backup {backup} is not in the people list.",
    "error.ORG.BACKUP_SELF": "Organisation file {entry}: a person cannot be their own backup.",
    "error.ORG.BACKUP_OTHER_WINDOW":
      "Organisation file {entry}: backup {backup} is in window {backupWindow}; A and B must share window {window}.",
    "error.PROPOSAL.DECIDED": (p: Params) =>
      `This proposed record was already ${({ active: "confirmed", dismissed: "dismissed", revoked: "revoked" } as Record<string, string>)[String(p.state)] ?? "decided"}; nothing to do.`,
    "ab.preview.backup_away": "Your B post {backup} is away then too: your window leader arranges cover.",
    "ab.step.both_away":
      "⚠️ *AB post*: {a} (A) and their B post {b} are both away: {periods}. Name someone who knows the work to cover (cover rule).",
    "ab.step.free": "At work in the window then: {people}",
    "ab.step.free_none": "Nobody else in the window is at work then: ask the home unit to send someone.",
    "ab.step.single":
      "⚠️ *AB post*: {requester} is the window's only person; the home unit must send someone to cover (cover rule).",
    "ab.uncovered.line": "#{id} {name} ({window}) · {period} · {state} · {why}",
    "ab.uncovered.none": "no cover named",
    "ab.uncovered.cover_away": "cover {cover} is away too",
    "ab.home.header": "Absences nobody covers (to {to})",
    "ab.digest.header": "*Absences this week nobody covers*",
    "ab.propose.title":
      "Proposed: cover rule breached (W-AB), {window}, {name}'s request #{id} started with nobody covering",
    "ab.propose.body":
      "{requester} · {period}\n{why}\nDated {date}: cover (AB post) rule breached, 5 points off the window.",
    "ab.propose.no_cover": "No cover was named.",
    "ab.propose.cover_away": "The cover, {cover}, was away too.",
    "ab.propose.hint":
      "Confirmed, it counts in the window's month; dismiss it if someone did cover (e.g. sent by the home unit).",
    "ab.propose.confirm": "Confirm",
    "ab.propose.dismiss": "Dismiss",
    "ab.propose.confirmed": "Confirmed by {by}; counts in {month}.",
    "ab.propose.dismissed": "Dismissed by {by}; does not count.",
  },
};
