// The deduction and bonus catalog of RULES.md §4 (staff) and §6 (window). Codes are part of the
// interface; points are integer hundredths; a fixed item has min === max.
import type { Hundredths } from "./points.ts";
import { err, ok, type Result } from "./result.ts";
import type { Role } from "./routing.ts";

export type CatalogTarget = "person" | "window";
export type CatalogUnit = "each" | "month" | "half_day" | "person" | "article";

export interface CatalogItem {
  code: string;
  target: CatalogTarget;
  sign: "deduction" | "bonus";
  zh: string;
  en: string;
  /** Clause in the seed text, e.g. "考评办法 三(一)2(1)①". */
  section: string;
  min: Hundredths;
  max: Hundredths;
  unit: CatalogUnit;
  /** Computed by scoring, never filed by hand. */
  automatic: boolean;
  /** §6 linked items: filing this staff item also files that window item (setting linkWindowItems). */
  linkedWindowCode?: string;
  /** Also charged (per count) to the window leader of the person it is filed on. */
  leaderCharge?: Hundredths;
  /** Only window leaders may receive it (S-BON-LEADER, S-ATT-LEADERMEET); scoring does not count it on staff. */
  leaderOnly?: boolean;
  /** Counted only when the same person has this code the same month (S-BON-HONOUR: 再加). */
  requires?: string;
}

type Spec = Omit<CatalogItem, "target" | "sign" | "automatic" | "max"> & {
  max?: Hundredths;
  automatic?: true;
};

const S = "考评办法 三(一)";
const W = "考评办法 四(一)";

function items(target: CatalogTarget, sign: CatalogItem["sign"], specs: Spec[]): CatalogItem[] {
  return specs.map(({ max, automatic, ...s }) => ({
    ...s,
    target,
    sign,
    max: max ?? s.min,
    automatic: automatic ?? false,
  }));
}

