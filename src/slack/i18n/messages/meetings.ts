// The window leaders' meeting (例会制度, RULES.md §8): the invitation and its answers, the delegate's
// notice, the reminder, the schedule and leave modals, the attendance view, the attendance posted to
// the channel (who came, never the deductions), inspection's review of the proposals, the App Home
// section. Keys: meeting.*, and error.<CODE> for MEETING.*. Dates arrive as YYYY-MM-DD and times as
// HH:mm (Shanghai) and are worded here; names and typed text arrive escaped.
import type { AreaMessages, Params } from "../index.ts";

const civil = (date: unknown) => {
  const [y, m, d] = String(date).split("-").map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
};
const zhWeekday = new Intl.DateTimeFormat("zh-CN", { weekday: "long", timeZone: "UTC" });
const enDate = new Intl.DateTimeFormat("en-GB", {
  weekday: "long",
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
/** "2026年11月20日（星期五）14:30" / "Friday 20 Nov 2026, 14:30" (the weekday from the platform's ICU data). */
const zhWhen = (p: Params) => {
  const d = civil(p.date);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日（${zhWeekday.format(d)}）${p.time}`;
};
const enWhen = (p: Params) => `${enDate.format(civil(p.date)).replace(",", "")}, ${p.time}`;

const FIELD_ZH: Record<string, string> = { place: "地点", topic: "议题" };
const FIELD_EN: Record<string, string> = { place: "place", topic: "topic" };

export const meetings: AreaMessages = {
  zh: {
    "meeting.when": zhWhen,
    "meeting.title": "*窗口负责人例会* #{id}",
    "meeting.details": (p: Params) => `*时间*：${zhWhen(p)}\n*地点*：${p.place}\n*议题*：${p.topic}`,
    "meeting.invite":
      "{organiser} 通知召开窗口负责人例会，请您参加。不能参加的，请在会前请假，并指定本窗口一名人员代为参加（例会制度）。",
    "meeting.button.attend": "我会参加",
    "meeting.button.leave": "请假",
    "meeting.answer.pending": "您尚未回复。",
    "meeting.answer.attend": "您已回复：参加。会前可以更改。",
    "meeting.answer.leave": "您已请假，由 {delegate} 代为参加。会前可以更改。",
    "meeting.answer.closed": "例会已开始，回复已截止。",
    "meeting.scheduled": "已安排窗口负责人例会 #{id}（{when}，{place}），已通知 {count} 位窗口负责人。",
    "meeting.delegate.named":
      "窗口负责人 {leader} 请假，指定您代为参加窗口负责人例会 #{id}：\n{details}\n请准时参加；未参加的，按例会制度扣分。",
    "meeting.delegate.released": "{leader} 已不再需要您代为参加 {when} 的窗口负责人例会 #{id}。",
    "meeting.remind.leader": "提醒：窗口负责人例会 #{id} 将于 {when} 在{place}召开。",
    "meeting.remind.leader_pending": "提醒：窗口负责人例会 #{id} 将于 {when} 在{place}召开，您尚未回复。",
    "meeting.remind.delegate": "提醒：您将代 {leader} 参加窗口负责人例会 #{id}，{when}，{place}。",
    "meeting.schedule.title": "安排窗口负责人例会",
    "meeting.schedule.intro":
      "保存后，每位在岗的窗口负责人都会收到通知，可以回复参加或请假（指定本窗口一名人员代为参加）；会前一天再提醒一次。",
    "meeting.schedule.date": "日期",
    "meeting.schedule.time": "时间",
    "meeting.schedule.place": "地点",
    "meeting.schedule.topic": "议题",
    "meeting.schedule.submit": "发出通知",
    "meeting.leave.title": "例会请假",
    "meeting.leave.intro": "窗口负责人例会 #{id}，{when}。请指定本窗口一名人员代为参加。",
    "meeting.leave.delegate": "代为参加的人（本窗口）",
    "meeting.leave.submit": "请假",
    "meeting.attendance.title": "例会考勤",
    "meeting.attendance.intro":
      "勾选到会的人：窗口负责人，或请假时指定的代参人。未勾选的，机器人会提出扣分建议，由督查科逐条确认。",
    "meeting.attendance.group": "到会（第 {from}–{to} 位）",
    "meeting.attendance.leader": "{name}（{window}）",
    "meeting.attendance.delegate": "{name}（代 {leader}）",
    "meeting.attendance.minutes": "会议记录",
    "meeting.attendance.submit": "保存考勤",
    "meeting.line.present": "✅ {leader}（{window}）出席",
    "meeting.line.delegate_present": "✅ {leader}（{window}）请假，由 {delegate} 代为出席",
    "meeting.line.delegate_absent": "❌ {leader}（{window}）请假，指定的代参人 {delegate} 未出席",
    "meeting.line.absent": "❌ {leader}（{window}）缺席",
    "meeting.channel.title": "*窗口负责人例会考勤* #{id}",
    "meeting.channel.summary": "应到 {invited} 个窗口，出席（含代参）{present} 个。",
    "meeting.channel.minutes": "会议记录：{files}",
    "meeting.review.title": "*例会 #{id} 考勤后的扣分建议*（{when}）：请逐条确认或不予采纳。",
    "meeting.review.none": "例会 #{id}（{when}）考勤完毕，没有扣分建议。",
    "meeting.review.item": "{person}：{item}（{code}）−{points} 分",
    "meeting.review.leader_charge": "（其窗口负责人 {leader} 连带扣 {points} 分）",
    "meeting.review.confirm": "确认",
    "meeting.review.dismiss": "不予采纳",
    "meeting.review.confirmed": "✅ 已由 {by} 确认",
    "meeting.review.dismissed": "已由 {by} 不予采纳",
    "meeting.person.confirmed": "督查科确认了对您的一条扣分：{item}（{code}）−{points} 分，{note}。",
    "meeting.home.title": "*窗口负责人例会*",
    "meeting.home.none": "暂无安排的例会。",
    "meeting.home.schedule": "安排例会",
    "meeting.home.take": "考勤",
    "meeting.home.due": "#{id} {when}，{place}：已开始，尚未考勤",
    "meeting.home.item": "#{id} {when}，{place}\n议题：{topic}",
    "meeting.command.none": "目前没有安排的窗口负责人例会。",
    "error.MEETING.NOT_ORGANISER": "只有督查科或中心主任可以安排窗口负责人例会。",
    "error.MEETING.NOT_INSPECTION": "只有督查科可以考勤和确认例会的扣分建议。",
    "error.MEETING.BAD_DATE": "日期“{date}”无效，请使用 YYYY-MM-DD。",
    "error.MEETING.BAD_TIME": "时间“{time}”无效，请使用 HH:mm（如 14:30）。",
    "error.MEETING.PAST": "{date} {time} 已经过去，例会须安排在今后的时间。",
    "error.MEETING.TEXT_REQUIRED": (p: Params) => `请填写${FIELD_ZH[String(p.field)] ?? p.field}。`,
    "error.MEETING.TEXT_TOO_LONG": (p: Params) =>
      `${FIELD_ZH[String(p.field)] ?? p.field}不能超过 ${p.max} 个字。`,
    "error.MEETING.NO_LEADERS": "没有在岗的窗口负责人，无人可通知。",
    "error.MEETING.NOT_FOUND": "找不到这次例会。",
    "error.MEETING.NOT_INVITED": "您不是这次例会的参会窗口负责人。",
    "error.MEETING.STARTED": "例会已于 {date} {time} 开始，不能再回复或请假。",
    "error.MEETING.NOT_STARTED": "例会 {date} {time} 开始后才能考勤。",
    "error.MEETING.NOT_SCHEDULED": (p: Params) =>
      p.state === "cancelled" ? "这次例会已取消。" : "这次例会已经考勤。",
    "error.MEETING.DELEGATE_REQUIRED": "请假须指定本窗口一名人员代为参加。",
    "error.MEETING.NO_DELEGATE_AVAILABLE":
      "您的窗口没有其他人员可以代为参加。缺席且未指定他人的，按例会制度扣分（由督查科确认），请直接与督查科联系。",
    "error.MEETING.DELEGATE_OTHER_WINDOW": "<@{delegateId}> 不是您窗口的人员：代参人须来自本窗口。",
    "error.MEETING.DELEGATE_SELF": "不能指定自己代为参加。",
    "error.MEETING.UNKNOWN_ATTENDEE": "<@{personId}> 不是这次例会的参会人员。",
    "error.MEETING.MONTH_CLOSED": "{month} 已结算，不能再登记该月例会的扣分；请先由中心主任重新打开该月。",
    "error.MEETING.PROPOSAL_NOT_FOUND": "找不到这条例会扣分建议。",
    "error.MEETING.PROPOSAL_DECIDED": "这条扣分建议已经处理过。",
    "error.MEETING.BAD_FILE": "会议记录文件无效，请重新上传。",
  },
  en: {
    "meeting.when": enWhen,
    "meeting.title": "*Window leaders' meeting* #{id}",
    "meeting.details": (p: Params) => `*When*: ${enWhen(p)}\n*Where*: ${p.place}\n*Topic*: ${p.topic}`,
    "meeting.invite":
      "{organiser} calls a window leaders' meeting; please attend. If you cannot come, ask for leave before the meeting and name someone of your window to attend for you (meeting rules).",
    "meeting.button.attend": "I'll attend",
    "meeting.button.leave": "Ask for leave",
    "meeting.answer.pending": "You have not answered yet.",
    "meeting.answer.attend": "You answered: attending. You can change this until the meeting starts.",
    "meeting.answer.leave":
      "You asked for leave; {delegate} attends for you. You can change this until the meeting starts.",
    "meeting.answer.closed": "The meeting has started; answers are closed.",
    "meeting.scheduled":
      "Window leaders' meeting #{id} scheduled ({when}, {place}); {count} window leaders told.",
    "meeting.delegate.named":
      "Window leader {leader} is on leave and named you to attend window leaders' meeting #{id} for them:\n{details}\nPlease attend; missing it costs points under the meeting rules.",
    "meeting.delegate.released":
      "{leader} no longer needs you to attend window leaders' meeting #{id} ({when}) for them.",
    "meeting.remind.leader": "Reminder: window leaders' meeting #{id} is on {when} at {place}.",
    "meeting.remind.leader_pending":
      "Reminder: window leaders' meeting #{id} is on {when} at {place}; you have not answered yet.",
    "meeting.remind.delegate":
      "Reminder: you attend window leaders' meeting #{id} for {leader}, {when}, {place}.",
    "meeting.schedule.title": "Schedule a meeting",
    "meeting.schedule.intro":
      "Once saved, every window leader in post is told and can answer attend or ask for leave (naming someone of their window to attend for them); they are reminded the day before.",
    "meeting.schedule.date": "Date",
    "meeting.schedule.time": "Time",
    "meeting.schedule.place": "Place",
    "meeting.schedule.topic": "Topic",
    "meeting.schedule.submit": "Send notice",
    "meeting.leave.title": "Ask for leave",
    "meeting.leave.intro":
      "Window leaders' meeting #{id}, {when}. Name someone of your window to attend for you.",
    "meeting.leave.delegate": "Attends for you (your window)",
    "meeting.leave.submit": "Ask for leave",
    "meeting.attendance.title": "Meeting attendance",
    "meeting.attendance.intro":
      "Tick who came: the window leader, or the delegate they named. For anyone not ticked the bot proposes a deduction, which inspection confirms one by one.",
    "meeting.attendance.group": "Present ({from}–{to})",
    "meeting.attendance.leader": "{name} ({window})",
    "meeting.attendance.delegate": "{name} (for {leader})",
    "meeting.attendance.minutes": "Minutes",
    "meeting.attendance.submit": "Save attendance",
    "meeting.line.present": "✅ {leader} ({window}) attended",
    "meeting.line.delegate_present": "✅ {leader} ({window}) on leave; {delegate} attended for them",
    "meeting.line.delegate_absent":
      "❌ {leader} ({window}) on leave; the named delegate {delegate} did not attend",
    "meeting.line.absent": "❌ {leader} ({window}) absent",
    "meeting.channel.title": "*Window leaders' meeting attendance* #{id}",
    "meeting.channel.summary": "{invited} windows invited, {present} attended (delegates included).",
    "meeting.channel.minutes": "Minutes: {files}",
    "meeting.review.title": "*Deductions proposed after meeting #{id}* ({when}): confirm or dismiss each.",
    "meeting.review.none": "Attendance of meeting #{id} ({when}) taken; no deductions proposed.",
    "meeting.review.item": "{person}: {item} ({code}) −{points}",
    "meeting.review.leader_charge": " (their window leader {leader} is also charged {points})",
    "meeting.review.confirm": "Confirm",
    "meeting.review.dismiss": "Dismiss",
    "meeting.review.confirmed": "✅ Confirmed by {by}",
    "meeting.review.dismissed": "Dismissed by {by}",
    "meeting.person.confirmed":
      "Inspection confirmed a deduction for you: {item} ({code}) −{points}, {note}.",
    "meeting.home.title": "*Window leaders' meetings*",
    "meeting.home.none": "No meeting scheduled.",
    "meeting.home.schedule": "Schedule a meeting",
    "meeting.home.take": "Take attendance",
    "meeting.home.due": "#{id} {when}, {place}: started, attendance not taken",
    "meeting.home.item": "#{id} {when}, {place}\nTopic: {topic}",
    "meeting.command.none": "No window leaders' meeting is scheduled.",
    "error.MEETING.NOT_ORGANISER": "Only inspection or the director can schedule a window leaders' meeting.",
    "error.MEETING.NOT_INSPECTION": "Only inspection takes attendance and confirms the meeting's proposals.",
    "error.MEETING.BAD_DATE": "“{date}” is not a date; use YYYY-MM-DD.",
    "error.MEETING.BAD_TIME": "“{time}” is not a time; use HH:mm (e.g. 14:30).",
    "error.MEETING.PAST": "{date} {time} has passed; a meeting must be in the future.",
    "error.MEETING.TEXT_REQUIRED": (p: Params) => `Please give the ${FIELD_EN[String(p.field)] ?? p.field}.`,
    "error.MEETING.TEXT_TOO_LONG": (p: Params) =>
      `The ${FIELD_EN[String(p.field)] ?? p.field} can be at most ${p.max} characters.`,
    "error.MEETING.NO_LEADERS": "There is no window leader in post to invite.",
    "error.MEETING.NOT_FOUND": "That meeting was not found.",
    "error.MEETING.NOT_INVITED": "You are not one of the window leaders invited to this meeting.",
    "error.MEETING.STARTED": "The meeting started at {date} {time}; answers and leave are closed.",
    "error.MEETING.NOT_STARTED": "Attendance can be taken once the meeting starts ({date} {time}).",
    "error.MEETING.NOT_SCHEDULED": (p: Params) =>
      p.state === "cancelled" ? "This meeting was cancelled." : "This meeting's attendance is already taken.",
    "error.MEETING.DELEGATE_REQUIRED": "Leave needs someone of your window named to attend for you.",
    "error.MEETING.NO_DELEGATE_AVAILABLE":
      "Nobody else in your window can attend for you. An absence with nobody named costs points under the meeting rules (inspection confirms); please speak to inspection.",
    "error.MEETING.DELEGATE_OTHER_WINDOW":
      "<@{delegateId}> is not in your window: the delegate must be from your own window.",
    "error.MEETING.DELEGATE_SELF": "You cannot name yourself.",
    "error.MEETING.UNKNOWN_ATTENDEE": "<@{personId}> is not expected at this meeting.",
    "error.MEETING.MONTH_CLOSED":
      "{month} is closed; its meeting deductions cannot be recorded until the director reopens it.",
    "error.MEETING.PROPOSAL_NOT_FOUND": "That proposed deduction was not found.",
    "error.MEETING.PROPOSAL_DECIDED": "That proposal has already been decided.",
    "error.MEETING.BAD_FILE": "The minutes file is not valid; please upload it again.",
  },
};
