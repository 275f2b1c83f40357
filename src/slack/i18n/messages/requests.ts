// Leave and trip requests, approvals, App Home and /score (RULES.md §3). Keys: req.* and error.<CODE> for
// the codes of src/services/requests.ts, approvals.ts and src/slack/quickForm.ts.
import { REQUEST_KINDS } from "../../../domain/routing.ts";
import type { AreaMessages, Params } from "../index.ts";

type HalfPoint = { date: string; half: "am" | "pm" };
const zhHalf = { am: "上午", pm: "下午" } as const;
const enHalf = { am: "morning", pm: "afternoon" } as const;
const point = (p: unknown, lang: "zh" | "en") => {
  const { date, half } = (p ?? {}) as Partial<HalfPoint>;
  return `${date ?? "?"} ${half ? (lang === "zh" ? zhHalf[half] : enHalf[half]) : ""}`.trim();
};
/** A period: one half day or one whole day reads as that day, not "X 上午 至 X 上午". */
const span = (start: unknown, end: unknown, lang: "zh" | "en") => {
  const s = (start ?? {}) as Partial<HalfPoint>;
  const e = (end ?? {}) as Partial<HalfPoint>;
  if (s.date && s.date === e.date) {
    if (s.half === e.half) return point(s, lang);
    if (s.half === "am" && e.half === "pm") return lang === "zh" ? `${s.date} 全天` : `${s.date}, all day`;
  }
  return lang === "zh" ? `${point(s, "zh")} 至 ${point(e, "zh")}` : `${point(s, "en")} to ${point(e, "en")}`;
};
const kindName = (k: unknown, lang: "zh" | "en") =>
  REQUEST_KINDS.find((x) => x.kind === k)?.[lang] ?? String(k);
const capital = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;
const lower = (s: string) => `${s.charAt(0).toLowerCase()}${s.slice(1)}`;
/** "2026-11" → "November 2026". */
const enMonth = (m: unknown) =>
  new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" }).format(
    Date.UTC(Number(String(m).slice(0, 4)), Number(String(m).slice(5, 7)) - 1, 1),
  );
const days = (halfDays: unknown) => String(Number(halfDays) / 2);
/** English day counts: "half a day", "1 day", "1.5 days". */
const enDays = (halfDays: unknown) => {
  const n = Number(halfDays);
  return n === 1 ? "half a day" : n === 2 ? "1 day" : `${n / 2} days`;
};
/** `{days}` params given in days (e.g. "0.5"), as English. */
const enDaysOf = (d: unknown) => enDays(Number(d) * 2);
/** 一 … 十: the regulation numbers its parts and paragraphs in Chinese. */
const cnNumber = (n: unknown) => "〇一二三四五六七八九十"[Number(n)] ?? String(n);
/** A bound of a routing table's row in days (src/domain/routing.ts RuleClause). */
type Bound = { days: number; inclusive: boolean } | null;
const zhDays = (d: number) => (d === 0.5 ? "半天" : `${d} 天`);
/** "超过 7 天", "超过半天": a word before a day count, spaced only before a number. */
const zhWordDays = (word: string, d: number) => `${word}${d === 0.5 ? "" : " "}${zhDays(d)}`;
/**
 * A row's range as the regulation writes it: "半天以上 3 天以内", "3 天以上不满 7 天", "7 天以上（含 7 天）",
 * "超过 15 天". Between two bounded rows the number goes to the lower one (§2), as the text's "以上/以内"
 * say; an open-ended row says whether its bound is included.
 */
const zhRange = (from: Bound, to: Bound): string => {
  const upper = to ? (to.inclusive ? `${zhDays(to.days)}以内` : zhWordDays("不满", to.days)) : "";
  if (!from) return upper || "按有关规定执行";
  if (!to)
    return from.inclusive
      ? `${zhDays(from.days)}以上（${zhWordDays("含", from.days)}）`
      : zhWordDays("超过", from.days);
  return `${zhDays(from.days)}以上${/^\d/.test(upper) ? " " : ""}${upper}`;
};
const enDayCount = (d: number) => enDays(d * 2);
const enRange = (from: Bound, to: Bound): string => {
  const upper = to ? `${to.inclusive ? "up to" : "under"} ${enDayCount(to.days)}` : "";
  if (!from) return upper || "as the relevant regulations provide";
  const lower = from.inclusive ? `${enDayCount(from.days)} or more` : `over ${enDayCount(from.days)}`;
  if (!to) return lower;
  return to.inclusive ? `${lower} ${upper}` : `${lower} and ${upper}`;
};
const fieldZh: Record<string, string> = {
  reason: "事由",
  place: "地点",
  phone: "电话",
  explanation: "书面说明",
};