const STAFF_DEDUCTIONS = items("person", "deduction", [
  // (1) 出勤值勤
  {
    code: "S-ATT-LATE",
    zh: "迟到早退",
    en: "Late or left early",
    section: `${S}2(1)①`,
    min: 100,
    unit: "each",
  },
  {
    code: "S-ATT-NOPUNCH",
    zh: "上下班缺签",
    en: "Missed sign-in/out",
    section: `${S}2(1)②`,
    min: 200,
    unit: "each",
  },
  {
    code: "S-ATT-ABSENT",
    zh: "旷工",
    en: "Absent without leave",
    section: `${S}2(1)②`,
    min: 500,
    unit: "half_day",
  },
  {
    code: "S-ATT-OFFPOST",
    zh: "擅自离岗",
    en: "Left post without leave",
    section: `${S}2(1)③`,
    min: 300,
    unit: "each",
  },
  {
    code: "S-ATT-HOMEUNIT",
    zh: "回局办事未签到签退",
    en: "Home-unit business without sign-in/out",
    section: `${S}2(1)④`,
    min: 200,
    unit: "each",
  },
  {
    code: "S-ATT-FALSETRIP",
    zh: "外出登记弄虚作假",
    en: "Falsified trip record",
    section: `${S}2(1)⑤`,
    min: 500,
    unit: "each",
    leaderCharge: 200,
  },
  {
    code: "S-ATT-MEETABSENT",
    zh: "中心会议培训无故缺席",
    en: "Missed a center meeting or training",
    section: `${S}2(1)⑥`,
    min: 200,
    unit: "each",
  },
  {
    code: "S-ATT-MEETLATE",
    zh: "中心会议迟到早退",
    en: "Late for or left a center meeting early",
    section: `${S}2(1)⑥`,
    min: 100,
    unit: "each",
  },
  {
    code: "S-ATT-LEADERMEET",
    zh: "窗口负责人会议缺席且未指定他人",
    en: "Leader missed the leaders' meeting and named nobody",
    section: `${S}2(1)⑥`,
    min: 200,
    unit: "each",
    leaderOnly: true, // RULES.md §4: "window leaders only" (issue #12 finding 5)
  },
  // Filed on the named delegate (2); their window's leader is charged 1 (RULES.md §4).
  {
    code: "S-ATT-DELEGATE",
    zh: "被指定参加负责人会议而未参加",
    en: "Named delegate did not attend the leaders' meeting",
    section: `${S}2(1)⑥`,
    min: 200,
    unit: "each",
    leaderCharge: 100,
  },
  // 5 + 0.5 per half day above 3 working days; max is the bound for a 31-day month (62 half days).
  {
    code: "S-ATT-PERSONAL",
    zh: "当月事假累计3个工作日以上",
    en: "Personal leave of 3 or more working days this month",
    section: `${S}2(1)⑦`,
    min: 500,
    max: 500 + 50 * (62 - 6),
    unit: "month",
    automatic: true,
  },
  // (2) 规范办事
  {
    code: "S-SVC-FIRSTASK",
    zh: "违反首问负责制度",
    en: "First-contact responsibility breached",
    section: `${S}2(2)①`,
    min: 600,
    unit: "each",
    linkedWindowCode: "W-FIRSTASK",
  },
  {
    code: "S-SVC-DEADLINE",
    zh: "违反限时办结制度",
    en: "Time-limit rule breached",
    section: `${S}2(2)②`,
    min: 600,
    unit: "each",
    linkedWindowCode: "W-DEADLINE",
  },
  {
    code: "S-SVC-OVERDUE",
    zh: "操作原因造成系统超期",
    en: "System overdue by operating error",
    section: `${S}2(2)②`,
    min: 500,
    unit: "each",
    linkedWindowCode: "W-OVERDUE",
  },
  {
    code: "S-SVC-VETO",
    zh: "违反否决事项报备制度",
    en: "Refusal-reporting rule breached",
    section: `${S}2(2)③`,
    min: 600,
    unit: "each",
    linkedWindowCode: "W-VETO",
  },
  {
    code: "S-SVC-ONETIME",
    zh: "违反一次性告知制度",
    en: "One-time notification rule breached",
    section: `${S}2(2)④`,
    min: 600,
    unit: "each",
    linkedWindowCode: "W-ONETIME",
  },
  {
    code: "S-SVC-TOLERANCE",
    zh: "违反容缺受理制度",
    en: "Tolerant-acceptance rule breached",
    section: `${S}2(2)⑤`,
    min: 600,
    unit: "each",
    linkedWindowCode: "W-TOLERANCE",
  },
  {
    code: "S-SVC-PARALLEL",
    zh: "违反并联审批制度",
    en: "Parallel-approval rule breached",
    section: `${S}2(2)⑥`,
    min: 600,
    unit: "each",
    linkedWindowCode: "W-PARALLEL",
  },
  {
    code: "S-SVC-AGENCY",
    zh: "未按帮办代办制度配合",
    en: "Agency-service rule not followed",
    section: `${S}2(2)⑦`,
    min: 600,
    unit: "each",
    linkedWindowCode: "W-AGENCY",
  },
  // (3) 办件评价
  {
    code: "S-EVAL-NOASK",
    zh: "未主动要求群众评价",
    en: "Did not ask the applicant to rate",
    section: `${S}2(3)①`,
    min: 500,
    unit: "each",
    linkedWindowCode: "W-EVAL-NOASK",
  },
  {
    code: "S-EVAL-RATE",
    zh: "月评价满意率低于95%",
    en: "Monthly satisfaction below 95%",
    section: `${S}2(3)①`,
    min: 600,
    unit: "month",
    automatic: true,
  },
  {
    code: "S-EVAL-FAKE",
    zh: "弄虚作假评价",
    en: "Faked a rating",
    section: `${S}2(3)①`,
    min: 900,
    unit: "each",
    linkedWindowCode: "W-EVAL-FAKE",
  },
  {
    code: "S-EVAL-CALLBACK",
    zh: "电话回访业主不满意",
    en: "Phone follow-up: owner dissatisfied",
    section: `${S}2(3)②`,
    min: 500,
    unit: "each",
    linkedWindowCode: "W-CALLBACK",
  },
  {
    code: "S-EVAL-FRAUD",
    zh: "办件过程中弄虚作假",
    en: "Fraud while handling a case",
    section: `${S}2(3)②`,
    min: 900,
    unit: "each",
  },
  // (4) 工作纪律
  {
    code: "S-DIS-IT",
    zh: "违反计算机和网络管理制度",
    en: "Computer and network rules breached",
    section: `${S}2(4)①`,
    min: 100,
    max: 800,
    unit: "each",
  },
  {
    code: "S-DIS-DROWSY",
    zh: "精神不佳、伏案打瞌睡",
    en: "Dozing or poor spirits at the desk",
    section: `${S}2(4)②`,
    min: 500,
    unit: "each",
  },
  {
    code: "S-DIS-SNACK",
    zh: "吃早餐零食、串岗闲谈",
    en: "Breakfast, snacks or chatting at other desks",
    section: `${S}2(4)②`,
    min: 500,
    unit: "each",
  },
  {
    code: "S-DIS-PHONE",
    zh: "长时间看手机",
    en: "Long phone use while serving",
    section: `${S}2(4)②`,
    min: 500,
    unit: "each",
  },
  {
    code: "S-DIS-LEISURE",
    zh: "上网购物、炒股、游戏、小说、视频",
    en: "Shopping, stocks, games, novels or videos at work",
    section: `${S}2(4)②`,
    min: 2000,
    unit: "each",
  },
  {
    code: "S-DIS-UNIFORM",
    zh: "未佩证上岗或未穿工作服",
    en: "No badge or uniform",
    section: `${S}2(4)③`,
    min: 300,
    unit: "each",
  },
  {
    code: "S-DIS-RUDE",
    zh: "态度粗暴或与群众争吵",
    en: "Rude to or quarrelling with the public",
    section: `${S}2(4)④`,
    min: 600,
    unit: "each",
  },
  {
    code: "S-DIS-DISOBEY",
    zh: "不服从中心日常管理",
    en: "Disobeyed the center's management",
    section: `${S}2(4)⑤`,
    min: 1000,
    unit: "each",
  },
  {
    code: "S-DIS-ONEVISIT",
    zh: "违反“最多跑一次”规定",
    en: "“Run at most once” rules breached",
    section: `${S}2(4)⑥`,
    min: 100,
    max: 1000,
    unit: "each",
  },
  {
    code: "S-DIS-BAN",
    zh: "违反禁令被曝光或通报",
    en: "Ban breached, exposed or notified",
    section: `${S}2(4)⑦`,
    min: 2000,
    unit: "each",
    linkedWindowCode: "W-BAN",
  },
  {
    code: "S-DIS-GRAFT",
    zh: "吃拿卡要受纪委监委处理",
    en: "Graft punished by the discipline commission",
    section: `${S}2(4)⑧`,
    min: 2000,
    unit: "each",
    linkedWindowCode: "W-GRAFT",
  },
  {
    code: "S-DIS-SITE",
    zh: "其他违反现场管理服务制度",
    en: "Other on-site management rules breached",
    section: `${S}2(4)⑨`,
    min: 100,
    max: 1000,
    unit: "each",
  },
]);

