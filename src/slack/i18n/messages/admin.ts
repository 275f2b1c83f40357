// Monthly administration in the App Home (issue #10), for inspection and the director: CSV uploads
// with their check and row report, center evaluations, closing a month, jobs and the outbox. Keys:
// manage.*, and error.<CODE> for ADMIN.*. Buttons are named here as the App Home shows them, so the
// other areas' messages can point at them ("在应用主页点击「录入中心评价分」").
import type { AreaMessages, Params } from "../index.ts";

const JOB_ZH: Record<string, string> = {
  "close-month": "月度结算",
  "close-quarter": "季度结算",
  "close-year": "年度结算",
  digest: "每周概况",
  "locale-sync": "同步语言设置",
};
const JOB_EN: Record<string, string> = {
  "close-month": "Monthly close",
  "close-quarter": "Quarter close",
  "close-year": "Year close",
  digest: "Weekly digest",
  "locale-sync": "Locale sync",
};

/** "1 failed message", "3 failed messages". */
const messages = (n: unknown) => `${n} failed message${Number(n) === 1 ? "" : "s"}`;

export const admin: AreaMessages = {
  zh: {
    // ---- the App Home section
    "manage.home.title": "*月度管理*（督查科、主任）",
    "manage.home.intro":
      "每月：上传评价器和考勤数据，先检查、核对无误后确认导入；季度末录入中心评价分；每月初自动结算上月，重新开放的月份在这里再次结算。",
    "manage.home.reopened": "🔓 {months}已重新开放：更正完成后，请点击「结算月份」再次结算。",
    "manage.button.ratings": "导入评价器数据",
    "manage.button.attendance": "导入考勤数据",
    "manage.button.secondments": "导入抽调记录",
    "manage.button.evaluations": "导入中心评价分表",
    "manage.button.evaluate": "录入中心评价分",
    "manage.button.close": "结算月份",
    "manage.button.close_again": "再次结算",
    "manage.jobs.title": "*定时任务与消息发送*",
    "manage.jobs.outbox": "待发送消息 {queued} 条，正在发送 {sending} 条，发送失败 {failed} 条。",
    "manage.jobs.none": "还没有运行过定时任务。",
    "manage.jobs.line": (p: Params) =>
      `${p.state === "done" ? "✅" : p.state === "failed" ? "❌" : "⏳"} ${JOB_ZH[String(p.job)] ?? p.job} ${p.period} · ${p.state === "done" ? "完成" : p.state === "failed" ? "失败" : "进行中"}（${p.at}）${p.error ? `：${p.error}` : ""}`,
    "manage.jobs.failure": "❌ 发给 {to} 的消息 #{id} 未能发送（{at}）：{error}",
    "manage.jobs.retry": "重新发送失败的消息",
    "manage.jobs.retry_confirm_title": "重新发送失败的消息？",
    "manage.jobs.retry_confirm_text":
      "{failed} 条发送失败的消息将重新排队发送。请先排除失败原因（例如把机器人邀请进频道）。",
    "manage.jobs.retry_confirm": "重新发送",
    "manage.jobs.retried": "已把 {count} 条失败的消息重新排队发送。",
    // ---- CSV uploads
    "manage.import.title.ratings": "导入评价器数据",
    "manage.import.title.attendance": "导入考勤数据",
    "manage.import.title.secondments": "导入抽调记录",
    "manage.import.title.evaluations": "导入中心评价分表",
    "manage.import.intro.ratings":
      "上传服务评价器导出的数据。列：人员（Slack ID 或花名册中的姓名）、月份（或日期，按日汇总）、满意、基本满意、不满意。导入后替换该月这些人员的评价数据。",
    "manage.import.intro.attendance":
      "上传考勤机导出的一个月打卡记录。列：人员、打卡时间（或日期和时间）。已批准的请假、外出和节假日不计；生成的拟记录发督查科核对，确认前不计分。",
    "manage.import.intro.secondments":
      "上传经中心同意的抽调记录。列：人员、月份、天数（以半天为单位，如 2.5）、备注。抽调不扣分，当月考评奖按抽调天数相应扣发。",
    "manage.import.intro.evaluations":
      "上传中心评价分表。列：期间（季度如 2026-Q3，年度如 2026）、类型（人员或窗口，不填为人员）、对象（Slack ID 或姓名；窗口编号或名称）、评价分（0–10）。",
    "manage.import.rules":
      "CSV 文件，不超过 {maxMb} MB（Excel 中“另存为 CSV UTF-8”；GBK 编码也能识别）。点「检查文件」只检查、不写入；核对无误后再点「确认导入」。",
    "manage.import.file_label": "CSV 文件",
    "manage.import.file_again": "改正后的 CSV 文件",
    "manage.import.check": "检查文件",
    "manage.import.confirm": "确认导入",
    "manage.import.working_title": "正在处理",
    "manage.import.working": "正在读取和检查文件，请稍候…",
    "manage.import.summary": "文件“{name}”共 {rows} 行：可导入 {taken} 行，有问题 {refused} 行。",
    "manage.import.encoding": "文件按 GBK/GB18030 编码读取。",
    "manage.import.dry_ok": "*检查通过，尚未写入任何数据。* 请核对下面的内容，无误后点击「确认导入」。",
    "manage.import.refused": "*以下各行有问题，未写入任何数据。* 请改正文件后重新上传。",
    "manage.import.line": "第 {line} 行：{text}",
    "manage.import.preview": "*将导入的内容*（{columns}）",
    "manage.import.columns.ratings": "月份 姓名 满意/基本满意/不满意",
    "manage.import.columns.attendance": "姓名 打卡时间",
    "manage.import.columns.secondments": "月份 姓名 抽调天数",
    "manage.import.columns.evaluations": "期间 类型 对象 评价分",
    "manage.import.totals.ratings": "涉及 {people} 人、{months} 个月。",
    "manage.import.totals.attendance":
      "{month}：判断 {days} 个工作日，拟记 {proposed} 条（迟到早退 {late}、缺签 {nopunch}、擅离岗位 {offpost}、旷工 {absent} 个半天）；导出中没有打卡记录的 {notInExport} 人不作判断。",
    "manage.import.done_title": "已导入",
    "manage.import.done": "已导入文件“{name}”的 {taken} 行。",
    "manage.import.done_attendance":
      "已导入文件“{name}”：{month}拟记 {proposed} 条考勤记录，已发督查科核对，确认前不计分。",
    // ---- center evaluations
    "manage.eval.title": "录入中心评价分",
    "manage.eval.intro":
      "季度为每位工作人员录入中心评价分（0–10 分），年度另为每个窗口录入。结算前可以修改，结算后不能再改。季度结算等全部录入后自动进行。",
    "manage.eval.period": "考评期",
    "manage.eval.target": "人员或窗口",
    "manage.eval.target_placeholder": "输入姓名或窗口名称搜索",
    "manage.eval.points": "中心评价分（0–10）",
    "manage.eval.save": "保存",
    "manage.eval.done": "完成",
    "manage.eval.saved": "✅ 已保存：{target} {period}中心评价分 {points} 分{before}。可以继续录入下一位。",
    "manage.eval.before": "（原为 {points} 分）",
    "manage.eval.count": "{period}已录入 {count} 项。",
    "manage.eval.csv_hint": "人数多时，可在应用主页点击「导入中心评价分表」上传 CSV。",
    "manage.eval.none_open": "目前没有可以录入中心评价分的季度或年度（都已结算）。",
    "manage.eval.group_people": "人员",
    "manage.eval.group_windows": "窗口",
    "manage.eval.person": "{name}（{window}）",
    "manage.eval.entered": "{label} · 已录 {points} 分",
    "manage.period.quarter": (p: Params) =>
      `${String(p.period).slice(0, 4)}年第${String(p.period).slice(6)}季度`,
    "manage.period.year": (p: Params) => `${p.period}年度`,
    // ---- closing a month
    "manage.close.title": "结算月份",
    "manage.close.intro":
      "结算后冻结该月结果：中心频道公布排名，每人私信收到本人得分和考评奖。已重新开放的月份再次结算后，结果和通知标为“更正”。",
    "manage.close.month": "月份",
    "manage.close.option_open": "{month}（未结算）",
    "manage.close.option_reopened": "{month}（已重新开放，待再次结算）",
    "manage.close.reason": "结算说明",
    "manage.close.reason_hint": "必填，记入操作日志，例如“更正完成，再次结算”。",
    "manage.close.submit": "结算",
    "manage.close.none":
      "目前没有可以手动结算的月份：上月已结算或会在本月第一个工作日自动结算。主任重新开放的月份会出现在这里。",
    "manage.close.working_title": "正在结算",
    "manage.close.working": "正在结算，请稍候…",
    "manage.close.done_title": "已结算",
    "manage.close.done": "{month}已结算{corrected}：参评 {n} 人。排名、每人的私信通知和考评表已排队发送。",
    "manage.close.corrected": "（第 {closings} 次，更正）",
    // ---- errors
    "error.ADMIN.NOT_ALLOWED": "抱歉，月度管理只有督查科和中心主任可以使用。",
    "error.ADMIN.NO_FILE": "请选择一个 CSV 文件。",
    "error.ADMIN.NOT_CSV": "“{name}”不是 CSV 文件。请在 Excel 中“另存为 CSV UTF-8”后再上传。",
    "error.ADMIN.FILE_TOO_LARGE": "“{name}”有 {sizeMb} MB，超过了 {maxMb} MB 的上限。请只导出一个月的数据。",
    "error.ADMIN.FILE_NOT_FOUND": "找不到上传的文件（可能已被删除），请重新上传。",
    "error.ADMIN.FILE_UNREADABLE": "暂时无法从 Slack 读取文件（{reason}），请稍后再试。",
    "error.ADMIN.CLOSE_REASON_REQUIRED": "请填写结算说明（不超过 {max} 字）。",
    "error.ADMIN.NO_TARGET": "请选择人员或窗口。",
  },
  en: {
    "manage.home.title": "*Monthly administration* (inspection, director)",
    "manage.home.intro":
      "Each month: upload the rating-device and attendance data — checked first, imported once you confirm; enter the center evaluations at the end of a quarter. Months close automatically at the start of the next one; a reopened month is closed again here.",
    "manage.home.reopened": "🔓 {months} reopened: once corrected, close it again with “Close a month”.",
    "manage.button.ratings": "Import ratings",
    "manage.button.attendance": "Import attendance",
    "manage.button.secondments": "Import secondments",
    "manage.button.evaluations": "Import evaluations",
    "manage.button.evaluate": "Enter evaluations",
    "manage.button.close": "Close a month",
    "manage.button.close_again": "Close again",
    "manage.jobs.title": "*Scheduled jobs and messages*",
    "manage.jobs.outbox": "Messages: {queued} waiting, {sending} being sent, {failed} failed.",
    "manage.jobs.none": "No scheduled job has run yet.",
    "manage.jobs.line": (p: Params) =>
      `${p.state === "done" ? "✅" : p.state === "failed" ? "❌" : "⏳"} ${JOB_EN[String(p.job)] ?? p.job} ${p.period} · ${p.state === "failed" ? "failed" : p.state === "done" ? "done" : "running"} (${p.at})${p.error ? `: ${p.error}` : ""}`,
    "manage.jobs.failure": "❌ Message #{id} to {to} could not be sent ({at}): {error}",
    "manage.jobs.retry": "Send failed messages again",
    "manage.jobs.retry_confirm_title": "Send the failed messages again?",
    "manage.jobs.retry_confirm_text": (p: Params) =>
      `${messages(p.failed)} go${Number(p.failed) === 1 ? "es" : ""} back to the queue. Fix the cause first (for example, invite the bot to the channel).`,
    "manage.jobs.retry_confirm": "Send again",
    "manage.jobs.retried": (p: Params) =>
      `${messages(p.count)} ${Number(p.count) === 1 ? "is" : "are"} queued again.`,
    "manage.import.title.ratings": "Import ratings",
    "manage.import.title.attendance": "Import attendance",
    "manage.import.title.secondments": "Import secondments",
    "manage.import.title.evaluations": "Import evaluations",
    "manage.import.intro.ratings":
      "Upload the rating devices' export. Columns: person (Slack ID or the name on the roster), month (or date, added up per month), satisfied, fairly satisfied, dissatisfied. It replaces that month's ratings of the people in the file.",
    "manage.import.intro.attendance":
      "Upload one month of punches from the attendance machine. Columns: person, punch time (or date and time). Approved leave, trips and holidays are left out; the proposed records go to inspection to review and count only once confirmed.",
    "manage.import.intro.secondments":
      "Upload the secondments the center agreed to. Columns: person, month, days (in half days, e.g. 2.5), note. A secondment costs no points; the month's award is reduced by the days seconded.",
    "manage.import.intro.evaluations":
      "Upload the center evaluations. Columns: period (a quarter such as 2026-Q3, a year such as 2026), type (person or window; person when empty), target (Slack ID or name; window ID or name), points (0–10).",
    "manage.import.rules":
      "A CSV file of at most {maxMb} MB (in Excel: Save As “CSV UTF-8”; GBK is read too). “Check the file” only checks and writes nothing; press Import once it looks right.",
    "manage.import.file_label": "CSV file",
    "manage.import.file_again": "The corrected CSV file",
    "manage.import.check": "Check the file",
    "manage.import.confirm": "Import",
    "manage.import.working_title": "Working",
    "manage.import.working": "Reading and checking the file…",
    "manage.import.summary": "“{name}” has {rows} rows: {taken} can be imported, {refused} have problems.",
    "manage.import.encoding": "The file was read as GBK/GB18030.",
    "manage.import.dry_ok": "*The file checks out; nothing is written yet.* Look it over, then press Import.",
    "manage.import.refused":
      "*These rows have problems; nothing was written.* Fix the file and upload it again.",
    "manage.import.line": "Line {line}: {text}",
    "manage.import.preview": "*What will be imported* ({columns})",
    "manage.import.columns.ratings": "month, name, satisfied/fairly/dissatisfied",
    "manage.import.columns.attendance": "name, punch times",
    "manage.import.columns.secondments": "month, name, days seconded",
    "manage.import.columns.evaluations": "period, type, target, points",
    "manage.import.totals.ratings": (p: Params) =>
      `${p.people} ${Number(p.people) === 1 ? "person" : "people"}, ${p.months} month${Number(p.months) === 1 ? "" : "s"}.`,
    "manage.import.totals.attendance":
      "{month}: {days} working days judged; {proposed} records proposed (late or early {late}, missed punch {nopunch}, off post {offpost}, absent {absent} half days); {notInExport} people without any punch in the export are not judged.",
    "manage.import.done_title": "Imported",
    "manage.import.done": "Imported {taken} rows of “{name}”.",
    "manage.import.done_attendance":
      "Imported “{name}”: {proposed} attendance records proposed for {month} and sent to inspection to review; they count once confirmed.",
    "manage.eval.title": "Center evaluation",
    "manage.eval.intro":
      "Each quarter every person gets a center evaluation (0–10); each year every window gets one too. It can be changed until the period is closed. The quarter closes by itself once all are in.",
    "manage.eval.period": "Period",
    "manage.eval.target": "Person or window",
    "manage.eval.target_placeholder": "Type a name to search",
    "manage.eval.points": "Center evaluation (0–10)",
    "manage.eval.save": "Save",
    "manage.eval.done": "Done",
    "manage.eval.saved": "✅ Saved: {target}, {period}: {points} points{before}. Enter the next one.",
    "manage.eval.before": " (was {points})",
    "manage.eval.count": "{period}: {count} entered so far.",
    "manage.eval.csv_hint": "For many at once, upload a CSV with “Import evaluations” in the Home tab.",
    "manage.eval.none_open": "No quarter or year is open for center evaluations (all are closed).",
    "manage.eval.group_people": "People",
    "manage.eval.group_windows": "Windows",
    "manage.eval.person": "{name} ({window})",
    "manage.eval.entered": "{label} · {points} entered",
    "manage.period.quarter": (p: Params) => `Q${String(p.period).slice(6)} ${String(p.period).slice(0, 4)}`,
    "manage.period.year": (p: Params) => `Year ${p.period}`,
    "manage.close.title": "Close a month",
    "manage.close.intro":
      "Closing freezes the month: the ranking goes to the center's channel and everyone gets their score and award privately. A reopened month closed again is marked “corrected”, results and notices alike.",
    "manage.close.month": "Month",
    "manage.close.option_open": "{month} (not closed)",
    "manage.close.option_reopened": "{month} (reopened, to be closed again)",
    "manage.close.reason": "Note",
    "manage.close.reason_hint": "Required and logged, e.g. “corrected, closing again”.",
    "manage.close.submit": "Close",
    "manage.close.none":
      "No month can be closed by hand now: last month is closed, or closes by itself on this month's first working day. A month the director reopens shows up here.",
    "manage.close.working_title": "Closing",
    "manage.close.working": "Closing the month…",
    "manage.close.done_title": "Closed",
    "manage.close.done":
      "{month} is closed{corrected}: {n} people evaluated. The ranking, everyone's notice and the workbooks are queued.",
    "manage.close.corrected": " (closing {closings}, corrected)",
    "error.ADMIN.NOT_ALLOWED": "Sorry, monthly administration is for inspection and the director only.",
    "error.ADMIN.NO_FILE": "Choose a CSV file.",
    "error.ADMIN.NOT_CSV": "“{name}” is not a CSV file. In Excel, Save As “CSV UTF-8”, then upload it.",
    "error.ADMIN.FILE_TOO_LARGE":
      "“{name}” is {sizeMb} MB, more than the {maxMb} MB allowed. Export one month only.",
    "error.ADMIN.FILE_NOT_FOUND": "The uploaded file is gone (it may have been deleted); upload it again.",
    "error.ADMIN.FILE_UNREADABLE":
      "The file cannot be read from Slack right now ({reason}); try again later.",
    "error.ADMIN.CLOSE_REASON_REQUIRED": "Write a note for the close (at most {max} characters).",
    "error.ADMIN.NO_TARGET": "Choose a person or a window.",
  },
};
