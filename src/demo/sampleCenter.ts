// The sample center `npm run demo` plays: 苍南县政务服务中心 with nine department windows.
// Everything here is invented but shaped like the real center: a window's leader is one of its
// people (RULES.md §1), the 公积金 window's parent-unit leader sits in Wenzhou outside the Slack
// workspace (inspection records their consent, §1), the 社保医保 window has more than 20 %
// non-establishment staff (W-STAFF-CONTRACT, §6), the 人防 window has one person (W-STAFF-SINGLE),
// and 陈思远 arrives mid-month (counted in the month's evaluation, §4(4)).
import type { OrgFile } from "../services/org.ts";

export const DEMO_MONTH = "2026-11";
export const CENTER_CHANNEL = "C0CENTER01";

export interface SampleUser {
  id: string;
  name: string;
  /** What the transcript calls them. */
  title: string;
  locale?: string;
}

export interface SampleWindow {
  id: string;
  name: string;
  /** The parent department, for the transcript. */
  department: string;
  leaderId: string;
  /** null: the parent-unit leader is outside the workspace. */
  parentUnitLeaderId: string | null;
  leaderNotMiddle?: boolean;
  leaderNotHead?: boolean;
  missingItems?: number;
  unauthorisedItems?: number;
}

export interface SamplePerson {
  id: string;
  name: string;
  windowId: string;
  role: "staff" | "window_leader";
  establishment: boolean;
  joined: string;
  partyTransferred: boolean;
  /** Yearly annual-leave entitlement in half days. */
  annualLeaveHalfDays: number;
  locale?: string;
  /** AB岗 (RULES.md §8): the B (backup) of this person's post, in the same window. */
  backupId?: string;
}

export interface SampleCenter {
  name: string;
  channelId: string;
  directorId: string;
  deputyDirectorId: string;
  inspectionIds: string[];
  windows: SampleWindow[];
  people: SamplePerson[];
  /** Slack users who are not evaluated people: center leaders, inspectors, parent-unit leaders. */
  officials: SampleUser[];
}

// [id, name, establishment, joined, annual leave days, locale]
type Row = [string, string, boolean, string, number, string?];