const STAFF_BONUSES = items("person", "bonus", [
  {
    code: "S-BON-WORKLOAD",
    zh: "当月工作量特别大",
    en: "Exceptional workload this month",
    section: `${S}3(1)`,
    min: 100,
    max: 200,
    unit: "month",
  },
  {
    code: "S-BON-OVERTIME",
    zh: "非工作日加班",
    en: "Overtime on a non-working day",
    section: `${S}3(2)`,
    min: 100,
    max: 300,
    unit: "each",
  },
  {
    code: "S-BON-ACTIVITY",
    zh: "参加中心组织的活动",
    en: "Took part in a center activity",
    section: `${S}3(3)`,
    min: 200,
    unit: "each",
  },
  {
    code: "S-BON-HONOUR",
    zh: "为中心争取荣誉",
    en: "Won an honour for the center",
    section: `${S}3(3)`,
    min: 100,
    max: 300,
    unit: "each",
    requires: "S-BON-ACTIVITY",
  },
  {
    code: "S-BON-LEADER",
    zh: "窗口负责人配合中心工作突出",
    en: "Window leader's outstanding support",
    section: `${S}3(4)`,
    min: 100,
    max: 300,
    unit: "month",
    leaderOnly: true,
  },
  {
    code: "S-BON-ARTICLE",
    zh: "报送信息被录用",
    en: "Article published",
    section: `${S}3(5)`,
    min: 50,
    max: 500,
    unit: "article",
  },
  {
    code: "S-BON-INNOVATION",
    zh: "创造性成果或重大贡献",
    en: "Innovation or major contribution",
    section: `${S}3(6)`,
    min: 100,
    max: 500,
    unit: "each",
  },
  {
    code: "S-BON-WRONGED",
    zh: "依规办事受委屈",
    en: "Wronged while following the rules",
    section: `${S}3(7)`,
    min: 100,
    max: 300,
    unit: "each",
  },
]);

