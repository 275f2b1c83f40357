// Monthly close, private notices, transfer flags, quarter/year awards, weekly digest, reminders,
// imports and exports (RULES.md §4(4), §5, §7, §8). Keys: close.*, awards.*, digest.*, remind.*,
// import.*, list.*, and error.<CODE> for CLOSE.*, AWARD.*, IMPORT.*, EXPORT.*, EVAL.*.
import type { AreaMessages, Params } from "../index.ts";

const list = (v: unknown, sep: string) => (Array.isArray(v) ? v.map(String).join(sep) : String(v ?? ""));
const zhList = (v: unknown) => list(v, "、");
const enList = (v: unknown) => list(v, ", ");

const STAR_REASON: Record<"zh" | "en", Record<string, string>> = {
  zh: {
    tenure: "在中心工作不满三个月",
    party: "党组织关系未迁入",
    discipline: "组织纪律（季度内有严重违纪记录）",
    score: "季度分低于98.5分",
    unknown: "不在本季度考评名单",
  },
  en: {
    tenure: "under 3 months at the center",
    party: "party relation not transferred",
    discipline: "discipline (a serious breach this quarter)",
    score: "quarter score below 98.5",
    unknown: "not scored this quarter",
  },
};

const LEADING_REASON: Record<"zh" | "en", Record<string, string>> = {
  zh: {
    "1": "(1)党组织关系未迁入，或负责人非中层、配备未满三个月",
    "2": "(2)负责人或人员未列入考评",
    "3": "(3)违反禁令被曝光或通报",
    "4": "(4)明显违规，造成恶劣影响",
    "5": "(5)人员连续两个月排名后三且在92分以下",
    "6": "(6)仅派驻一名工作人员",
    "7": "(7)季度满意率低于97%",
    "8": "(8)回访差评或不满意两件以上",
    "9": "(9)人员受纪委、监委处理",
    unknown: "不在本季度考评名单",
  },
  en: {
    "1": "(1) party relations not moved in, or leader not a middle-level cadre / under 3 months",
    "2": "(2) leader or a person left out of evaluation",
    "3": "(3) a ban breach exposed or notified",
    "4": "(4) serious misconduct",
    "5": "(5) a person in the last three, ≤ 92, two months running",
    "6": "(6) only one person posted",
    "7": "(7) quarter satisfaction below 97%",
    "8": "(8) two or more bad follow-ups",
    "9": "(9) a person punished by the discipline commission",
    unknown: "not scored this quarter",
  },
};

const reasons = (lang: "zh" | "en", table: typeof STAR_REASON) => (p: Params) =>
  list(
    (Array.isArray(p.reasons) ? p.reasons : []).map((r: unknown) => table[lang][String(r)] ?? String(r)),
    lang === "zh" ? "；" : "; ",
  );

// The award kinds by name: awards.kind.<kind> and the error messages naming a kind.
const KIND_NAME = {
  zh: {
    star: "竞跑之星",
    leading_window: "领跑窗口",
    excellent_staff: "优秀窗口工作人员",
    window_prize_1: "一等奖窗口",
    window_prize_2: "二等奖窗口",
    window_prize_3: "三等奖窗口",
  },
  en: {
    star: "Star of the quarter",
    leading_window: "Leading window",
    excellent_staff: "Excellent window staff",
    window_prize_1: "First prize window",
    window_prize_2: "Second prize window",
    window_prize_3: "Third prize window",
  },
} as const;

const kindName = (lang: "zh" | "en", kind: unknown): string =>
  (KIND_NAME[lang] as Record<string, string>)[String(kind)] ?? String(kind);

const BAND_ZH = ["", "一档", "二档", "三档"];

type BandShare = { band: number; count: number; pct: number };
type BandPaid = { band: number; amount: string };
const bandsOf = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
/** "第 30–38 名" / "ranks 30–38": a rank range, or the one rank. */
const zhRanks = (from: number, to: number) => (from === to ? `第 ${from} 名` : `第 ${from}–${to} 名`);
const enRanks = (from: number, to: number) => (from === to ? `rank ${from}` : `ranks ${from}–${to}`);
const shares = (p: Params) => (Array.isArray(p.shares) ? p.shares.map(Number) : [70, 90]);

