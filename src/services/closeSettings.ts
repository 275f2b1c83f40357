// The (config) values of the monthly close, awards, attendance import, job schedule and the monthly
// notice's question window, with their defaults. They are `Settings.operations` (settings.ts validates
// every stored key): read them as `ctx.settings.operations`.
import { z } from "zod";

export interface AwardSettings {
  /** §5 竞跑之星 a quarter: 7–15, set by the center. */
  starCount: number;
  /** §7 领跑窗口 a quarter: 3–8, set by the center. */
  leadingCount: number;
  /** §5 year: 优秀窗口工作人员, "count set by the center" (decision: 10). */
  excellentStaffCount: number;
  /** §7 year: first, second and third prize windows (decision: 1, 2, 3). */
  windowPrizeCounts: readonly [number, number, number];
}

/** Wall-clock 'HH:mm' in Asia/Shanghai. */
export type ClockTime = string;

export interface AttendanceSettings {
  /**
   * Working hours of the hall (decision: 08:30–12:00 and 14:00–17:30, the usual hours of a Zhejiang
   * county service hall), with a later afternoon start in summer (夏令作息, decision 14:30 from 05-01 to
   * 09-30; null turns it off).
   */
  amStart: ClockTime;
  amEnd: ClockTime;
  pmStart: ClockTime;
  pmEnd: ClockTime;
  summer: { from: string; to: string; pmStart: ClockTime } | null;
  /** Punches expected: 4 = in and out each half day; 2 = in at the morning start and out at the end. */
  punchesPerDay: 2 | 4;
}

export interface JobSettings {
  /** Hour (Shanghai) at which the close and digest jobs become due on their day. */
  runHour: number;
  /**
   * Hour (Shanghai) of the daily locale sync (users.list): before the close and digest (runHour), so a
   * month's notices go out in each person's language (src/services/locales.ts).
   */
  localeSyncHour: number;
  /** First month the scheduler closes by itself; null = the month the scheduler first ran in. */
  since: string | null;
  /** Outbox pace: minimum gap between two Slack messages. */
  sendIntervalMs: number;
  /** An approval step pending longer than this many working days reminds its approver, then escalates. */
  remindAfterWorkingDays: number;
  /** Reminders go out only on working days between these hours (Shanghai). */
  remindFrom: ClockTime;
  remindUntil: ClockTime;
}

export interface NoticeSettings {
  /**
   * Working days after the monthly private notice in which a person can question it from the notice's
   * button (decision: 3, the appeal window of RULES.md §8a; counted on the work calendar).
   */
  questionWorkingDays: number;
  /**
   * Working days after a deduction's private notice in which its target can appeal it (RULES.md §8a:
   * 3, counted on the work calendar; src/services/appeals.ts).
   */
  appealWorkingDays: number;
}

export interface OperationsSettings {
  awards: AwardSettings;
  attendance: AttendanceSettings;
  jobs: JobSettings;
  notices: NoticeSettings;
}

export const DEFAULT_OPERATIONS_SETTINGS: OperationsSettings = Object.freeze({
  awards: { starCount: 10, leadingCount: 5, excellentStaffCount: 10, windowPrizeCounts: [1, 2, 3] },
  attendance: {
    amStart: "08:30",
    amEnd: "12:00",
    pmStart: "14:00",
    pmEnd: "17:30",
    summer: { from: "05-01", to: "09-30", pmStart: "14:30" },
    punchesPerDay: 4,
  },
  jobs: {
    runHour: 9,
    localeSyncHour: 6,
    since: null,
    sendIntervalMs: 1000,
    remindAfterWorkingDays: 1,
    remindFrom: "08:30",
    remindUntil: "17:30",
  },
  notices: { questionWorkingDays: 3, appealWorkingDays: 3 },
} satisfies OperationsSettings);

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:mm");
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "must be MM-DD");
const count = (min: number, max: number) => z.number().int().min(min).max(max);

export const operationsSettingsSchema = z.strictObject({
  awards: z.strictObject({
    starCount: count(7, 15),
    leadingCount: count(3, 8),
    excellentStaffCount: count(1, 100),
    windowPrizeCounts: z.tuple([count(0, 50), count(0, 50), count(0, 50)]),
  }),
  attendance: z
    .strictObject({
      amStart: time,
      amEnd: time,
      pmStart: time,
      pmEnd: time,
      summer: z.strictObject({ from: monthDay, to: monthDay, pmStart: time }).nullable(),
      punchesPerDay: z.union([z.literal(2), z.literal(4)]),
    })
    .refine((a) => a.amStart < a.amEnd && a.amEnd < a.pmStart && a.pmStart < a.pmEnd, {
      message: "hours must be in order: amStart < amEnd < pmStart < pmEnd",
    }),
  jobs: z
    .strictObject({
      runHour: count(0, 23),
      localeSyncHour: count(0, 23),
      since: z
        .string()
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be YYYY-MM")
        .nullable(),
      sendIntervalMs: count(0, 60_000),
      remindAfterWorkingDays: count(1, 10),
      remindFrom: time,
      remindUntil: time,
    })
    .refine((j) => j.remindFrom < j.remindUntil, { message: "remindFrom must be before remindUntil" }),
  notices: z.strictObject({ questionWorkingDays: count(1, 30), appealWorkingDays: count(1, 30) }),
}) satisfies z.ZodType<OperationsSettings>;

/** The afternoon start on a date, summer schedule included. */
export function afternoonStart(a: AttendanceSettings, date: string): ClockTime {
  const md = date.slice(5);
  if (a.summer && md >= a.summer.from && md <= a.summer.to) return a.summer.pmStart;
  return a.pmStart;
}