const WINDOW_DEDUCTIONS = items("window", "deduction", [
  {
    code: "W-STAFF-NOTMID",
    zh: "窗口负责人非单位中层",
    en: "Leader is not a middle-level cadre",
    section: `${W}2(1)`,
    min: 30,
    unit: "month",
    automatic: true,
  },
  {
    code: "W-STAFF-NOTHEAD",
    zh: "窗口负责人非审批科主要负责人",
    en: "Leader is not the approval section's head",
    section: `${W}2(1)`,
    min: 20,
    unit: "month",
    automatic: true,
  },
  {
    code: "W-STAFF-SINGLE",
    zh: "仅派驻一名窗口工作人员",
    en: "Only one person posted",
    section: `${W}2(1)`,
    min: 20,
    unit: "month",
    automatic: true,
  },
  {
    code: "W-STAFF-CONTRACT",
    zh: "非在编人员超过20%",
    en: "Non-establishment staff above 20%",
    section: `${W}2(1)`,
    min: 10,
    max: 40,
    unit: "month",
    automatic: true,
  },
  {
    code: "W-ITEM-MISSING",
    zh: "事项应进未进或名进实不进",
    en: "Service item not moved in",
    section: `${W}2(2)`,
    min: 10,
    unit: "each",
    automatic: true,
  },
  {
    code: "W-ITEM-AUTH",
    zh: "事项授权不到位",
    en: "Service item not fully authorised",
    section: `${W}2(3)`,
    min: 5,
    unit: "each",
    automatic: true,
  },
  {
    code: "W-OPEN",
    zh: "违反信息公开制度",
    en: "Information-disclosure rule breached",
    section: `${W}2(4)`,
    min: 100,
    max: 500,
    unit: "each",
  },
  {
    code: "W-ONEWINDOW",
    zh: "违反一窗受理制度",
    en: "One-window acceptance rule breached",
    section: `${W}2(5)`,
    min: 200,
    max: 500,
    unit: "each",
  },
  {
    code: "W-FIRSTASK",
    zh: "违反首问负责制度",
    en: "First-contact responsibility breached",
    section: `${W}2(6)`,
    min: 100,
    max: 300,
    unit: "each",
  },
  {
    code: "W-AB",
    zh: "违反顶岗补位(AB岗)制度",
    en: "Cover (AB post) rule breached",
    section: `${W}2(7)`,
    min: 500,
    unit: "each",
  },
  {
    code: "W-DEADLINE",
    zh: "违反限时办结制度",
    en: "Time-limit rule breached",
    section: `${W}2(8)`,
    min: 200,
    unit: "each",
  },
  {
    code: "W-OVERDUE",
    zh: "操作原因造成系统超期",
    en: "System overdue by operating error",
    section: `${W}2(8)`,
    min: 100,
    unit: "each",
  },
  {
    code: "W-VETO",
    zh: "违反否决事项报备制度",
    en: "Refusal-reporting rule breached",
    section: `${W}2(9)`,
    min: 200,
    unit: "each",
  },
  {
    code: "W-ONETIME",
    zh: "违反一次性告知制度",
    en: "One-time notification rule breached",
    section: `${W}2(10)`,
    min: 300,
    unit: "each",
  },
  {
    code: "W-TOLERANCE",
    zh: "违反容缺受理制度",
    en: "Tolerant-acceptance rule breached",
    section: `${W}2(11)`,
    min: 200,
    unit: "each",
  },
  {
    code: "W-PARALLEL",
    zh: "违反并联审批制度",
    en: "Parallel-approval rule breached",
    section: `${W}2(12)`,
    min: 200,
    unit: "each",
  },
  {
    code: "W-AGENCY",
    zh: "未按帮办代办制度配合",
    en: "Agency-service rule not followed",
    section: `${W}2(13)`,
    min: 100,
    unit: "each",
  },
  {
    code: "W-REPORT-LATE",
    zh: "数据报表未按时上报",
    en: "Requested data or report sent late",
    section: `${W}2(13)`,
    min: 20,
    unit: "each",
  },
  {
    code: "W-REPORT-MISSING",
    zh: "数据报表未报",
    en: "Requested data or report never sent",
    section: `${W}2(13)`,
    min: 100,
    unit: "each",
  },
  {
    code: "W-IT-INCIDENT",
    zh: "信息失密失窃、数据丢失或系统瘫痪",
    en: "Leak, theft, data loss or outage by misuse",
    section: `${W}2(14)`,
    min: 500,
    unit: "each",
  },
  {
    code: "W-LEADERMEET",
    zh: "违反窗口负责人联系会制度",
    en: "Window-leader meeting rule breached",
    section: `${W}2(15)`,
    min: 100,
    unit: "each",
  },
  {
    code: "W-SITE",
    zh: "违反现场管理服务制度",
    en: "On-site management rule breached",
    section: `${W}2(16)`,
    min: 20,
    max: 300,
    unit: "each",
  },
  {
    code: "W-EVAL-NOASK",
    zh: "未主动要求群众评价",
    en: "Did not ask for a rating",
    section: `${W}2(17)`,
    min: 50,
    unit: "each",
  },
  {
    code: "W-EVAL-FAKE",
    zh: "弄虚作假评价",
    en: "Faked a rating",
    section: `${W}2(17)`,
    min: 200,
    unit: "each",
  },
  {
    code: "W-EVAL-RATE97",
    zh: "月评价满意率低于97%",
    en: "Monthly satisfaction below 97%",
    section: `${W}2(17)`,
    min: 100,
    unit: "month",
    automatic: true,
  },
  {
    code: "W-EVAL-RATE95",
    zh: "月评价满意率低于95%",
    en: "Monthly satisfaction below 95%",
    section: `${W}2(17)`,
    min: 300,
    unit: "month",
    automatic: true,
  },
  {
    code: "W-INFO-QUOTA",
    zh: "季度信息报送未完成",
    en: "Quarterly information quota missed",
    section: `${W}2(18)`,
    min: 50,
    unit: "each",
  },
  {
    code: "W-LEFT-EARLY",
    zh: "工作人员未满两年调离",
    en: "A person left the center within two years",
    section: `${W}2(19)`,
    min: 200,
    unit: "person",
  },
  {
    code: "W-LEFT-NOCONSENT",
    zh: "未经同意擅自调离窗口岗位",
    en: "A person left the post without consent",
    section: `${W}2(19)`,
    min: 500,
    unit: "person",
  },
  {
    code: "W-ARCHIVE",
    zh: "审批档案未满半个月移送",
    en: "Approval archive sent back within half a month",
    section: `${W}2(20)`,
    min: 100,
    unit: "each",
  },
  {
    code: "W-FEE",
    zh: "未在中心收费窗口统一收费",
    en: "Fee not taken at the center's cashier",
    section: `${W}2(21)`,
    min: 500,
    unit: "each",
  },
  {
    code: "W-CALLBACK",
    zh: "电话回访业主不满意",
    en: "Phone follow-up: owner dissatisfied",
    section: `${W}2(22)`,
    min: 100,
    unit: "each",
  },
  {
    code: "W-BAN",
    zh: "工作人员违反禁令被曝光或通报",
    en: "A person breached a ban, exposed or notified",
    section: `${W}2(23)`,
    min: 1000,
    unit: "each",
  },
  {
    code: "W-GRAFT",
    zh: "工作人员受纪委监委处理",
    en: "A person punished by the discipline commission",
    section: `${W}2(24)`,
    min: 1000,
    unit: "each",
  },
  {
    code: "W-DISOBEY",
    zh: "窗口不服从中心日常管理",
    en: "Window disobeyed the center's management",
    section: `${W}2(25)`,
    min: 500,
    max: 1000,
    unit: "each",
  },
  {
    code: "W-ONEVISIT",
    zh: "违反“最多跑一次”改革精神",
    en: "“Run at most once” spirit breached",
    section: `${W}2(26)`,
    min: 100,
    max: 1000,
    unit: "each",
  },
]);