const WINDOWS: (SampleWindow & { staff: Row[] })[] = [
  {
    id: "GA",
    name: "公安窗口",
    department: "县公安局",
    leaderId: "U0GA01",
    parentUnitLeaderId: "U0PGA",
    staff: [
      ["U0GA01", "林建国", true, "2019-03-01", 10],
      ["U0GA02", "陈晓燕", true, "2021-07-12", 5],
      ["U0GA03", "黄志强", true, "2020-05-06", 10],
      ["U0GA04", "王丽娜", true, "2022-09-01", 5],
      ["U0GA05", "郑海波", false, "2026-02-20", 0],
    ],
  },
  {
    id: "BDC",
    name: "不动产登记窗口",
    department: "县自然资源和规划局（不动产登记中心）",
    leaderId: "U0BDC01",
    parentUnitLeaderId: "U0PBDC",
    missingItems: 1,
    staff: [
      ["U0BDC01", "吴振华", true, "2018-06-01", 15],
      ["U0BDC02", "蔡雅琴", true, "2020-03-16", 10],
      ["U0BDC03", "杨帆", true, "2021-11-01", 5],
      ["U0BDC04", "许文博", true, "2019-09-09", 10],
      ["U0BDC05", "周婷婷", true, "2022-04-18", 5],
      ["U0BDC06", "Li Wei (李伟)", true, "2024-01-08", 5, "en-US"],
    ],
  },
  {
    id: "SCJG",
    name: "市场监管窗口",
    department: "县市场监督管理局",
    leaderId: "U0SC01",
    parentUnitLeaderId: "U0PSC",
    staff: [
      ["U0SC01", "谢明辉", true, "2017-08-01", 15],
      ["U0SC02", "苏静怡", true, "2020-10-12", 10],
      ["U0SC03", "叶子豪", true, "2022-02-14", 5],
      ["U0SC04", "刘佳慧", true, "2021-05-10", 5],
      ["U0SC05", "张晨阳", true, "2023-07-03", 5],
      ["U0SC06", "孔雨桐", true, "2025-09-01", 5],
    ],
  },
  {
    id: "SBYB",
    name: "社保医保窗口",
    department: "县人力资源和社会保障局 / 县医疗保障局",
    leaderId: "U0SB01",
    parentUnitLeaderId: "U0PSB",
    staff: [
      ["U0SB01", "陈国平", true, "2018-01-15", 15],
      ["U0SB02", "林秀英", true, "2019-04-01", 10],
      ["U0SB03", "黄美玲", false, "2022-06-06", 5],
      ["U0SB04", "李淑芬", false, "2023-03-13", 5],
      ["U0SB05", "王俊杰", true, "2021-08-16", 5],
      ["U0SB06", "蔡晓东", false, "2026-05-20", 0],
    ],
  },
  {
    id: "SW",
    name: "税务窗口",
    department: "国家税务总局苍南县税务局",
    leaderId: "U0SW01",
    parentUnitLeaderId: "U0PSW",
    leaderNotHead: true,
    staff: [
      ["U0SW01", "郑志明", true, "2016-09-01", 15],
      ["U0SW02", "杨丽华", true, "2019-12-02", 10],
      ["U0SW03", "吴晓峰", true, "2020-07-20", 10],
      ["U0SW04", "周雪梅", true, "2022-03-07", 5],
      ["U0SW05", "陈思远", true, "2026-11-16", 0], // arrives mid-month
    ],
  },
  {
    id: "GJJ",
    name: "公积金窗口",
    department: "温州市住房公积金管理中心苍南分中心",
    leaderId: "U0GJ01",
    parentUnitLeaderId: null, // the Wenzhou centre's leader is not in this workspace
    staff: [
      ["U0GJ01", "许国强", true, "2018-10-08", 15],
      ["U0GJ02", "林晓红", true, "2021-01-04", 5],
      ["U0GJ03", "谢雨欣", true, "2022-08-22", 5],
      ["U0GJ04", "苏建华", true, "2020-06-15", 10],
    ],
  },
  {
    id: "ZJ",
    name: "住建窗口",
    department: "县住房和城乡建设局",
    leaderId: "U0ZJ01",
    parentUnitLeaderId: "U0PZJ",
    leaderNotMiddle: true,
    unauthorisedItems: 2,
    staff: [
      ["U0ZJ01", "黄建平", true, "2019-05-05", 10],
      ["U0ZJ02", "王海燕", true, "2021-09-13", 5],
      ["U0ZJ03", "张伟", true, "2022-11-01", 5],
      ["U0ZJ04", "刘芳", false, "2026-03-09", 0],
    ],
  },
  {
    id: "MZ",
    name: "民政婚登窗口",
    department: "县民政局",
    leaderId: "U0MZ01",
    parentUnitLeaderId: "U0PMZ",
    staff: [
      ["U0MZ01", "叶春燕", true, "2018-03-19", 15],
      ["U0MZ02", "蔡志远", true, "2020-12-07", 10],
      ["U0MZ03", "周佳琪", true, "2022-05-23", 5],
      ["U0MZ04", "Chen Hao (陈浩)", true, "2023-04-10", 5, "en-GB"],
      ["U0MZ05", "邵丽娟", false, "2025-03-17", 5],
    ],
  },
  {
    id: "RF",
    name: "人防窗口",
    department: "县人民防空办公室",
    leaderId: "U0RF01",
    parentUnitLeaderId: "U0PRF",
    staff: [["U0RF01", "吴德胜", true, "2017-11-20", 15]],
  },
];

// AB岗 (RULES.md §8): the B posts the org file names, A → B. The 住建 window names its pairs: 王海燕
// and 张伟 back each other up, 黄建平 and 刘芳 likewise (the demo month has 王海燕 and 张伟 away on
// the same day). The other windows' B posts are left unnamed in the sample, so the month's scripted
// requests keep the covers their leaders name in the story; a center names every post's B.
const BACKUPS: Readonly<Record<string, string>> = {
  U0ZJ02: "U0ZJ03",
  U0ZJ03: "U0ZJ02",
  U0ZJ01: "U0ZJ04",
  U0ZJ04: "U0ZJ01",
};