export const requests: AreaMessages = {
  zh: {
    // Names
    "req.approver.window_leader": "窗口负责人",
    "req.approver.inspection": "督查科",
    "req.approver.deputy_director": "分管副主任",
    "req.approver.parent_unit_leader": "主管单位分管领导",
    "req.approver.parent_unit_head": "主管部门主要负责人",
    "req.approver.personnel_authority": "县委组织部/县人力社保部门",
    "req.action.opinion": "签署意见",
    "req.action.agree": "同意",
    "req.action.review": "审核",
    "req.action.approve": "审批",
    "req.action.file": "备案",
    "req.step_state.waiting": "未轮到",
    "req.step_state.pending": "待处理",
    "req.step_state.approved": "已同意",
    "req.step_state.rejected": "不同意",
    "req.step_state.filed": "已备案",
    "req.step_state.cancelled": "已取消",
    "req.state.pending": "审批中",
    "req.state.approved": "已批准",
    "req.state.rejected": "未批准",
    "req.state.withdrawn": "已撤回",
    "req.half.am": "上午",
    "req.half.pm": "下午",
    "req.basis.working": "按工作日计",
    "req.basis.calendar": "按自然日计",
    "req.flag.hospital_certificate": "须有县级及以上医院出具的证明",
    "req.flag.long_sick": "长病假（连续超过30天、全年病假满60天或全年事假满20天）",
    "req.flag.designated_hospital_form": "须有五家指定医院之一出具并盖章的《机关、事业单位人员病假证明表》",
    "req.flag.over_7_days": "事假超过7天，原则上不予批准",
    "req.flag.outside_steps":
      "还须主管部门主要负责人审核、县委组织部/县人力社保部门审批（纸质，由督查科登记）",
    "req.flag.written_explanation": "须附详尽的书面说明",
    "req.flag.reason_required": "须事前申明理由",
    "req.flag.trip_details_required": "须写明时间、具体地点和联系电话",
    "req.outside_suffix": "（线下，由督查科登记）",
    // The route's rule as the regulation words it (blocks/requests.ts ruleSentence; the code, e.g.
    // "§3(一) staff 0.5<d≤3", stays in the database and the logs). 请销假制度: 一 事假, 二 病假,
    // 三 other leave, 四 trips; (一) window leaders, (二) staff.
    "req.rule.sentence": (p: Params) =>
      `${p.article}：${p.subject}${/^\d/.test(String(p.range)) ? " " : ""}${p.range}，${p.chain}${p.extra}。`,
    "req.rule.article": (p: Params) =>
      p.via
        ? `请销假制度第三条（按第一条（${cnNumber(p.paragraph)}）事假程序）`
        : `请销假制度第${cnNumber(p.part)}条${p.paragraph ? `（${cnNumber(p.paragraph)}）` : ""}`,
    "req.rule.subject": (p: Params) =>
      `${p.role === "window_leader" ? "窗口负责人" : ""}${p.kind === "trip" ? "因公外出" : `请${kindName(p.kind, "zh")}`}`,
    "req.rule.range": (p: Params) => zhRange(p.from as Bound, p.to as Bound),
    "req.rule.chain": (p: Params) => `由${(p.steps as string[]).join("、")}`,
    "req.rule.step.window_leader.opinion": "窗口负责人签署意见",
    "req.rule.step.parent_unit_leader.agree": "主管单位分管领导同意",
    "req.rule.step.inspection.review": "督查科审核",
    "req.rule.step.inspection.approve": "督查科审批",
    "req.rule.step.inspection.file": "督查科备案",
    "req.rule.step.deputy_director.approve": "分管副主任审批",
    "req.rule.outside.over_7_days":
      "；超过 7 天的，还须报主管部门主要负责人审核、县委组织部或县人力社保部门审批，并附详尽的书面说明",
    "req.rule.outside.year_30_days":
      "；本年事假累计达 30 天的，还须报主管部门主要负责人审核、县委组织部或县人力社保部门审批，并附详尽的书面说明",
    "req.rule.long_sick":
      "；属长病假（{reasons}，第二条（三）），须有指定医院的病假证明表，还须报主管部门主要负责人审核、县委组织部或县人力社保部门审批",
    "req.rule.long.continuous": "连续超过 30 天",
    "req.rule.long.year_sick": "全年病假满 60 天",
    "req.rule.long.year_personal": "全年事假满 20 天",
    "req.anyone_inspection": "督查科任一成员",
    "req.period": (p: Params) => span(p.start, p.end, "zh"),
    "req.days": "{days} 天",

    // The form (modal)
    "req.form.title_leave": "请假申请",
    "req.form.title_trip": "因公外出申请",
    "req.form.next": "下一步",
    "req.form.kind": "类别",
    "req.form.start_date": "开始日期",
    "req.form.start_half": "开始于",
    "req.form.end_date": "结束日期",
    "req.form.end_half": "结束于",
    "req.form.reason": "事由",
    "req.form.reason_hint": "事假须写明理由（事前申明理由）。",
    "req.form.note": "说明",
    "req.form.cover": "顶岗人（AB岗，由窗口负责人安排）",
    "req.form.purpose": "外出事由",
    "req.form.place": "具体地点",
    "req.form.phone": "联系电话",
    "req.form.certificate": "医院证明",
    "req.form.certificate_option": "我已取得县级及以上医院出具的证明（长病假为指定医院的病假证明表）",
    "req.form.explanation": "书面说明",
    "req.form.explanation_hint": "事假超过7天或全年事假累计达30天时必填（详尽的情况说明）。",
    "req.form.late_header":
      "*补办*：请假开始时间（当天上午或下午的上班时间）已过的，须说明紧急情况，或登记事前已同意的督查科人员和时间。",
    "req.form.emergency": "紧急情况",
    "req.form.emergency_option": "突发急病、受伤等紧急情况（请在事由中说明）",
    "req.form.consent_by": "事前同意的督查科人员",
    "req.form.consent_date": "同意日期",
    "req.form.consent_time": "同意时间",
    "req.form.consent_needs_both": "请同时填写同意的人员、日期和时间。",

    // Preview / confirmation
    "req.confirm.title": "确认提交",
    "req.confirm.submit": "提交申请",
    "req.confirm.back": "返回修改",
    "req.confirm.intro": "请核对以下内容，确认后提交：",
    "req.preview.days": (p: Params) =>
      `共 *${days(p.halfDays)} 天*（${p.basis === "working" ? "按工作日计" : "按自然日计"}）`,
    "req.preview.offset": (p: Params) =>
      `其中 *${days(p.offset)} 天以年休假冲抵*（事假先用年休假冲抵），*${days(p.personal)} 天计为事假*；冲抵后年休假余额 ${days(p.remainingAfter)} 天。`,
    "req.preview.no_offset": (p: Params) =>
      `年休假余额 ${days(p.remaining)} 天，本次无可冲抵，全部计为事假。`,
    "req.preview.chain": "审批流程",
    "req.preview.ytd": (p: Params) =>
      `本年已请（不含本次）：事假 ${days(p.personal)} 天、病假 ${days(p.sick)} 天`,
    "req.preview.preceding_sick": (p: Params) => `紧接本次之前的连续病假 ${days(p.halfDays)} 天`,
    "req.preview.late": "补办申请（请假开始时间已过）",
    "req.preview.emergency": "紧急情况",
    "req.preview.consent": "事前同意：{by}（{at}）",
    "req.preview.cover": "顶岗：{cover}",
    "req.preview.cover_none": "顶岗：未指定（由窗口负责人安排）",
    "req.preview.reason": "事由：{reason}",
    "req.preview.note": "说明：{reason}",
    "req.preview.trip": "{purpose} · {place} · 电话 {phone}",
    "req.preview.explanation": "书面说明：{text}",
    "req.preview.certificate": "医院证明：已确认",
    "req.summary.offset": "其中 {offset} 天以年休假冲抵，{personal} 天计为事假。",

    // Quick form (command / DM)
    "req.quick.intro": "请确认以下申请（尚未提交）：",
    "req.quick.submit": "提交",
    "req.quick.submit_sick": "确认已有医院证明并提交",
    "req.quick.cancel": "取消",
    "req.quick.cancelled": "已取消，没有提交。",
    "req.quick.submitted": "已提交申请 #{id}，审批进度见与我的私信。",
    "req.quick.use_form": "这一项需要在表单里填写：发送不带参数的 `/qingjia`（或 `/trip`）打开表单。",
    "req.help.leave":
      "*请假*：`/qingjia`（或 `/timeoff`）打开表单；或一行写完：\n`/qingjia <类别> <开始日期>[am|pm] [<结束日期>[am|pm]] <事由>`\n例：`/qingjia 事假 2026-12-01 2026-12-02pm 家中有事`\n类别：事假、病假、年休假、婚假、产假、护理假、探亲假、哺乳假。日期也可写 12月1日、12/1、明天、后天、下周一；开始不写上午/下午（am/pm）为上午起，结束不写为下午止，如 `/qingjia 事假 明天下午 看病`。",
    "req.help.trip":
      "*因公外出*：`/trip` 打开表单；或：\n`/trip <事由类别> <开始日期>[am|pm] [<结束日期>[am|pm]] <地点> <电话> [说明]`\n例：`/trip 会议 2026-12-01 2026-12-01pm 县行政中心301 13800001234 审批改革会议`\n事由类别：培训、会议、下乡、踏勘、原单位业务。日期也可写 12月1日、12/1、明天、下周一。地点中不要有空格。",
    "req.help.dm":
      "您可以直接发给我一行申请，例如：\n• `事假 2026-12-01 2026-12-02pm 家中有事`\n• `病假 明天上午 看病`\n• `出差 会议 2026-12-01 县行政中心301 13800001234 审批改革会议`\n也可以用 `/qingjia`、`/trip` 打开表单，`/score` 查看本月得分。",
    "req.help.problem": "没看懂：{problem}",

    // Status message (requester's DM)
    "req.status.title": (p: Params) => `${kindName(p.kind, "zh")}申请 #${p.id}：${p.state}`,
    "req.status.withdraw": "撤回申请",
    "req.status.withdraw_confirm_title": "撤回申请？",
    "req.status.withdraw_confirm_text": "撤回后审批终止，记录会保留。",
    "req.status.withdrawn_ok": "申请 #{id} 已撤回。",
    "req.status.resubmit": "修改后重新提交",

    // Step lines
    "req.line.waiting": "{n}. {step} — 未轮到",
    "req.line.pending": "{n}. {step} — ⏳ 待处理",
    "req.line.approved": "{n}. {step} — ✅ {who} 同意（{at}）",
    "req.line.rejected": "{n}. {step} — ❌ {who} 不同意（{at}）",
    "req.line.filed": "{n}. {step} — 📁 已备案（{at}）",
    "req.line.cancelled": "{n}. {step} — 已取消",
    "req.line.note": "　意见：{note}",
    "req.line.outside_by": "（督查科 {who} 登记）",
    "req.line.outside_approved": "{n}. {step} — ✅ 纸质意见：同意（{at}，督查科 {who} 登记）",
    "req.line.outside_rejected": "{n}. {step} — ❌ 纸质意见：不同意（{at}，督查科 {who} 登记）",

    // Approver message
    "req.step.title": (p: Params) => `${p.requester} 的${kindName(p.kind, "zh")}申请 #${p.id}：请${p.what}`,
    // One line: who, kind, dates, days; then what is asked of the reader (blocks/approvals.ts).
    "req.step.head": (p: Params) => `${p.requester} · ${kindName(p.kind, "zh")} · ${p.period} · ${p.days} 天`,
    "req.step.ask": "申请 #{id} · 待您处理：{what}（第 {seq} 步，共 {total} 步）",
    // What Approve does (the chain's next decision, or the end of it).
    "req.step.next": (p: Params) => `同意后转${p.approver}${p.who ? ` ${p.who} ` : ""}${p.action}`,
    "req.step.next_outside": "同意后由督查科登记{approver}的纸质意见",
    "req.step.next_final": "同意即生效",
    "req.step.next_final_filed": "同意即生效，并报督查科备案",
    "req.step.why_inspection": "督查科任一成员处理即可，先处理者为准。",
    "req.step.why_outside":
      "{approver}不在本工作区：收到其纸质意见后，由督查科任一成员在此登记（须填写意见内容）。",
    "req.step.earlier": "前面各步：",
    "req.step.approve": "同意",
    "req.step.reject": "不同意",
    "req.step.approve_note": "同意并填写意见",
    "req.step.approve_note_cover": "同意并指定顶岗、填写意见",
    "req.step.record_outside": "登记纸质意见",
    "req.step.done_approved": (p: Params) => `✅ 已由 ${p.who} 同意（${p.at}）${p.note ? `：${p.note}` : ""}`,
    "req.step.done_request_approved": "申请已批准。",
    "req.step.done_rejected": "❌ 已由 {who} 标为不同意（{at}）：{note}",
    "req.step.done_filed": "📁 已备案（{at}）",
    "req.step.done_outside_approved": "✅ 已登记纸质意见：同意（{who}，{at}）",
    "req.step.done_outside_rejected": "❌ 已登记纸质意见：不同意（{who}，{at}）：{note}",
    "req.step.what_outside": "登记{approver}的纸质意见",
    "req.step.done_cancelled": "此申请{state}，无需处理。",
    // 备案 is quiet: one summary a working day to inspection (blocks/approvals.ts filingSummaryMessage).
    "req.filed.title": (p: Params) =>
      `📁 备案汇总（${p.from === p.to ? p.from : `${p.from} 至 ${p.to}`}）：${p.n} 件，均已生效，无需处理`,
    "req.filed.line": (p: Params) =>
      `• ${p.requester} ${kindName(p.kind, "zh")} ${p.period}（${p.days} 天）· 申请 #${p.id}${p.by ? ` · 窗口负责人 ${p.by} 已签署意见` : ""}`,
    // Year to date, balance and cost (services/requestFacts.ts), for the approver and the preview.
    "req.facts.ytd": (p: Params) =>
      p.kind === "trip"
        ? `本年已因公外出 ${days(p.halfDays)} 天（不含本次）`
        : `本年已请${kindName(p.kind, "zh")} ${days(p.halfDays)} 天（不含本次）`,
    "req.facts.annual": (p: Params) =>
      `年休假余额 ${days(p.remainingHalfDays)} 天，本次后剩 ${days(p.afterHalfDays)} 天`,
    "req.facts.cost": (p: Params) =>
      `⚠️ ${Number(String(p.month).slice(5, 7))}月事假将累计 ${days(p.halfDays)} 天，按考评办法扣 ${p.points} 分${p.more ? `（本次多扣 ${p.more} 分）` : ""}`,
    "req.step.recorded": "已记录：{decision}。",
    "req.decision.approve": "同意",
    "req.decision.reject": "不同意",

    // Decision modals
    "req.modal.reject_title": "不同意",
    "req.modal.reject_reason": "理由（必填，将告知申请人）",
    "req.modal.reject_submit": "确定不同意",
    "req.modal.approve_title": "同意",
    "req.modal.approve_note": "审批意见",
    "req.modal.approve_note_hint": "申请人和后续审批人都会看到。",
    "req.modal.approve_cover_hint": "可以现在指定，也可以以后在通知里指定。",
    "req.modal.cover_person": "顶岗人",
    "req.modal.outside_title": "登记纸质意见",
    "req.modal.outside_decision": "纸质意见",
    "req.modal.outside_note": "意见内容（必填：谁签署、何时收到）",
    "req.modal.record": "登记",
    "req.modal.about": "{requester} 的{kind}申请 #{id}（{period}）",

    // Notifications
    "req.notify.approved": (p: Params) =>
      `✅ 您的${kindName(p.kind, "zh")}申请 #${p.id}（${p.period}）已批准。${p.note ? `${p.who} 的意见：${p.note}` : ""}`,
    "req.notify.rejected": (p: Params) =>
      `❌ 您的${kindName(p.kind, "zh")}申请 #${p.id}（${p.period}）未获批准。${p.who} 的理由：${p.note}`,
    "req.notify.cover": (p: Params) =>
      `${p.requester} 的${kindName(p.kind, "zh")}（${p.period}）已批准，由您顶岗。`,
    "req.notify.cover_named": (p: Params) =>
      `窗口负责人 ${p.leader} 指定您为 ${p.requester} 顶岗（${p.period}）。`,
    "req.notify.leader_approved": (p: Params) =>
      `${p.requester} 的${kindName(p.kind, "zh")}（${p.period}）已批准。顶岗：${p.cover}`,
    "req.notify.leader_arrange": (p: Params) =>
      `${p.requester} 提交了${kindName(p.kind, "zh")}申请 #${p.id}（${p.period}），本流程没有窗口负责人签署意见这一步，请您安排顶岗。`,
    "req.notify.no_cover": "尚未指定，请您安排",
    "req.notify.cover_released": (p: Params) =>
      `窗口负责人 ${p.leader} 已改由他人为 ${p.requester} 顶岗（${p.period}），您不用再顶岗。`,

    // Cover named outside a decision (the leader's reminder, §3 五)
    "req.cover.button": "指定顶岗人",
    "req.cover.today": "今天",
    "req.cover.tomorrow": "明天",
    "req.cover.on": "{date} ",
    "req.cover.modal_title": "指定顶岗人",
    "req.cover.modal_hint": "被指定的人会收到私信通知；申请人的申请状态会显示顶岗人。",
    "req.cover.named": (p: Params) =>
      `✅ ${p.requester} 的${p.kind}（${p.period}）已由 ${p.leader} 指定 ${p.cover} 顶岗（${p.at}）。`,

    // App Home
    "req.home.title": "政务服务中心助手",
    "req.home.new_leave": "请假",
    "req.home.new_trip": "因公外出",
    "req.home.mine": "我的申请",
    "req.home.mine_none": "还没有申请。",
    "req.home.waiting": "待我审批",
    "req.home.waiting_none": "没有待您处理的审批。",
    "req.home.score": "本月得分",
    "req.home.score_none": "本月得分暂不可用。",
    "req.home.more": "仅显示最近 {n} 条。",

    // /score
    "req.score.title": "{month}截至今日的得分",
    "req.score.line": "基础分 {base}，加分 {bonus}，得分 *{score}*",
    "req.score.rank": "当前排名 {rank}/{of}（第 {band} 档）",
    "req.score.item": "• {name}：{points}",
    "req.score.none": "本月暂无扣分或加分记录。",
    "req.score.not_person": "您不在中心的考评人员名单里，没有得分。",
    "req.score.unavailable": "得分功能暂不可用（本月得分服务尚未就绪）。",

    // Errors
    "error.REQUEST.UNKNOWN_REQUESTER": "您还不在中心人员名单里，无法提交申请。请联系督查科登记。",
    "error.REQUEST.REQUESTER_INACTIVE": "您在中心的人员记录已停用，无法提交申请。如有疑问请联系督查科。",
    "error.REQUEST.BAD_KIND": "不认识的请假类别：{kind}。",
    "error.REQUEST.TEXT_TOO_LONG": (p: Params) =>
      `${fieldZh[String(p.field)] ?? p.field}太长了，最多 ${p.max} 个字。`,
    "error.REQUEST.COVER_SELF": "顶岗人不能是申请人本人。",
    "error.REQUEST.NO_WINDOW_LEADER": "您所在窗口还没有登记窗口负责人，无法安排审批。请联系督查科。",
    "error.REQUEST.NO_DEPUTY_DIRECTOR": "中心还没有登记分管副主任，无法安排审批。请联系督查科。",
    "error.REQUEST.NO_INSPECTION": "中心还没有登记督查科人员，无法安排审批。请联系管理员。",
    "error.REQUEST.NOT_FOUND": "找不到申请 #{requestId}。",
    "error.REQUEST.NOT_YOURS": (p: Params) =>
      p.action === "resubmit" ? "只有申请人本人可以重新提交申请。" : "只有申请人本人可以撤回申请。",
    "error.REQUEST.FINAL": (p: Params) =>
      `申请已结束（${({ approved: "已批准", rejected: "未批准", withdrawn: "已撤回" } as Record<string, string>)[String(p.state)] ?? p.state}），不能再撤回。`,
    "error.LEAVE.END_BEFORE_START": "结束时间早于开始时间，请检查日期和上午/下午。",
    "error.LEAVE.ZERO_DAYS": (p: Params) =>
      p.basis === "working"
        ? "所选时间内没有工作日（周末或法定节假日），不需要请假。"
        : "所选时间为 0 天，请检查日期。",
    "error.LEAVE.OVERLAP": (p: Params) =>
      `与您已有的${kindName(p.kind, "zh")}申请 #${p.requestId}（${span(p.start, p.end, "zh")}）时间重叠。`,
    "error.LEAVE.REASON_REQUIRED": "请写明事由（事假须事前申明理由；紧急补办须说明情况）。",
    "error.LEAVE.CERTIFICATE_REQUIRED": (p: Params) =>
      p.form === "designated"
        ? "这是长病假：须有五家指定医院之一出具、副院长确认并盖章的《机关、事业单位人员病假证明表》，请确认后再提交。"
        : "病假须有县级及以上医院出具的证明，请确认已取得证明后再提交。",
    "error.LEAVE.EXPLANATION_REQUIRED": "事假超过7天或全年事假累计达30天，须附详尽的书面说明。",
    "error.LEAVE.LATE_NEEDS_JUSTIFICATION":
      "请假从 {start} {time} 开始，现在（{today} {now}）已过开始时间，属于补办：须勾选紧急情况并说明，或登记事前已同意的督查科人员和时间。否则视为脱岗或旷工。",
    "error.LEAVE.CONSENT_INCOMPLETE": "事前同意须同时填写督查科人员和同意的日期、时间。",
    "error.LEAVE.CONSENT_NOT_INSPECTION": "登记的事前同意人 <@{by}> 不是督查科人员。",
    "error.LEAVE.CONSENT_AFTER_START": "事前同意的时间须早于请假开始（{start} {time}）。",
    "error.TRIP.PURPOSE_REQUIRED": "请选择外出事由：培训、会议、下乡、踏勘或原单位业务。",
    "error.TRIP.PLACE_REQUIRED": "请写明外出的具体地点。",
    "error.TRIP.PHONE_REQUIRED": "请留下外出期间的联系电话。",
    "error.TRIP.PHONE_INVALID": "联系电话 {phone} 看起来不对：应为 7–15 位数字（可含 +、- 和空格）。",
    "error.APPROVAL.NOT_FOUND": "找不到这一审批步骤。",
    "error.APPROVAL.ALREADY_DECIDED": (p: Params) =>
      p.state === "filed"
        ? "这一步已自动备案，无需再处理。"
        : `这一步已由 ${p.by ? `<@${p.by}>` : "他人"} 处理过（${p.state === "approved" ? "同意" : "不同意"}），这次点击没有改变任何内容。`,
    "error.APPROVAL.STALE": (p: Params) =>
      p.requestState === "pending"
        ? "还没轮到这一步，这次点击没有改变任何内容。"
        : "这份申请已经结束（已撤回或已有结果），这次点击没有改变任何内容。",
    "error.APPROVAL.OWN_REQUEST": "不能审批自己的申请。",
    "error.APPROVAL.NOT_YOURS": (p: Params) =>
      p.approver === "inspection"
        ? "这一步由督查科处理，您不是督查科人员。"
        : p.assigneeId
          ? `这一步应由 <@${p.assigneeId}> 处理，不是您。`
          : "这一步须由督查科人员代为登记。",
    "error.APPROVAL.REASON_REQUIRED": "不同意时须写明理由。",
    "error.APPROVAL.NOTE_REQUIRED": "登记纸质意见时须写明意见内容（谁签署、何时收到）。",
    "error.APPROVAL.NOTE_TOO_LONG": "意见太长了，最多 {max} 个字。",
    "error.APPROVAL.COVER_NOT_ALLOWED": "只有窗口负责人签署意见时可以指定顶岗人。",
    "error.COVER.REQUIRED": "请选择顶岗人。",
    "error.COVER.NOT_LEADER": (p: Params) =>
      p.leaderId
        ? `顶岗由申请人所在窗口的负责人 <@${p.leaderId}> 安排，您不能指定。`
        : "申请人所在窗口没有登记窗口负责人，无法在这里指定顶岗人。请联系督查科。",
    "error.COVER.REQUEST_ENDED": (p: Params) =>
      `这份申请已结束（${({ rejected: "未批准", withdrawn: "已撤回" } as Record<string, string>)[String(p.state)] ?? p.state}），不需要安排顶岗。`,
    "error.COVER.ABSENCE_OVER": "这次请假已于 {endDate} 结束，不需要再安排顶岗。",
    "error.COVER.NOT_IN_CENTER": "<@{coverId}> 不是中心在册人员，不能顶岗。请选择中心的工作人员。",
    "error.COVER.INACTIVE": "<@{coverId}> 在中心的人员记录已停用，不能顶岗。",
    "error.COVER.AWAY": (p: Params) =>
      `<@${p.coverId}> 这段时间自己也不在岗（${kindName(p.kind, "zh")}申请 #${p.requestId}，${span(p.start, p.end, "zh")}），不能顶岗。`,
    // Calendar and routing codes reach people only through requests, so their text lives here.
    "error.CALENDAR.YEAR_NOT_LOADED":
      "{year} 年的法定节假日安排还没有导入，暂时无法按工作日计算天数。请联系督查科导入当年的放假安排。",
    "error.CALENDAR.BAD_DATE": "日期“{date}”不对：请按 YYYY-MM-DD 填写。",
    // Loading a year's official schedule (calendar import, src/services/calendar.ts).
    "error.CALENDAR.BAD_FILE": "放假安排文件格式不对：{reason}",
    "error.CALENDAR.BAD_YEAR": "年份“{year}”无效：应为 2000–2100 之间的年份。",
    "error.CALENDAR.DATE_OUTSIDE_YEAR": "日期 {date} 不在 {year} 年内。",
    "error.CALENDAR.DUPLICATE_DATE": "日期 {date} 重复出现。",
    "error.CALENDAR.HOLIDAY_AND_WORKDAY": "日期 {date} 既列为放假又列为调休上班，请核对。",
    "error.CALENDAR.WORKDAY_NOT_WEEKEND": "调休上班日 {date} 不是周六或周日，请核对。",
    "error.CALENDAR.HOLIDAY_COUNT": "放假日共 {count} 天，不合常理（应在 {min}–{max} 天之间），请核对文件。",
    "error.CALENDAR.WORKDAY_COUNT": "调休上班日共 {count} 天，不合常理（最多 {max} 天），请核对文件。",
    "error.CALENDAR.ICS_YEARS": (p: Params) =>
      `该 .ics 文件包含多个年份（${Array.isArray(p.years) ? p.years.join("、") : p.years}），请指定要导入的年份。`,
    "error.ROUTE.ANNUAL_BALANCE": (p: Params) =>
      p.year === undefined
        ? `年休假余额不足：剩余 ${days(p.remainingHalfDays)} 天，本次申请 ${days(p.requestedHalfDays)} 天。`
        : `年休假余额不足：${p.year} 年剩余 ${days(p.remainingHalfDays)} 天，本次申请在 ${p.year} 年的部分为 ${days(p.requestedHalfDays)} 天（跨年的申请按各年的天数分别计算）。`,
    "error.ROUTE.ZERO_DAYS": "所选时间为 0 天，不需要请假。",
    "error.ROUTE.BAD_HALF_DAYS": "天数计算有误（{field}），请联系督查科。",
    "error.QUICK.EMPTY": "内容是空的。",
    "error.QUICK.UNKNOWN_KIND":
      "不认识的类别“{word}”。可用：事假、病假、年休假、婚假、产假、护理假、探亲假、哺乳假、出差。",
    "error.QUICK.DATE_MISSING": "缺少日期：请写开始日期，如 2026-12-01、12月1日、12/1、明天、下周一。",
    // halves: false from /deduct and /bonus (a record has a day, not a half).
    "error.QUICK.BAD_DATE": (p: Params) =>
      p.halves === false
        ? `日期“${p.token}”不对：请写一个真实的日期，如 2026-07-03、7月3日、7/3、昨天（记录按天，不分上午下午）。`
        : `日期“${p.token}”不对：请写一个真实的日期，如 2026-12-01、12月1日、12/1、明天、下周一，可在后面加上午/下午（如 12月1日下午）。`,
    "error.QUICK.UNKNOWN_PURPOSE": "不认识的外出事由“{word}”。可用：培训、会议、下乡、踏勘、原单位业务。",
    "error.QUICK.PURPOSE_MISSING": "请写外出事由：培训、会议、下乡、踏勘或原单位业务。",
    "error.QUICK.PLACE_MISSING": "缺少地点：日期后面写具体地点（不要有空格），再写联系电话。",
    "error.QUICK.PHONE_MISSING": "缺少联系电话：写在地点后面。",
  },
  en: {
    "req.approver.window_leader": "Window leader",
    "req.approver.inspection": "Inspection section",
    "req.approver.deputy_director": "Deputy director",
    "req.approver.parent_unit_leader": "Parent-unit leader in charge",
    "req.approver.parent_unit_head": "Parent department head",
    "req.approver.personnel_authority": "County organisation/HR bureau",
    "req.action.opinion": "approval",
    "req.action.agree": "approval",
    "req.action.review": "review",
    "req.action.approve": "approval",
    "req.action.file": "filing",
    "req.step_state.waiting": "not yet",
    "req.step_state.pending": "waiting for decision",
    "req.step_state.approved": "approved",
    "req.step_state.rejected": "rejected",
    "req.step_state.filed": "filed",
    "req.step_state.cancelled": "cancelled",
    "req.state.pending": "in approval",
    "req.state.approved": "approved",
    "req.state.rejected": "rejected",
    "req.state.withdrawn": "withdrawn",
    "req.half.am": "morning",
    "req.half.pm": "afternoon",
    "req.basis.working": "working days",
    "req.basis.calendar": "calendar days",
    "req.flag.hospital_certificate": "needs a certificate from a county-level or higher hospital",
    "req.flag.long_sick":
      "long sick leave (continuous over 30 days, 60 sick days or 20 personal days this year)",
    "req.flag.designated_hospital_form":
      "needs the sealed sick-leave form from one of the five designated hospitals",
    "req.flag.over_7_days": "personal leave over 7 days is in principle not approved",
    "req.flag.outside_steps":
      "also needs the parent department head and the organisation/HR bureau (on paper, recorded by inspection)",
    "req.flag.written_explanation": "needs a detailed written explanation",
    "req.flag.reason_required": "a reason must be stated beforehand",
    "req.flag.trip_details_required": "time, exact place and a contact phone are required",
    "req.outside_suffix": " (on paper, recorded by inspection)",
    "req.rule.sentence": (p: Params) =>
      `${p.article}: ${[p.subject, p.range].filter(Boolean).join(" ")} — ${p.chain}${p.extra}.`,
    "req.rule.article": (p: Params) =>
      p.via
        ? `Leave rules art. 3 (personal-leave procedure, art. 1(${p.paragraph}))`
        : `Leave rules art. ${p.part}${p.paragraph ? `(${p.paragraph})` : ""}`,
    "req.rule.subject": (p: Params) =>
      p.role === "window_leader"
        ? `a window leader's ${kindName(p.kind, "en")}`
        : p.kind === "trip"
          ? "an official trip"
          : kindName(p.kind, "en"),
    "req.rule.range": (p: Params) => enRange(p.from as Bound, p.to as Bound),
    "req.rule.chain": (p: Params) => (p.steps as string[]).join(", "),
    "req.rule.step.window_leader.opinion": "window leader's opinion",
    "req.rule.step.parent_unit_leader.agree": "parent-unit leader agrees",
    "req.rule.step.inspection.review": "inspection reviews",
    "req.rule.step.inspection.approve": "inspection approves",
    "req.rule.step.inspection.file": "filed with inspection",
    "req.rule.step.deputy_director.approve": "deputy director approves",
    "req.rule.outside.over_7_days":
      "; over 7 days also needs the parent department head's review and the personnel authority's approval, with a detailed written explanation",
    "req.rule.outside.year_30_days":
      "; reaching 30 days of personal leave this year also needs the parent department head's review and the personnel authority's approval, with a detailed written explanation",
    "req.rule.long_sick":
      "; long sick leave ({reasons}, art. 2(3)): the designated hospital's sick-leave form, then the parent department head's review and the personnel authority's approval",
    "req.rule.long.continuous": "continuous over 30 days",
    "req.rule.long.year_sick": "60 days of sick leave this year",
    "req.rule.long.year_personal": "20 days of personal leave this year",
    "req.anyone_inspection": "any inspection member",
    "req.period": (p: Params) => span(p.start, p.end, "en"),
    "req.days": (p: Params) => enDaysOf(p.days),

    "req.form.title_leave": "Leave request",
    "req.form.title_trip": "Official trip",
    "req.form.next": "Next",
    "req.form.kind": "Kind",
    "req.form.start_date": "Start date",
    "req.form.start_half": "Starting",
    "req.form.end_date": "End date",
    "req.form.end_half": "Ending",
    "req.form.reason": "Reason",
    "req.form.reason_hint": "Personal leave needs a reason stated beforehand.",
    "req.form.note": "Note",
    "req.form.cover": "Cover (the window leader arranges it)",
    "req.form.purpose": "Purpose",
    "req.form.place": "Exact place",
    "req.form.phone": "Contact phone",
    "req.form.certificate": "Hospital certificate",
    // An option's text is at most 75 characters (Slack Block Kit, option object).
    "req.form.certificate_option":
      "I have a county-level or higher hospital certificate (long sick: its form)",
    "req.form.explanation": "Written explanation",
    "req.form.explanation_hint":
      "Required when personal leave exceeds 7 days or the year's personal leave reaches 30 days.",
    "req.form.late_header":
      "*Late request*: if the leave has already started (the start of its morning or afternoon), state an emergency, or record the inspection member who agreed beforehand and when.",
    "req.form.emergency": "Emergency",
    "req.form.emergency_option": "Acute illness, injury or a similar emergency (explain in the reason)",
    "req.form.consent_by": "Inspection member who agreed beforehand",
    "req.form.consent_date": "Date of consent",
    "req.form.consent_time": "Time of consent",
    "req.form.consent_needs_both": "Give the person, the date and the time of the consent.",

    "req.confirm.title": "Confirm",
    "req.confirm.submit": "Submit request",
    "req.confirm.back": "Back",
    "req.confirm.intro": "Please check and submit:",
    "req.preview.days": (p: Params) =>
      `*${enDays(p.halfDays)}* in total (${p.basis === "working" ? "working days" : "calendar days"})`,
    "req.preview.offset": (p: Params) =>
      `Of these, *${enDays(p.offset)} ${Number(p.offset) > 2 ? "are" : "is"} covered by annual leave* (personal leave is offset against annual leave first) and *${enDays(p.personal)} ${Number(p.personal) > 2 || Number(p.personal) === 0 ? "count" : "counts"} as personal leave*; annual leave left afterwards: ${enDays(p.remainingAfter)}.`,
    "req.preview.no_offset": (p: Params) =>
      `Annual leave left: ${enDays(p.remaining)}; nothing to offset, all of it counts as personal leave.`,
    "req.preview.chain": "Approval chain",
    "req.preview.ytd": (p: Params) =>
      `Already this year (before this one): personal ${enDays(p.personal)}, sick ${enDays(p.sick)}`,
    "req.preview.preceding_sick": (p: Params) =>
      `Continuous sick leave right before this one: ${enDays(p.halfDays)}`,
    "req.preview.late": "Late request (the leave has already started)",
    "req.preview.emergency": "Emergency",
    "req.preview.consent": "Agreed beforehand by {by} ({at})",
    "req.preview.cover": "Cover: {cover}",
    "req.preview.cover_none": "Cover: not named (the window leader arranges it)",
    "req.preview.reason": "Reason: {reason}",
    "req.preview.note": "Note: {reason}",
    "req.preview.trip": "{purpose} · {place} · phone {phone}",
    "req.preview.explanation": "Written explanation: {text}",
    "req.preview.certificate": "Hospital certificate: confirmed",
    "req.summary.offset": (p: Params) =>
      `${capital(enDaysOf(p.offset))} covered by annual leave, ${enDaysOf(p.personal)} counted as personal leave.`,

    "req.quick.intro": "Please confirm this request (not submitted yet):",
    "req.quick.submit": "Submit",
    "req.quick.submit_sick": "I have the hospital certificate, submit",
    "req.quick.cancel": "Cancel",
    "req.quick.cancelled": "Cancelled; nothing was submitted.",
    "req.quick.submitted": "Request #{id} submitted; progress is in your DM with me.",
    "req.quick.use_form": "This needs the form: send `/timeoff` (or `/trip`) without text to open it.",
    "req.help.leave":
      "*Leave*: `/timeoff` (or `/qingjia`) opens the form; or in one line:\n`/timeoff <kind> <start>[am|pm] [<end>[am|pm]] <reason>`\nExample: `/timeoff personal 2026-12-01 2026-12-02pm family matter`\nKinds: personal, sick, annual, marriage, maternity, paternity, family, breastfeeding. Dates may also be written 12/1, today or tomorrow. A start without am/pm starts in the morning, an end without ends in the afternoon, e.g. `/timeoff sick tomorrow pm doctor`.",
    "req.help.trip":
      "*Official trip*: `/trip` opens the form; or:\n`/trip <purpose> <start>[am|pm] [<end>[am|pm]] <place> <phone> [note]`\nExample: `/trip meeting 2026-12-01 2026-12-01pm CountyHall-301 13800001234 reform meeting`\nPurposes: training, meeting, rural visit, site survey, home-unit business. Dates may also be written 12/1, today or tomorrow. No spaces in the place.",
    "req.help.dm":
      "Send me a request in one line, e.g.\n• `personal 2026-12-01 2026-12-02pm family matter`\n• `sick tomorrow am doctor`\n• `trip meeting 2026-12-01 CountyHall-301 13800001234 reform meeting`\nOr use `/timeoff`, `/trip` for the form and `/score` for this month's score.",
    "req.help.problem": "I did not understand: {problem}",

    "req.status.title": (p: Params) => `${capital(kindName(p.kind, "en"))} request #${p.id}: ${p.state}`,
    "req.status.withdraw": "Withdraw",
    "req.status.withdraw_confirm_title": "Withdraw the request?",
    "req.status.withdraw_confirm_text": "Approval stops; the record is kept.",
    "req.status.withdrawn_ok": "Request #{id} withdrawn.",
    "req.status.resubmit": "Edit and resubmit",

    "req.line.waiting": "{n}. {step} — not yet",
    "req.line.pending": "{n}. {step} — ⏳ waiting",
    "req.line.approved": "{n}. {step} — ✅ approved by {who} ({at})",
    "req.line.rejected": "{n}. {step} — ❌ rejected by {who} ({at})",
    "req.line.filed": "{n}. {step} — 📁 filed ({at})",
    "req.line.cancelled": "{n}. {step} — cancelled",
    "req.line.note": "   Note: {note}",
    "req.line.outside_by": " (recorded by {who} of inspection)",
    "req.line.outside_approved": "{n}. {step} — ✅ approved on paper ({at}, recorded by {who} of inspection)",
    "req.line.outside_rejected": "{n}. {step} — ❌ rejected on paper ({at}, recorded by {who} of inspection)",

    "req.step.title": (p: Params) =>
      `${capital(kindName(p.kind, "en"))} request #${p.id} from ${p.requester}: ${p.what} needed`,
    "req.step.head": (p: Params) =>
      `${p.requester} · ${capital(kindName(p.kind, "en"))} · ${p.period} · ${enDaysOf(p.days)}`,
    "req.step.ask": "Request #{id} · for you: {what} (step {seq} of {total})",
    "req.step.next": (p: Params) =>
      `Approving passes it to the ${lower(String(p.approver))}${p.who ? ` ${p.who}` : ""} for ${p.action}`,
    "req.step.next_outside": (p: Params) =>
      `Approving passes it to inspection, who record the ${lower(String(p.approver))}'s decision on paper`,
    "req.step.next_final": "Approving makes it final",
    "req.step.next_final_filed": "Approving makes it final; inspection files it",
    "req.step.why_inspection": "Any inspection member may decide; the first one counts.",
    "req.step.why_outside":
      "The {approver} is outside this workspace: once their decision on paper arrives, any inspection member records it here (with what it says).",
    "req.step.earlier": "Earlier steps:",
    "req.step.approve": "Approve",
    "req.step.reject": "Reject",
    "req.step.approve_note": "Approve with note",
    "req.step.approve_note_cover": "Approve with cover or note",
    "req.step.record_outside": "Record paper decision",
    "req.step.done_approved": (p: Params) =>
      `✅ Approved by ${p.who} (${p.at})${p.note ? `: ${p.note}` : ""}`,
    "req.step.done_request_approved": "The request is approved.",
    "req.step.done_rejected": "❌ Rejected by {who} ({at}): {note}",
    "req.step.done_filed": "📁 Filed ({at})",
    "req.step.done_outside_approved": "✅ Approved on paper, recorded by {who} ({at})",
    "req.step.done_outside_rejected": "❌ Rejected on paper, recorded by {who} ({at}): {note}",
    "req.step.what_outside": (p: Params) =>
      `recording of the ${String(p.approver).charAt(0).toLowerCase()}${String(p.approver).slice(1)}'s paper decision`,
    "req.step.done_cancelled": "This request is {state}; nothing to do.",
    "req.filed.title": (p: Params) =>
      `📁 Filed ${p.from === p.to ? `on ${p.from}` : `from ${p.from} to ${p.to}`}: ${p.n}, all in force; nothing to do`,
    "req.filed.line": (p: Params) =>
      `• ${p.requester}: ${kindName(p.kind, "en")}, ${p.period} (${enDaysOf(p.days)}) · request #${p.id}${p.by ? ` · window leader ${p.by} gave the opinion` : ""}`,
    "req.facts.ytd": (p: Params) =>
      `${p.kind === "trip" ? "Official trips" : capital(kindName(p.kind, "en"))} already this year: ${enDays(p.halfDays)} (besides this one)`,
    "req.facts.annual": (p: Params) =>
      `Annual leave left: ${enDays(p.remainingHalfDays)}; after this one: ${enDays(p.afterHalfDays)}`,
    "req.facts.cost": (p: Params) =>
      `⚠️ Personal leave in ${enMonth(p.month)} would total ${enDays(p.halfDays)}: −${p.points} point${p.points === "1" ? "" : "s"} under the evaluation rules${p.more ? ` (${p.more} more because of this one)` : ""}`,
    "req.step.recorded": "Recorded: {decision}.",
    "req.decision.approve": "approved",
    "req.decision.reject": "rejected",

    "req.modal.reject_title": "Reject",
    "req.modal.reject_reason": "Reason (required; the requester sees it)",
    "req.modal.reject_submit": "Reject",
    "req.modal.approve_title": "Approve",
    "req.modal.approve_note": "Note",
    "req.modal.approve_note_hint": "The requester and the next approvers see it.",
    "req.modal.approve_cover_hint": "Name the cover now, or later from the notice.",
    "req.modal.cover_person": "Cover",
    "req.modal.outside_title": "Record paper decision",
    "req.modal.outside_decision": "Decision on paper",
    "req.modal.outside_note": "What it says (required: who signed, when received)",
    "req.modal.record": "Record",
    "req.modal.about": (p: Params) =>
      `${capital(String(p.kind))} request #${p.id} from ${p.requester} (${p.period})`,

    "req.notify.approved": (p: Params) =>
      `✅ Your ${kindName(p.kind, "en")} request #${p.id} (${p.period}) is approved.${p.note ? ` Note from ${p.who}: ${p.note}` : ""}`,
    "req.notify.rejected": (p: Params) =>
      `❌ Your ${kindName(p.kind, "en")} request #${p.id} (${p.period}) was not approved. Reason from ${p.who}: ${p.note}`,
    "req.notify.cover": (p: Params) =>
      `${p.requester}'s ${kindName(p.kind, "en")} (${p.period}) is approved; you cover the post.`,
    "req.notify.cover_named": (p: Params) =>
      `Window leader ${p.leader} named you to cover for ${p.requester} (${p.period}).`,
    "req.notify.leader_approved": (p: Params) =>
      `${p.requester}'s ${kindName(p.kind, "en")} (${p.period}) is approved. Cover: ${p.cover}`,
    "req.notify.leader_arrange": (p: Params) =>
      `${p.requester} submitted ${kindName(p.kind, "en")} request #${p.id} (${p.period}); this chain has no window-leader step, so please arrange cover.`,
    "req.notify.no_cover": "nobody named yet; please arrange it",
    "req.notify.cover_released": (p: Params) =>
      `Window leader ${p.leader} named someone else to cover for ${p.requester} (${p.period}); you no longer cover.`,

    "req.cover.button": "Name cover",
    "req.cover.today": "today",
    "req.cover.tomorrow": "tomorrow",
    "req.cover.on": "on {date}",
    "req.cover.modal_title": "Name cover",
    "req.cover.modal_hint":
      "The person you name is told by DM; the requester's status message shows the cover.",
    "req.cover.named": (p: Params) =>
      `✅ ${p.cover} covers for ${p.requester}'s ${p.kind} (${p.period}), named by ${p.leader} (${p.at}).`,

    "req.home.title": "Service center assistant",
    "req.home.new_leave": "Leave",
    "req.home.new_trip": "Official trip",
    "req.home.mine": "My requests",
    "req.home.mine_none": "No requests yet.",
    "req.home.waiting": "Waiting for me",
    "req.home.waiting_none": "Nothing waiting for you.",
    "req.home.score": "This month's score",
    "req.home.score_none": "This month's score is not available yet.",
    "req.home.more": "Showing the latest {n}.",

    "req.score.title": "{month} so far",
    "req.score.line": "Base {base}, bonus {bonus}, score *{score}*",
    "req.score.rank": "Current rank {rank}/{of} (band {band})",
    "req.score.item": "• {name}: {points}",
    "req.score.none": "No deductions or bonuses recorded this month.",
    "req.score.not_person": "You are not on the center's evaluation list, so there is no score.",
    "req.score.unavailable": "Scores are not available yet (the month-score service is not ready).",

    "error.REQUEST.UNKNOWN_REQUESTER":
      "You are not on the center's staff list yet, so you cannot submit requests. Ask inspection to add you.",
    "error.REQUEST.REQUESTER_INACTIVE":
      "Your record at the center is inactive, so you cannot submit requests. Ask inspection if this is wrong.",
    "error.REQUEST.BAD_KIND": "Unknown leave kind: {kind}.",
    "error.REQUEST.TEXT_TOO_LONG": "The {field} is too long: at most {max} characters.",
    "error.REQUEST.COVER_SELF": "You cannot cover for yourself.",
    "error.REQUEST.NO_WINDOW_LEADER":
      "Your window has no leader on record, so the request cannot be routed. Contact inspection.",
    "error.REQUEST.NO_DEPUTY_DIRECTOR":
      "The center has no deputy director on record, so the request cannot be routed. Contact inspection.",
    "error.REQUEST.NO_INSPECTION":
      "The center has no inspection members on record, so the request cannot be routed. Contact the administrator.",
    "error.REQUEST.NOT_FOUND": "Request #{requestId} was not found.",
    "error.REQUEST.NOT_YOURS": (p: Params) =>
      `Only the requester can ${p.action === "resubmit" ? "resubmit" : "withdraw"} a request.`,
    "error.REQUEST.FINAL": "The request is already {state}; it can no longer be withdrawn.",
    "error.LEAVE.END_BEFORE_START": "The end is before the start; check the dates and morning/afternoon.",
    "error.LEAVE.ZERO_DAYS": (p: Params) =>
      p.basis === "working"
        ? "There are no working days in that period (weekend or public holiday): no leave is needed."
        : "That period is zero days; check the dates.",
    "error.LEAVE.OVERLAP": (p: Params) =>
      `This overlaps your ${kindName(p.kind, "en")} request #${p.requestId} (${span(p.start, p.end, "en")}).`,
    "error.LEAVE.REASON_REQUIRED":
      "Please state the reason (personal leave needs one beforehand; a late emergency request must explain).",
    "error.LEAVE.CERTIFICATE_REQUIRED": (p: Params) =>
      p.form === "designated"
        ? "This is long sick leave: the sealed sick-leave form from one of the five designated hospitals is required. Confirm you have it."
        : "Sick leave needs a certificate from a county-level or higher hospital. Confirm you have it.",
    "error.LEAVE.EXPLANATION_REQUIRED":
      "Personal leave over 7 days, or reaching 30 days this year, needs a detailed written explanation.",
    "error.LEAVE.LATE_NEEDS_JUSTIFICATION":
      "The leave starts {start} {time} and it is now {today} {now}: a late request needs an emergency stated, or the inspection member who agreed beforehand and when. Otherwise the absence counts as off-post or absent.",
    "error.LEAVE.CONSENT_INCOMPLETE": "Prior consent needs both the inspection member and the date and time.",
    "error.LEAVE.CONSENT_NOT_INSPECTION": "<@{by}> is not an inspection member.",
    "error.LEAVE.CONSENT_AFTER_START": "The prior consent must be before the leave starts ({start} {time}).",
    "error.TRIP.PURPOSE_REQUIRED":
      "Choose the purpose: training, meeting, rural visit, site survey or home-unit business.",
    "error.TRIP.PLACE_REQUIRED": "Give the exact place of the trip.",
    "error.TRIP.PHONE_REQUIRED": "Give a contact phone for the trip.",
    "error.TRIP.PHONE_INVALID":
      "The phone {phone} does not look right: 7–15 digits (+, - and spaces allowed).",
    "error.APPROVAL.NOT_FOUND": "That approval step was not found.",
    "error.APPROVAL.ALREADY_DECIDED": (p: Params) =>
      p.state === "filed"
        ? "This step was filed automatically; nothing to do."
        : `This step was already decided (${p.state === "approved" ? "approved" : "rejected"}) by ${p.by ? `<@${p.by}>` : "someone else"}; your click changed nothing.`,
    "error.APPROVAL.STALE": (p: Params) =>
      p.requestState === "pending"
        ? "This step is not due yet; your click changed nothing."
        : "This request has ended (withdrawn or decided); your click changed nothing.",
    "error.APPROVAL.OWN_REQUEST": "You cannot approve your own request.",
    "error.APPROVAL.NOT_YOURS": (p: Params) =>
      p.approver === "inspection"
        ? "This step is for the inspection section, and you are not a member."
        : p.assigneeId
          ? `This step is for <@${p.assigneeId}>, not you.`
          : "This step is recorded by an inspection member.",
    "error.APPROVAL.REASON_REQUIRED": "A rejection needs a reason.",
    "error.APPROVAL.NOTE_REQUIRED":
      "Recording a paper decision needs what it says (who signed, when received).",
    "error.APPROVAL.NOTE_TOO_LONG": "The note is too long: at most {max} characters.",
    "error.APPROVAL.COVER_NOT_ALLOWED": "Only the window leader, when approving, can name the cover.",
    "error.COVER.REQUIRED": "Choose who covers the post.",
    "error.COVER.NOT_LEADER": (p: Params) =>
      p.leaderId
        ? `Cover is arranged by the requester's window leader, <@${p.leaderId}>, not you.`
        : "The requester's window has no leader on record, so the cover cannot be named here. Contact inspection.",
    "error.COVER.REQUEST_ENDED": "This request has ended ({state}); no cover is needed.",
    "error.COVER.ABSENCE_OVER": "This absence ended on {endDate}; no cover is needed any more.",
    "error.COVER.NOT_IN_CENTER":
      "<@{coverId}> is not on the center's staff list and cannot cover. Choose someone who works at the center.",
    "error.COVER.INACTIVE": "<@{coverId}> is no longer active at the center and cannot cover.",
    "error.COVER.AWAY": (p: Params) =>
      `<@${p.coverId}> is away then too (${kindName(p.kind, "en")} request #${p.requestId}, ${span(p.start, p.end, "en")}) and cannot cover.`,
    "error.CALENDAR.YEAR_NOT_LOADED":
      "The official holiday schedule for {year} is not loaded yet, so working days cannot be counted. Ask inspection to import it.",
    "error.CALENDAR.BAD_DATE": "“{date}” is not a date: use YYYY-MM-DD.",
    "error.CALENDAR.BAD_FILE": "The holiday schedule file is not in the expected format: {reason}",
    "error.CALENDAR.BAD_YEAR": "“{year}” is not a valid year (2000–2100).",
    "error.CALENDAR.DATE_OUTSIDE_YEAR": "{date} is not in {year}.",
    "error.CALENDAR.DUPLICATE_DATE": "{date} is listed twice.",
    "error.CALENDAR.HOLIDAY_AND_WORKDAY": "{date} is listed both as a holiday and as a make-up working day.",
    "error.CALENDAR.WORKDAY_NOT_WEEKEND": "The make-up working day {date} is not a Saturday or Sunday.",
    "error.CALENDAR.HOLIDAY_COUNT": "{count} holidays is implausible (expected {min}–{max}); check the file.",
    "error.CALENDAR.WORKDAY_COUNT":
      "{count} make-up working days is implausible (at most {max}); check the file.",
    "error.CALENDAR.ICS_YEARS": (p: Params) =>
      `The .ics file holds several years (${Array.isArray(p.years) ? p.years.join(", ") : p.years}); say which year to load.`,
    "error.ROUTE.ANNUAL_BALANCE": (p: Params) =>
      p.year === undefined
        ? `Not enough annual leave: ${enDays(p.remainingHalfDays)} left, ${enDays(p.requestedHalfDays)} requested.`
        : `Not enough annual leave in ${p.year}: ${enDays(p.remainingHalfDays)} left, ${enDays(p.requestedHalfDays)} of this request fall in ${p.year} (a request across New Year counts in each year its days there).`,
    "error.ROUTE.ZERO_DAYS": "That period is zero days; no leave is needed.",
    "error.ROUTE.BAD_HALF_DAYS": "The day count is wrong ({field}); contact inspection.",
    "error.QUICK.EMPTY": "The text is empty.",
    "error.QUICK.UNKNOWN_KIND":
      "Unknown kind “{word}”. Use personal, sick, annual, marriage, maternity, paternity, family, breastfeeding or trip.",
    "error.QUICK.DATE_MISSING": "A date is missing: write the start, e.g. 2026-12-01, 12/1 or tomorrow.",
    "error.QUICK.BAD_DATE": (p: Params) =>
      p.halves === false
        ? `“${p.token}” is not a date: write a real date such as 2026-07-03, 7/3 or yesterday (a record has a day, not a half).`
        : `“${p.token}” is not a date: write a real date such as 2026-12-01, 12/1 or tomorrow, optionally followed by am/pm (e.g. 12/1pm).`,
    "error.QUICK.UNKNOWN_PURPOSE":
      "Unknown purpose “{word}”. Use training, meeting, rural visit, site survey or home-unit business.",
    "error.QUICK.PURPOSE_MISSING":
      "Give the purpose: training, meeting, rural visit, site survey or home-unit business.",
    "error.QUICK.PLACE_MISSING":
      "The place is missing: after the dates write the exact place (no spaces), then the phone.",
    "error.QUICK.PHONE_MISSING": "The contact phone is missing: write it after the place.",
  },
};