// "嘉奖加分(1-5分/次)" is the range of the levels, not a per-award cap (RULES.md §6 decision).
const WINDOW_BONUSES = items("window", "bonus", [
  {
    code: "W-BON-SPEED",
    zh: "承诺件提速提效",
    en: "Faster processing of committed items",
    section: `${W}3(1)`,
    min: 10,
    max: 50,
    unit: "month",
  },
  {
    code: "W-BON-SERVICE",
    zh: "便民服务",
    en: "Convenience service",
    section: `${W}3(2)`,
    min: 10,
    max: 200,
    unit: "month",
  },
  {
    code: "W-BON-PRAISE",
    zh: "好人好事(表扬信、锦旗)",
    en: "Praise letter or banner",
    section: `${W}3(3)`,
    min: 10,
    max: 300,
    unit: "each",
  },
  {
    code: "W-BON-COUNTY",
    zh: "县级嘉奖",
    en: "County commendation",
    section: `${W}3(4)`,
    min: 100,
    unit: "each",
  },
  {
    code: "W-BON-CITY",
    zh: "市级嘉奖",
    en: "City commendation",
    section: `${W}3(4)`,
    min: 300,
    unit: "each",
  },
  {
    code: "W-BON-PROVINCE",
    zh: "省级嘉奖(每人)",
    en: "Provincial commendation (per person)",
    section: `${W}3(4)`,
    min: 400,
    unit: "person",
  },
  {
    code: "W-BON-NATIONAL",
    zh: "省级以上嘉奖",
    en: "National commendation",
    section: `${W}3(4)`,
    min: 500,
    unit: "each",
  },
]);