export const close: AreaMessages = {
  zh: {
    // ---- channel ranking (no scores, deductions or money of a named person: §8)
    "close.channel.title": (p: Params) => `${p.corrected ? "【更正】" : ""}*${p.center} ${p.period}考评结果*`,
    // The bands as they came out (ties can push band 1 past 70 %, §4(4)), the rule, and the money.
    "close.channel.intro": (p: Params) =>
      `参评人数 ${p.n} 人：${bandsOf<BandShare>(p.bands)
        .map((b) => `${BAND_ZH[b.band]} ${b.count} 人${b.count > 0 ? `（${b.pct}%）` : ""}`)
        .join("，")}。`,
    // Worded as the private notice words it (notice.band_rule), so both read the same.
    "close.channel.band_rule": (p: Params) => {
      const [s1, s2] = shares(p);
      return `分档：参评人数的前 ${s1}%（${zhRanks(1, Number(p.b1))}）为一档，前 ${s2}%（至第 ${p.b2} 名）为二档，其余为三档；同分同名次，并列者同档。`;
    },
    "close.channel.tie_push": (p: Params) =>
      `本月并列第 ${p.rank} 名的 ${p.tied} 人同在${BAND_ZH[Number(p.band)]}，${BAND_ZH[Number(p.band)]}因此共 ${p.count} 人，占 ${p.pct}%。`,
    // Only amounts someone received in full (§8: no person's own money here).
    "close.channel.money": (p: Params) => {
      const paid = bandsOf<BandPaid>(p.paid);
      const rule = `考评分不满 ${p.full} 分的减半，不满 ${p.min} 分的不发。`;
      return paid.length
        ? `月考评奖：${paid.map((x) => `${BAND_ZH[x.band]} ${x.amount} 元`).join("，")}；${rule}`
        : `月考评奖按档发放；${rule}`;
    },
    "close.channel.band": (p: Params) => `*${BAND_ZH[Number(p.band)]}*（${p.count} 人）`,
    "close.channel.person": "{rank}. {name}（{window}）",
    "close.channel.person_in": "{name}（{window}）",
    "close.channel.tie_inline": "并列第 {rank} 名：{people}",
    "close.channel.tie_header": "并列第 {rank} 名：{count} 人",
    "close.channel.tie_window": "　　{window}：{names}",
    "close.channel.windows": "*部门窗口排名*",
    "close.channel.window": "{rank}. {window}  {score} 分",
    "close.channel.footer": "个人得分明细已私信发送本人；如有异议，请向督查科反映。附件为本月考评排名表。",
    "close.channel.corrected_note": "本月考评结果经主任重新开放后更正（原因：{reason}），以本次为准。",
    "close.file.comment": "{period}考评排名表（Excel，A4横向打印）",
    "close.file.full_comment":
      "{period}考评结果及扣分、加分明细（仅主任、督查科，含个人分数和考评奖，请勿转发）",
    // ---- transfer recommendation (director and deputy director only)
    "close.transfer.title": "*调离窗口岗位建议（仅主任、分管副主任可见）*",
    "close.transfer.text":
      "{name}（{window}）{month}考评分 {score} 分，在中心 {n} 人中排名最后（含并列）；上月（{prev}）同样排名最后，考评分 {prevScore} 分。两个月均在92分以下，依据考评办法 三(一)4 建议调离窗口岗位，并予以通报。",
    "close.transfer.confirm": "确认并通报",
    "close.transfer.dismiss": "不予调离",
    "close.transfer.confirmed": "✅ 已由 {by} 确认，已在中心频道通报。",
    "close.transfer.dismissed": "已由 {by} 决定不予调离，不作通报。",
    "close.transfer.announce":
      "*通报*：依据考评办法 三(一)4，{name}（{window}）连续两个月考评排名中心最后且考评分在92分以下，经中心确认，建议调离窗口岗位。",
    // ---- reopen
    "close.reopened":
      "{period} 已重新开放，原因：{reason}。更正完成后，请在应用主页点击「结算月份」再次结算。",
    // ---- reopen from Slack (the director's App Home)
    "close.home.title": "月度结算（主任）",
    "close.home.none": "还没有已结算的月份。",
    "close.home.closed": "{month} · 已结算（{at}）",
    "close.home.closed_quarter": "{month} · 已结算（{at}）。所在季度也已结算，如需更正须先重新开放季度。",
    "close.home.reopened":
      "{month} · 🔓 已由 {by} 重新开放（{at}），原因：{reason}。更正完成后，请点击「再次结算」。",
    "close.reopen.button": "重新开放本月",
    "close.reopen.title": "重新开放本月",
    "close.reopen.submit": "重新开放",
    "close.reopen.intro":
      "{month}已于 {at} 结算。重新开放后，督查科可以登记或撤销该月的扣分、加分记录；更正完成后须再次结算，新结果标为“更正”并重新通知本人。",
    "close.reopen.reason": "重新开放的原因",
    "close.reopen.reason_hint": "必填，记入操作日志，并告知督查科。",
    "close.reopen.done_title": "已重新开放",
    "close.reopen.done":
      "{month}已重新开放，督查科已收到通知。更正完成后，请在应用主页点击「结算月份」再次结算（督查科或主任均可）。",
    "close.reopen.inspection":
      "🔓 {by} 重新开放了{month}的考评，现在可以更正该月的记录（登记或撤销扣分、加分）。原因：{reason}。更正完成后，请在应用主页点击「结算月份」再次结算；在此之前自动结算不会处理该月。",
    "close.reopen.not_director": "抱歉，只有中心主任可以重新开放已结算的月份。如需更正，请联系主任。",
    // ---- quarter / year awards (director)
    "awards.quarter.title": (p: Params) =>
      `${p.corrected ? "【更正】" : ""}*${p.period}季度评比 — 拟评名单，请主任确认*`,
    "awards.year.title": (p: Params) =>
      `${p.corrected ? "【更正】" : ""}*${p.period}年度评比 — 拟评名单，请主任确认*`,
    "awards.kind.star": KIND_NAME.zh.star,
    "awards.kind.leading_window": KIND_NAME.zh.leading_window,
    "awards.kind.excellent_staff": KIND_NAME.zh.excellent_staff,
    "awards.kind.window_prize_1": KIND_NAME.zh.window_prize_1,
    "awards.kind.window_prize_2": KIND_NAME.zh.window_prize_2,
    "awards.kind.window_prize_3": KIND_NAME.zh.window_prize_3,
    "awards.proposed_header": (p: Params) => `*拟评${p.kind}*（${p.count} 名，设定名额 ${p.quota}）`,
    "awards.proposed_header_plain": (p: Params) => `*拟评${p.kind}*（${p.count} 名）`,
    "awards.none": "（无符合条件者）",
    "awards.line": "{rank}. {name}  {score} 分",
    "awards.line_window": "{rank}. {name}  {score} 分（负责人 {leader} 同获优秀窗口负责人）",
    "awards.others_header": "*其他人员及原因*",
    "awards.others_windows_header": "*其他窗口及原因*",
    "awards.other_eligible": "{name} {score} 分：符合条件，名额外",
    "awards.other_reasons": (p: Params) =>
      `${p.name}${p.score ? ` ${p.score} 分` : ""}：${reasons("zh", STAR_REASON)(p)}`,
    "awards.other_window_reasons": (p: Params) =>
      `${p.name}${p.score ? ` ${p.score} 分` : ""}：${reasons("zh", LEADING_REASON)(p)}`,
    "awards.more": "……另有 {count} 项未列出。",
    "awards.confirm": "确认名单",
    "awards.edit_kind": "调整{kind}",
    "awards.modal_title": "调整拟评名单",
    "awards.modal_save": "保存",
    "awards.modal_intro": (p: Params) =>
      `*${p.period} · ${p.kind}*${p.quota === null ? "" : `（设定名额 ${p.quota}）`}\n选中的即为拟评名单。保存只修改名单，不会公布；请在名单消息中点「确认名单」后才在中心频道公布。`,
    "awards.modal_label": "拟评名单",
    "awards.modal_placeholder": "输入姓名搜索",
    "awards.modal_note_quarter":
      "列出的是符合条件、未列入其他奖项的人选，按得分排序；不符合条件的原因见名单消息。",
    "awards.modal_note_year": "按年度得分排序；已列入其他奖项的不在此列。",
    "awards.option": "{name}  {score} 分",
    "awards.options_group": "第 {from}–{to} 位（按得分）",
    "awards.pick_refused": "{name}：{reason}",
    "awards.confirmed": "✅ 名单已由 {by} 确认，已在中心频道公布。",
    "awards.announce_quarter": "*{period}季度评比结果*",
    "awards.announce_year": "*{period}年度评比结果*",
    "awards.announce_line": (p: Params) => `*${p.kind}*：${zhList(p.names) || "无"}`,
    "awards.announce_leaders": "领跑窗口负责人同获优秀窗口负责人：{names}",
    "awards.pending_evaluations":
      "*{period} 结算待定*：以下人员/窗口的中心评价分（0–10分）尚未录入：{names}。请在应用主页点击「录入中心评价分」逐项录入，或点击「导入中心评价分表」上传 CSV。全部录入后自动结算。",
    // ---- weekly digest (channel: no private details)
    "digest.title": "*本周概况（{from} — {to}）*",
    "digest.away_header": "*本周请假、外出*",
    "digest.away_none": "本周无人请假或外出。",
    "digest.away_line": (p: Params) =>
      `${p.name}（${p.window}）${p.kind === "trip" ? "因公外出" : "请假"} ${p.period}`,
    "digest.waiting_header": "*待审批的申请*",
    "digest.waiting_none": "目前没有待审批的申请。",
    "digest.waiting_line": "#{id} {name} 的申请（{period}），等待 {approver}，自 {since}",
    "digest.records_header": "*上周登记*",
    "digest.records_line":
      "扣分记录 {deductions} 条、加分记录 {bonuses} 条（涉及 {people} 人、{windows} 个窗口）。明细已私信本人。",
    "digest.standings_header": "*{month} 截至目前*",
    "digest.standings_line": "参评人数 {n} 人；目前一档 {b1} 人。部门窗口前列：{windows}。",
    "digest.standings_none": "本月暂无考评数据。",
    // ---- lists longer than a message, modal or App Home can hold (src/slack/blocks/fit.ts)
    "list.more": "还有 {count} 项…",
    "list.cut": "……内容过多，另有 {count} 段未显示。",
    // ---- reminders
    "remind.step":
      "⏰ 提醒：{requester}的{kind}申请（{period}）在您这里（{action}）已等待超过 {days} 个工作日，请在审批消息或主页中处理。",
    "remind.escalate": (p: Params) =>
      `⚠️ 督办：${p.requester}的${p.kind}申请（${p.period}）在「${p.action}」一步${p.who ? `（${p.who}）` : ""}已等待超过 ${p.days} 个工作日，提醒后仍未处理。`,
    "remind.cover":
      "⏰ 提醒：{requester}的{kind}（{period}）{start}开始，还没有指定顶岗人。顶岗由窗口负责人安排（请销假制度 五），请点下方按钮指定。",
    "remind.calendar_missing":
      "⚠️ 工作日历没有 {year} 年的国家法定节假日安排，无法判断工作日，{what} 暂停。请联系系统管理员导入该年的节假日安排。",
    // ---- imports
    "import.attendance.title": "*考勤导入：{month}*",
    "import.attendance.summary":
      "根据考勤机导出数据，拟记 {total} 条（迟到早退 {late}、缺签 {nopunch}、擅离岗位 {offpost}、旷工 {absent} 个半天），已扣除已批准的请假、外出和节假日。请核对后确认，确认前不计分。",
    "import.attendance.confirm": "确认全部",
    "import.attendance.confirmed": "✅ {by} 已确认 {count} 条考勤记录。",
    // ---- errors
    "error.CLOSE.BAD_MONTH": "月份 “{month}” 格式不对，应为 YYYY-MM，例如 2026-07。",
    "error.CLOSE.BAD_QUARTER": "季度 “{quarter}” 格式不对，应为 YYYY-Qn，例如 2026-Q3。",
    "error.CLOSE.BAD_YEAR": "年度 “{year}” 格式不对，应为 YYYY。",
    "error.CLOSE.MONTH_NOT_OVER": "{month} 还没有结束（最后一天是 {lastDay}），不能结算。",
    "error.CLOSE.ALREADY_CLOSED": "{period} 已经结算。如需更正，请主任先重新开放。",
    "error.CLOSE.NO_CENTER": "尚未设置中心信息（名称、频道、主任），请先导入组织架构。",
    "error.CLOSE.QUARTER_CLOSED": "{quarter} 已经结算，不能再结算其中的月份；请主任先重新开放该季度。",
    "error.CLOSE.CONTAINER_CLOSED":
      "{container} 已经结算，不能重新开放或结算 {period}；请先重新开放 {container}。",
    "error.CLOSE.CHANGED_DURING_CLOSE": "结算 {month} 时有记录发生变化，本次未结算，请重试。",
    "error.CLOSE.MONTHS_OPEN": (p: Params) =>
      `${p.quarter} 中的月份 ${zhList(p.months)} 尚未结算，请先结算月度。`,
    "error.CLOSE.QUARTERS_OPEN": (p: Params) =>
      `${p.year} 年的 ${zhList(p.quarters)} 尚未结算，请先结算季度。`,
    "error.CLOSE.EVALUATIONS_MISSING": (p: Params) =>
      `${p.period} 的中心评价分尚未录齐：${zhList([...(Array.isArray(p.people) ? p.people : []), ...(Array.isArray(p.windows) ? p.windows : [])])}。`,
    "error.CLOSE.NOT_DIRECTOR": "只有中心主任可以重新开放已结算的期间。",
    "error.CLOSE.REASON_REQUIRED": "请填写重新开放的原因（不超过 {max} 字）。",
    "error.CLOSE.NOT_CLOSED": "{period} 目前不是已结算状态（尚未结算或已重新开放），无需重新开放。",
    "error.CLOSE.NOT_FOUND": "找不到这条调离建议，可能已被更正的结算替换。",
    "error.CLOSE.NOT_ALLOWED": "只有中心主任或分管副主任可以处理调离建议。",
    "error.CLOSE.ALREADY_DECIDED": "这条调离建议已经处理过了。",
    "error.AWARD.NOT_DIRECTOR": "只有中心主任可以确认或调整评比名单。",
    "error.AWARD.PERIOD_NOT_CLOSED": "{period} 尚未结算或已重新开放，名单不能确认。",
    "error.AWARD.ALREADY_CONFIRMED": "{period} 的名单已经确认。",
    "error.AWARD.NOT_ELIGIBLE": (p: Params) =>
      `不符合条件，不能加入：${reasons("zh", p.target === "window" ? LEADING_REASON : STAR_REASON)(p)}`,
    "error.AWARD.PLACED_ELSEWHERE": (p: Params) =>
      `已列入${kindName("zh", p.kind)}，一个对象只能评一个奖项；请先从该奖项中移出。`,
    "error.AWARD.BAD_KIND": "{kind} 不是 {period} 的评比奖项。",
    "error.AWARD.TOO_MANY": "拟评名额 {count} 超过上限 {max}，请先移出部分人选。",
    "error.EVAL.BAD_PERIOD": "期间 “{period}” 格式不对：季度为 YYYY-Qn，年度为 YYYY。",
    "error.EVAL.BAD_TARGET": "对象类型应为 person（人员）或 window（窗口），收到 “{target}”。",
    "error.EVAL.QUARTER_WINDOW": "季度只为人员录入中心评价分；窗口的中心评价分按年度录入。",
    "error.EVAL.UNKNOWN_TARGET": "找不到 {target} “{id}”。",
    "error.EVAL.BAD_POINTS": "中心评价分 “{points}” 不对：应为 0–10 之间、最多两位小数。",
    "error.EVAL.PERIOD_CLOSED": "{period} 已经结算，中心评价分不能再改。",
    "error.EXPORT.BAD_PERIOD": "期间 “{period}” 格式不对：月份 YYYY-MM、季度 YYYY-Qn 或年度 YYYY。",
    "error.EXPORT.NO_RESULTS": "{period} 没有考评结果可导出。",
    "error.IMPORT.EMPTY_FILE": "文件里没有数据行。",
    "error.IMPORT.BAD_CSV": "无法读取 CSV：{reason}。请在 Excel 中“另存为 CSV UTF-8”。",
    "error.IMPORT.MISSING_COLUMN": "缺少“{column}”列（可用列名：{accepted}）。",
    "error.IMPORT.UNKNOWN_PERSON": "找不到人员“{value}”（请填 Slack ID 或花名册中的姓名）。",
    "error.IMPORT.AMBIGUOUS_NAME": (p: Params) =>
      `姓名“${p.value}”对应多人（${zhList(p.ids)}），请改填 Slack ID。`,
    "error.IMPORT.BAD_DATE": "日期“{value}”不对，应为 2026-07-03 这样的格式。",
    "error.IMPORT.BAD_MONTH": "月份“{value}”不对，应为 2026-07 这样的格式。",
    "error.IMPORT.MISSING_VALUE": "“{column}”为空。",
    "error.IMPORT.BAD_COUNT": "“{column}”的“{value}”不是非负整数。",
    "error.IMPORT.FUTURE_MONTH": "{month} 还没有到。",
    "error.IMPORT.DUPLICATE_ROW": "与第 {other} 行重复。",
    "error.IMPORT.BAD_DAYS": "天数“{value}”不对：应为以半天为单位的数，如 2 或 2.5。",
    "error.IMPORT.DAYS_OVER_MONTH": "抽调 {days} 天超过 {month} 的工作日数 {workingDays} 天。",
    "error.IMPORT.BAD_DATETIME": "打卡时间“{value}”不对，应为 2026-07-03 08:25 这样的格式。",
    "error.IMPORT.BAD_TIME": "时间“{value}”不对，应为 08:25 这样的格式。",
    "error.IMPORT.MIXED_MONTHS": (p: Params) => `一个文件只能是一个月的考勤，文件中有：${zhList(p.months)}。`,
    "error.IMPORT.CONFIRM_NONE": "{month} 没有待确认的考勤记录。",
    "error.IMPORT.MONTH_CLOSED": "{month} 已经结算，不能再确认考勤记录。",
    "error.IMPORT.NOT_INSPECTION": "只有督查科可以确认考勤记录。",
    // Administration (settings, backup; the CLI shows them).
    "error.SETTINGS.UNKNOWN_KEY": "没有设置项“{key}”（settings list 可列出全部设置项）。",
    "error.SETTINGS.BAD_VALUE": "设置“{key}”的取值无效：{issue}",
    "error.SETTINGS.BAD_MONTH": "生效月份“{from}”无效（应为 YYYY-MM）。",
    "error.SETTINGS.MONTH_CLOSED":
      "{month} 已结算，“{key}”不能从 {from} 起生效：请先由主任重新打开 {month}，或从其后的月份起生效。",
    "error.BACKUP.SOURCE_MISSING": "数据库文件不存在或为空：{file}（请检查 DATABASE_URL）。",
    "error.BACKUP.TARGET_EXISTS": "备份目标已存在，不会覆盖：{file}",
    "error.BACKUP.FAILED": "备份失败：{message}",
    "error.BACKUP.INTEGRITY": (p: Params) => `备份副本完整性检查未通过，已删除：${list(p.messages, "；")}`,
  },
  en: {
    "close.channel.title": (p: Params) =>
      `${p.corrected ? "[Corrected] " : ""}*${p.center}: results for ${p.period}*`,
    "close.channel.intro": (p: Params) =>
      `${p.n} people evaluated: ${bandsOf<BandShare>(p.bands)
        .map((b) => `band ${b.band} ${b.count}${b.count > 0 ? ` (${b.pct}%)` : ""}`)
        .join(", ")}.`,
    "close.channel.band_rule": (p: Params) => {
      const [s1, s2] = shares(p);
      return `Bands: the top ${s1}% (${enRanks(1, Number(p.b1))}) are band 1, the top ${s2}% (to rank ${p.b2}) band 2, the rest band 3; equal scores share a rank and a band.`;
    },
    "close.channel.tie_push": (p: Params) =>
      `This month ${p.tied} people share rank ${p.rank}, all in band ${p.band}, so band ${p.band} has ${p.count} people, ${p.pct}%.`,
    "close.channel.money": (p: Params) => {
      const paid = bandsOf<BandPaid>(p.paid);
      const rule = `half for a score under ${p.full}, none under ${p.min}.`;
      return paid.length
        ? `Monthly award: ${paid.map((x) => `band ${x.band} ${x.amount} yuan`).join(", ")}; ${rule}`
        : `The monthly award goes by band; ${rule}`;
    },
    "close.channel.band": (p: Params) => `*Band ${p.band}* (${p.count})`,
    "close.channel.person": "{rank}. {name} ({window})",
    "close.channel.person_in": "{name} ({window})",
    "close.channel.tie_inline": "Tied at rank {rank}: {people}",
    "close.channel.tie_header": "Tied at rank {rank}: {count} people",
    "close.channel.tie_window": "      {window}: {names}",
    "close.channel.windows": "*Window ranking*",
    "close.channel.window": "{rank}. {window}  {score}",
    "close.channel.footer":
      "Each person's details were sent to them privately; questions go to inspection. The ranking workbook is attached.",
    "close.channel.corrected_note":
      "The month was reopened by the director and corrected (reason: {reason}); this result replaces the earlier one.",
    "close.file.comment": "Ranking for {period} (Excel, A4 landscape)",
    "close.file.full_comment":
      "Results and every record for {period} (director and inspection only: personal scores and money, do not forward)",
    "close.transfer.title": "*Transfer recommendation (director and deputy director only)*",
    "close.transfer.text":
      "{name} ({window}) scored {score} in {month}, last (ties included) of {n} at the center; last in {prev} too, with {prevScore}. Both at or below 92: Evaluation rules III(1)4 recommend a transfer off the window, announced to the center.",
    "close.transfer.confirm": "Confirm and announce",
    "close.transfer.dismiss": "Dismiss",
    "close.transfer.confirmed": "✅ Confirmed by {by}; announced in the center's channel.",
    "close.transfer.dismissed": "Dismissed by {by}; not announced.",
    "close.transfer.announce":
      "*Notice*: under Evaluation rules III(1)4, {name} ({window}) ranked last at the center two months running with scores at or below 92; the center recommends a transfer off the window.",
    "close.reopened":
      "{period} is reopened (reason: {reason}). Once corrected, close it again with “Close a month” in the Home tab.",
    "close.home.title": "Monthly close (director)",
    "close.home.none": "No month has been closed yet.",
    "close.home.closed": "{month} · closed ({at})",
    "close.home.closed_quarter":
      "{month} · closed ({at}). Its quarter is closed too: reopen the quarter first to correct it.",
    "close.home.reopened":
      "{month} · 🔓 reopened by {by} ({at}), reason: {reason}. Once corrected, press “Close again”.",
    "close.reopen.button": "Reopen month",
    "close.reopen.title": "Reopen month",
    "close.reopen.submit": "Reopen",
    "close.reopen.intro":
      "{month} was closed on {at}. Once reopened, inspection can file or revoke that month's deductions and bonuses; after the correction the month is closed again, and the new result is marked “corrected” and sent to everyone again.",
    "close.reopen.reason": "Reason for reopening",
    "close.reopen.reason_hint": "Required; it is logged and sent to inspection.",
    "close.reopen.done_title": "Reopened",
    "close.reopen.done":
      "{month} is reopened and inspection has been told. Once corrected, close it again with “Close a month” in the Home tab (inspection or the director).",
    "close.reopen.inspection":
      "🔓 {by} reopened {month} for corrections: you can now file or revoke that month's deductions and bonuses. Reason: {reason}. Once corrected, close it again with “Close a month” in the Home tab; until then the automatic close leaves it alone.",
    "close.reopen.not_director":
      "Sorry, only the director can reopen a closed month. If something needs correcting, please ask the director.",
    "awards.quarter.title": (p: Params) =>
      `${p.corrected ? "[Corrected] " : ""}*${p.period} quarter awards — proposal for the director*`,
    "awards.year.title": (p: Params) =>
      `${p.corrected ? "[Corrected] " : ""}*${p.period} year awards — proposal for the director*`,
    "awards.kind.star": KIND_NAME.en.star,
    "awards.kind.leading_window": KIND_NAME.en.leading_window,
    "awards.kind.excellent_staff": KIND_NAME.en.excellent_staff,
    "awards.kind.window_prize_1": KIND_NAME.en.window_prize_1,
    "awards.kind.window_prize_2": KIND_NAME.en.window_prize_2,
    "awards.kind.window_prize_3": KIND_NAME.en.window_prize_3,
    "awards.proposed_header": (p: Params) => `*Proposed: ${p.kind}* (${p.count}, quota ${p.quota})`,
    "awards.proposed_header_plain": (p: Params) => `*Proposed: ${p.kind}* (${p.count})`,
    "awards.none": "(nobody eligible)",
    "awards.line": "{rank}. {name}  {score}",
    "awards.line_window": "{rank}. {name}  {score} (leader {leader} is also an excellent window leader)",
    "awards.others_header": "*Everyone else, and why*",
    "awards.others_windows_header": "*Other windows, and why*",
    "awards.other_eligible": "{name} {score}: eligible, outside the quota",
    "awards.other_reasons": (p: Params) =>
      `${p.name}${p.score ? ` ${p.score}` : ""}: ${reasons("en", STAR_REASON)(p)}`,
    "awards.other_window_reasons": (p: Params) =>
      `${p.name}${p.score ? ` ${p.score}` : ""}: ${reasons("en", LEADING_REASON)(p)}`,
    "awards.more": "… and {count} more not listed.",
    "awards.confirm": "Confirm",
    "awards.edit_kind": "Edit: {kind}",
    "awards.modal_title": "Edit the proposal",
    "awards.modal_save": "Save",
    "awards.modal_intro": (p: Params) =>
      `*${p.period} · ${p.kind}*${p.quota === null ? "" : ` (quota ${p.quota})`}\nThose selected are proposed. Saving changes the proposal only and announces nothing: it is announced in the center's channel once you press Confirm on the proposal message.`,
    "awards.modal_label": "Proposed",
    "awards.modal_placeholder": "Type a name to search",
    "awards.modal_note_quarter":
      "Listed: those eligible and not proposed for another award, best score first; the proposal message says why the others are not.",
    "awards.modal_note_year": "Best year score first; those proposed for another award are not listed.",
    "awards.option": "{name}  {score}",
    "awards.options_group": "{from}–{to} (best score first)",
    "awards.pick_refused": "{name}: {reason}",
    "awards.confirmed": "✅ Confirmed by {by}; announced in the center's channel.",
    "awards.announce_quarter": "*{period} quarter awards*",
    "awards.announce_year": "*{period} year awards*",
    "awards.announce_line": (p: Params) => `*${p.kind}*: ${enList(p.names) || "none"}`,
    "awards.announce_leaders": "Leaders of the leading windows are excellent window leaders: {names}",
    "awards.pending_evaluations":
      "*{period} is pending*: the center evaluation (0–10) is missing for {names}. Enter it with “Enter evaluations” in the Home tab, or upload a CSV with “Import evaluations”; the close runs once all are in.",
    "digest.title": "*This week ({from} — {to})*",
    "digest.away_header": "*On leave or away this week*",
    "digest.away_none": "Nobody is on leave or away this week.",
    "digest.away_line": (p: Params) =>
      `${p.name} (${p.window}) ${p.kind === "trip" ? "on an official trip" : "on leave"} ${p.period}`,
    "digest.waiting_header": "*Requests waiting*",
    "digest.waiting_none": "No request is waiting.",
    "digest.waiting_line": "#{id} {name}'s request ({period}), waiting for {approver} since {since}",
    "digest.records_header": "*Filed last week*",
    "digest.records_line":
      "{deductions} deductions and {bonuses} bonuses ({people} people, {windows} windows). Details went to each person privately.",
    "digest.standings_header": "*{month} so far*",
    "digest.standings_line": "{n} people evaluated; {b1} in band 1 so far. Leading windows: {windows}.",
    "digest.standings_none": "No scores this month yet.",
    // ---- lists longer than a message, modal or App Home can hold (src/slack/blocks/fit.ts)
    "list.more": "… and {count} more",
    "list.cut": "… too long to show: {count} more sections left out.",
    "remind.step": (p: Params) =>
      `⏰ Reminder: ${p.requester}'s ${p.kind} request (${p.period}) has waited for your decision (${p.action}) for more than ${p.days} working day${Number(p.days) === 1 ? "" : "s"}. Please decide it from the approval message or the Home tab.`,
    "remind.escalate": (p: Params) =>
      `⚠️ Escalation: ${p.requester}'s ${p.kind} request (${p.period}) has waited at “${p.action}”${p.who ? ` (${p.who})` : ""} for more than ${p.days} working days, even after a reminder.`,
    "remind.cover":
      "⏰ Reminder: {requester}'s {kind} ({period}) starts {start}, and nobody is named to cover the post yet. Cover is the window leader's to arrange (Leave rules art. 5): use the button below to name someone.",
    "remind.calendar_missing":
      "⚠️ The working-day calendar has no official holiday schedule for {year}; {what} is paused. Ask the system administrator to load that year's holiday schedule.",
    "import.attendance.title": "*Attendance import: {month}*",
    "import.attendance.summary":
      "From the attendance machine's export, {total} records are proposed (late/early {late}, missed punch {nopunch}, off post {offpost}, absent {absent} half days), after approved leave, trips and holidays. Nothing counts until confirmed.",
    "import.attendance.confirm": "Confirm all",
    "import.attendance.confirmed": "✅ {by} confirmed {count} attendance records.",
    "error.CLOSE.BAD_MONTH": "“{month}” is not a month: use YYYY-MM, e.g. 2026-07.",
    "error.CLOSE.BAD_QUARTER": "“{quarter}” is not a quarter: use YYYY-Qn, e.g. 2026-Q3.",
    "error.CLOSE.BAD_YEAR": "“{year}” is not a year: use YYYY.",
    "error.CLOSE.MONTH_NOT_OVER": "{month} is not over yet (its last day is {lastDay}).",
    "error.CLOSE.ALREADY_CLOSED": "{period} is already closed. To correct it, the director reopens it first.",
    "error.CLOSE.NO_CENTER":
      "The center (name, channel, director) is not set up yet: import the organisation first.",
    "error.CLOSE.QUARTER_CLOSED":
      "{quarter} is closed, so its months cannot be closed; the director must reopen the quarter first.",
    "error.CLOSE.CONTAINER_CLOSED":
      "{container} is closed, so {period} cannot be reopened or closed; reopen {container} first.",
    "error.CLOSE.CHANGED_DURING_CLOSE":
      "Records of {month} changed during the close; nothing was closed, try again.",
    "error.CLOSE.MONTHS_OPEN": (p: Params) => `${p.quarter}: months ${enList(p.months)} are not closed yet.`,
    "error.CLOSE.QUARTERS_OPEN": (p: Params) =>
      `${p.year}: quarters ${enList(p.quarters)} are not closed yet.`,
    "error.CLOSE.EVALUATIONS_MISSING": (p: Params) =>
      `${p.period}: center evaluations missing for ${enList([...(Array.isArray(p.people) ? p.people : []), ...(Array.isArray(p.windows) ? p.windows : [])])}.`,
    "error.CLOSE.NOT_DIRECTOR": "Only the director can reopen a closed period.",
    "error.CLOSE.REASON_REQUIRED": "Give the reason for reopening (at most {max} characters).",
    "error.CLOSE.NOT_CLOSED":
      "{period} is not closed (not closed yet, or already reopened): nothing to reopen.",
    "error.CLOSE.NOT_FOUND":
      "This transfer recommendation no longer exists (a corrected close may have replaced it).",
    "error.CLOSE.NOT_ALLOWED":
      "Only the director or the deputy director can decide a transfer recommendation.",
    "error.CLOSE.ALREADY_DECIDED": "This transfer recommendation was already decided.",
    "error.AWARD.NOT_DIRECTOR": "Only the director can confirm or edit the award list.",
    "error.AWARD.PERIOD_NOT_CLOSED":
      "{period} is not closed (or was reopened); the list cannot be confirmed.",
    "error.AWARD.ALREADY_CONFIRMED": "The list for {period} is already confirmed.",
    "error.AWARD.NOT_ELIGIBLE": (p: Params) =>
      `Not eligible: ${reasons("en", p.target === "window" ? LEADING_REASON : STAR_REASON)(p)}`,
    "error.AWARD.PLACED_ELSEWHERE": (p: Params) =>
      `Already proposed as ${kindName("en", p.kind)}; one award each: remove it there first.`,
    "error.AWARD.BAD_KIND": "{kind} is not an award of {period}.",
    "error.AWARD.TOO_MANY": "{count} proposed is more than the maximum {max}; remove some first.",
    "error.EVAL.BAD_PERIOD": "“{period}” is not a quarter (YYYY-Qn) or a year (YYYY).",
    "error.EVAL.BAD_TARGET": "The target type is person or window, not “{target}”.",
    "error.EVAL.QUARTER_WINDOW":
      "Quarters take center evaluations for people only; windows get theirs for the year.",
    "error.EVAL.UNKNOWN_TARGET": "No {target} “{id}”.",
    "error.EVAL.BAD_POINTS": "“{points}” is not a center evaluation: 0–10 with at most two decimals.",
    "error.EVAL.PERIOD_CLOSED": "{period} is closed; its center evaluations can no longer change.",
    "error.EXPORT.BAD_PERIOD": "“{period}” is not a month (YYYY-MM), quarter (YYYY-Qn) or year (YYYY).",
    "error.EXPORT.NO_RESULTS": "{period} has no results to export.",
    "error.IMPORT.EMPTY_FILE": "The file has no data rows.",
    "error.IMPORT.BAD_CSV": "Cannot read the CSV: {reason}. Save it from Excel as “CSV UTF-8”.",
    "error.IMPORT.MISSING_COLUMN": "Column “{column}” is missing (accepted titles: {accepted}).",
    "error.IMPORT.UNKNOWN_PERSON": "No person “{value}” (use the Slack id or the name on the roster).",
    "error.IMPORT.AMBIGUOUS_NAME": (p: Params) =>
      `The name “${p.value}” fits several people (${enList(p.ids)}); use the Slack id.`,
    "error.IMPORT.BAD_DATE": "“{value}” is not a date like 2026-07-03.",
    "error.IMPORT.BAD_MONTH": "“{value}” is not a month like 2026-07.",
    "error.IMPORT.MISSING_VALUE": "“{column}” is empty.",
    "error.IMPORT.BAD_COUNT": "“{value}” in “{column}” is not a whole number ≥ 0.",
    "error.IMPORT.FUTURE_MONTH": "{month} has not come yet.",
    "error.IMPORT.DUPLICATE_ROW": "Repeats line {other}.",
    "error.IMPORT.BAD_DAYS": "“{value}” is not a number of days in half-day steps (2 or 2.5).",
    "error.IMPORT.DAYS_OVER_MONTH":
      "{days} days seconded is more than the {workingDays} working days of {month}.",
    "error.IMPORT.BAD_DATETIME": "“{value}” is not a punch time like 2026-07-03 08:25.",
    "error.IMPORT.BAD_TIME": "“{value}” is not a time like 08:25.",
    "error.IMPORT.MIXED_MONTHS": (p: Params) =>
      `One file holds one month of attendance; this one has ${enList(p.months)}.`,
    "error.IMPORT.CONFIRM_NONE": "{month} has no proposed attendance records.",
    "error.IMPORT.MONTH_CLOSED": "{month} is closed; attendance records can no longer be confirmed.",
    "error.IMPORT.NOT_INSPECTION": "Only inspection can confirm attendance records.",
    "error.SETTINGS.UNKNOWN_KEY": "There is no setting “{key}” (settings list shows them all).",
    "error.SETTINGS.BAD_VALUE": "Bad value for the setting “{key}”: {issue}",
    "error.SETTINGS.BAD_MONTH": "“{from}” is not a month (YYYY-MM) a setting can take effect from.",
    "error.SETTINGS.MONTH_CLOSED":
      "{month} is closed, so “{key}” cannot take effect from {from}: have the director reopen {month} first, or choose a later month.",
    "error.BACKUP.SOURCE_MISSING": "The database file is missing or empty: {file} (check DATABASE_URL).",
    "error.BACKUP.TARGET_EXISTS": "The backup target already exists and will not be overwritten: {file}",
    "error.BACKUP.FAILED": "The backup failed: {message}",
    "error.BACKUP.INTEGRITY": (p: Params) =>
      `The copy failed its integrity check and was removed: ${list(p.messages, "; ")}`,
  },
};

/** Reason texts, for the CLI and the export. */
export const STAR_REASON_TEXT = STAR_REASON;
export const LEADING_REASON_TEXT = LEADING_REASON;