const OFFICIALS: SampleUser[] = [
  { id: "U0DIR", name: "潘志华", title: "中心主任" },
  { id: "U0DEP", name: "金晓玲", title: "分管副主任" },
  { id: "U0INS1", name: "孙立新", title: "督查科科长" },
  { id: "U0INS2", name: "何静", title: "督查科科员" },
  { id: "U0INS3", name: "Zhao Min (赵敏)", title: "督查科科员", locale: "en-US" },
  { id: "U0PGA", name: "朱卫东", title: "县公安局副局长" },
  { id: "U0PBDC", name: "方国华", title: "县自然资源和规划局副局长" },
  { id: "U0PSC", name: "钱玉兰", title: "县市场监管局副局长" },
  { id: "U0PSB", name: "邱文斌", title: "县人力社保局副局长" },
  { id: "U0PSW", name: "彭建新", title: "县税务局副局长" },
  { id: "U0PZJ", name: "程立军", title: "县住建局副局长" },
  { id: "U0PMZ", name: "戴秀珍", title: "县民政局副局长" },
  { id: "U0PRF", name: "汪志刚", title: "县人防办副主任" },
];

export function sampleCenter(): SampleCenter {
  const people: SamplePerson[] = WINDOWS.flatMap((w) =>
    w.staff.map(([id, name, establishment, joined, annualDays, locale]) => ({
      id,
      name,
      windowId: w.id,
      role: id === w.leaderId ? ("window_leader" as const) : ("staff" as const),
      establishment,
      joined,
      // Two people's party relations are still with their home unit (§5 star eligibility).
      partyTransferred: id !== "U0GA05" && id !== "U0ZJ04",
      annualLeaveHalfDays: annualDays * 2,
      ...(locale ? { locale } : {}),
      ...(BACKUPS[id] ? { backupId: BACKUPS[id] } : {}),
    })),
  );
  return {
    name: "苍南县政务服务中心",
    channelId: CENTER_CHANNEL,
    directorId: "U0DIR",
    deputyDirectorId: "U0DEP",
    inspectionIds: ["U0INS1", "U0INS2", "U0INS3"],
    windows: WINDOWS.map(({ staff: _staff, ...w }) => w),
    people,
    officials: OFFICIALS,
  };
}

/** Every Slack user of the sample (people and officials), for the stand-in's users.info and the transcript. */
export function sampleUsers(c: SampleCenter = sampleCenter()): SampleUser[] {
  const windowName = new Map(c.windows.map((w) => [w.id, w.name]));
  return [
    ...c.officials,
    ...c.people.map((p) => ({
      id: p.id,
      name: p.name,
      title: `${windowName.get(p.windowId)}${p.role === "window_leader" ? "负责人" : "工作人员"}`,
      ...(p.locale ? { locale: p.locale } : {}),
    })),
  ];
}

/** The sample as the organisation import file (src/services/org.ts `OrgFile`). */
export function sampleOrgFile(c: SampleCenter = sampleCenter()): OrgFile {
  return {
    center: {
      name: c.name,
      channel: c.channelId,
      director: c.directorId,
      deputyDirector: c.deputyDirectorId,
      inspection: c.inspectionIds,
      // The center's roles are not Persons: their names for the filer column of the workbooks.
      names: Object.fromEntries(
        c.officials
          .filter((o) => [c.directorId, c.deputyDirectorId, ...c.inspectionIds].includes(o.id))
          .map((o) => [o.id, o.name]),
      ),
    },
    windows: c.windows.map((w) => ({
      id: w.id,
      name: w.name,
      leader: w.leaderId,
      parentUnitLeader: w.parentUnitLeaderId,
      profile: {
        leaderNotMiddle: w.leaderNotMiddle ?? false,
        leaderNotHead: w.leaderNotHead ?? false,
        missingItems: w.missingItems ?? 0,
        unauthorisedItems: w.unauthorisedItems ?? 0,
      },
    })),
    people: c.people.map((p) => ({
      slackId: p.id,
      name: p.name,
      window: p.windowId,
      role: p.role,
      establishment: p.establishment,
      partyTransferred: p.partyTransferred,
      joined: p.joined,
      annualLeaveDays: p.annualLeaveHalfDays / 2,
      ...(p.backupId ? { backup: p.backupId } : {}),
    })),
  };
}