export const CATALOG: readonly CatalogItem[] = Object.freeze([
  ...STAFF_DEDUCTIONS,
  ...STAFF_BONUSES,
  ...WINDOW_DEDUCTIONS,
  ...WINDOW_BONUSES,
]);

const BY_CODE = new Map(CATALOG.map((i) => [i.code, i]));

export function catalogItem(code: string): CatalogItem | undefined {
  return BY_CODE.get(code);
}

/**
 * Items whose code, Chinese or English name contains the query (case-insensitive), catalog order.
 * Automatic items are left out unless asked for: the search feeds the filing form, which refuses them.
 */
export function searchCatalog(
  query: string,
  target?: CatalogTarget,
  opts: { includeAutomatic?: boolean } = {},
): CatalogItem[] {
  const q = query.trim().toLowerCase();
  return CATALOG.filter(
    (i) =>
      (target === undefined || i.target === target) &&
      (opts.includeAutomatic || !i.automatic) &&
      (q === "" ||
        i.code.toLowerCase().includes(q) ||
        i.zh.toLowerCase().includes(q) ||
        i.en.toLowerCase().includes(q)),
  );
}

export type CatalogErrorCode =
  | "CATALOG.UNKNOWN_CODE"
  | "CATALOG.WRONG_TARGET"
  | "CATALOG.AUTOMATIC"
  | "CATALOG.LEADER_ONLY"
  | "CATALOG.BAD_COUNT"
  | "CATALOG.COUNT_TOO_HIGH"
  | "CATALOG.POINTS_REQUIRED"
  | "CATALOG.POINTS_OUT_OF_RANGE";

export interface ValidatedRecord {
  item: CatalogItem;
  /** Points per unit. */
  pointsHundredths: Hundredths;
  count: number;
  /** pointsHundredths × count. */
  totalHundredths: Hundredths;
}

/** The half days of one month (RULES.md §8 plausible counts): all of them, and the working ones. */
export interface MonthHalfDays {
  all: number;
  working: number;
}

/** 31 days × 2: no month has more half days. The bound when the month's calendar is not at hand. */
export const MAX_HALF_DAYS_IN_A_MONTH = 62;
const ANY_MONTH: MonthHalfDays = { all: MAX_HALF_DAYS_IN_A_MONTH, working: MAX_HALF_DAYS_IN_A_MONTH };

/**
 * The most `item` can count for one target in one month (RULES.md §8 "Counts are plausible"; issue #9:
 * `/deduct @x S-ATT-LATE x999999999` froze a score at −999,999,899):
 * - "month" items (S-BON-WORKLOAD, W-BON-SPEED …) are filed once with points in their range: count 1
 *   (§8: their range is the most a target gets in a month, however many times they are filed);
 * - "half_day" items (S-ATT-ABSENT, `count` = half days of 旷工, §4) can only happen on working half
 *   days: at most 2 × the month's working days;
 * - every other item counts occurrences (each, person, article): "a per-occurrence item filed more times
 *   in one month than there are half days in the month is refused" (§8) — all half days of the month,
 *   not only working ones, since some happen off working days (S-BON-OVERTIME: 非工作日加班).
 * With every catalog value ≤ 20 points, a month's total stays within ±124,000 hundredths: no integer
 * column (32-bit) or score can overflow.
 */
export function monthlyCountLimit(item: CatalogItem, month: MonthHalfDays = ANY_MONTH): number {
  if (item.unit === "month") return 1;
  if (item.unit === "half_day") return month.working;
  return month.all;
}

/**
 * Checks a record a person wants to file. A range item needs points within its range; a fixed item
 * takes its fixed value, and explicit points must equal it (there is nothing to override).
 * `count` (default 1) is a positive integer: occurrences, half days, people or articles per the unit,
 * at most monthlyCountLimit for `month` (any month's when not given): CATALOG.COUNT_TOO_HIGH
 * {code, count, max, unit, filed: 0, left: max}.
 */
export function validateRecordInput(i: {
  code: string;
  target: CatalogTarget;
  points?: Hundredths;
  count?: number;
  role?: Role;
  month?: MonthHalfDays;
}): Result<ValidatedRecord, CatalogErrorCode> {
  const item = catalogItem(i.code);
  if (!item) return err("CATALOG.UNKNOWN_CODE", { code: i.code });
  if (item.target !== i.target)
    return err("CATALOG.WRONG_TARGET", { code: item.code, expected: item.target, got: i.target });
  if (item.automatic) return err("CATALOG.AUTOMATIC", { code: item.code });
  if (item.leaderOnly && i.role !== "window_leader") return err("CATALOG.LEADER_ONLY", { code: item.code });
  const count = i.count ?? 1;
  if (!Number.isInteger(count) || count < 1) return err("CATALOG.BAD_COUNT", { code: item.code, count });
  const max = monthlyCountLimit(item, i.month);
  if (count > max)
    return err("CATALOG.COUNT_TOO_HIGH", {
      code: item.code,
      unit: item.unit,
      count,
      max,
      filed: 0,
      left: max,
    });
  let points: Hundredths;
  if (i.points === undefined) {
    if (item.min !== item.max)
      return err("CATALOG.POINTS_REQUIRED", { code: item.code, min: item.min, max: item.max });
    points = item.min;
  } else {
    if (!Number.isSafeInteger(i.points) || i.points < item.min || i.points > item.max)
      return err("CATALOG.POINTS_OUT_OF_RANGE", {
        code: item.code,
        points: i.points,
        min: item.min,
        max: item.max,
      });
    points = i.points;
  }
  return ok({ item, pointsHundredths: points, count, totalHundredths: points * count });
}

/**
 * Checks a filing against what the same target already has of the same item that month (active
 * records; RULES.md §8): the counts together stay within monthlyCountLimit (CATALOG.COUNT_TOO_HIGH
 * {code, unit, count, max, filed, left}), and a "month" item's points together stay within its range
 * ("filing past it is refused with what is left": CATALOG.MONTH_CAP {code, max, min, filed, left}, hundredths).
 */
/**
 * A per-month item (RULES.md §8 "a month": S-BON-WORKLOAD, W-BON-SPEED, W-BON-SERVICE, and S-BON-LEADER
 * which the catalog also counts by month): the most one target can get from it in one month, however
 * many times it is filed. Undefined for every other item. Filing refuses past it (checkMonthlyLimit);
 * scoring caps a month's total at it (records filed before the refusal existed, or imported).
 */
export function monthCapOf(item: CatalogItem): Hundredths | undefined {
  return item.unit === "month" && !item.automatic ? item.max : undefined;
}

export function checkMonthlyLimit(
  filing: ValidatedRecord,
  already: { count: number; totalHundredths: Hundredths },
  month: MonthHalfDays,
): Result<true, "CATALOG.COUNT_TOO_HIGH" | "CATALOG.MONTH_CAP"> {
  const { item } = filing;
  const cap = monthCapOf(item);
  if (cap !== undefined) {
    if (already.totalHundredths + filing.totalHundredths > cap)
      return err("CATALOG.MONTH_CAP", {
        code: item.code,
        max: cap,
        // The least one filing gives: a remainder below it cannot be filed (words say so).
        min: item.min,
        filed: already.totalHundredths,
        left: Math.max(0, cap - already.totalHundredths),
      });
    return ok(true);
  }
  const max = monthlyCountLimit(item, month);
  if (already.count + filing.count > max)
    return err("CATALOG.COUNT_TOO_HIGH", {
      code: item.code,
      unit: item.unit,
      count: filing.count,
      max,
      filed: already.count,
      left: Math.max(0, max - already.count),
    });
  return ok(true);
}
