// A small center for the request/approval tests: two windows, their leaders and staff, two inspection
// members, a deputy director, and a fixed working calendar for 2026 (2027 deliberately not loaded).
import type { Db } from "../../src/db/client.ts";
import { createWorkCalendar, type WorkCalendar } from "../../src/domain/calendar.ts";
import { datesInRange } from "../../src/domain/dates.ts";
import { DEFAULT_ROUTING_SETTINGS, type RoutingSettings } from "../../src/domain/routing.ts";
import { fixedClock } from "../../src/services/clock.ts";
import type { ServiceContext } from "../../src/services/context.ts";
import type { RequestInput } from "../../src/services/requests.ts";
import { DEFAULT_SETTINGS } from "../../src/services/settings.ts";

export const U = {
  lead1: "ULEAD1", // leads W1
  staff1: "USTAFF1", // W1, 5 days annual leave
  staff2: "USTAFF2", // W1, no annual leave
  lead2: "ULEAD2", // leads W2 (its parent-unit leader is outside the workspace)
  staff3: "USTAFF3", // W2
  gone: "UGONE", // left the center
  orphan: "UORPHAN", // W3, a window without a leader
  ins1: "UINS1", // inspection member, also evaluated staff of W2 (so has requests of their own)
  ins2: "UINS2", // inspection member
  deputy: "UDEP",
  director: "UDIR",
  pul1: "UPUL1", // W1's parent-unit leader, in the workspace
  stranger: "USTRANGER",
} as const;

/** Test calendar: 2026 with National Day off 10-01..10-07 and a make-up Saturday 10-10. */
export function testCalendar(): WorkCalendar {
  return createWorkCalendar({
    years: [2026],
    holidays: new Map(datesInRange("2026-10-01", "2026-10-07").map((d) => [d, "国庆节"])),
    makeUpWorkdays: new Map([["2026-10-10", "国庆节"]]),
  });
}

/** "Now" is Monday 2026-11-30 09:00 in Shanghai. */
export const NOW = "2026-11-30T01:00:00.000Z";

export function testContext(
  db: Db,
  routing: Partial<RoutingSettings> = {},
): ServiceContext & {
  clock: ReturnType<typeof fixedClock>;
} {
  return {
    db,
    clock: fixedClock(NOW),
    calendar: testCalendar(),
    settings: { ...DEFAULT_SETTINGS, routing: { ...DEFAULT_ROUTING_SETTINGS, ...routing } },
  };
}

export async function seedCenter(db: Db): Promise<void> {
  await db.center.create({
    data: {
      id: 1,
      name: "测试县政务服务中心",
      channelId: "CCENTER",
      directorId: U.director,
      deputyDirectorId: U.deputy,
    },
  });
  await db.centerRole.createMany({
    data: [
      { slackId: U.ins1, role: "inspection" },
      { slackId: U.ins2, role: "inspection" },
      { slackId: U.deputy, role: "deputy_director" },
      { slackId: U.director, role: "director" },
    ],
  });
  await db.window.createMany({
    data: [
      { id: "W1", name: "不动产登记", leaderId: U.lead1, parentUnitLeaderId: U.pul1 },
      { id: "W2", name: "社保医保", leaderId: U.lead2, parentUnitLeaderId: null },
      { id: "W3", name: "公积金", leaderId: null },
    ],
  });
  const person = (id: string, name: string, windowId: string, role: string, annual = 0, extra = {}) => ({
    id,
    name,
    windowId,
    role,
    joined: "2025-01-01",
    annualLeaveHalfDays: annual,
    ...extra,
  });
  await db.person.createMany({
    data: [
      person(U.lead1, "李负责", "W1", "window_leader", 20),
      person(U.staff1, "张三", "W1", "staff", 10),
      person(U.staff2, "王五", "W1", "staff", 0),
      person(U.lead2, "赵负责", "W2", "window_leader", 0),
      person(U.staff3, "钱七", "W2", "staff", 0),
      person(U.ins1, "孙督查", "W2", "staff", 0),
      person(U.gone, "周离开", "W1", "staff", 0, { active: false, leftOn: "2026-06-30" }),
      person(U.orphan, "吴无长", "W3", "staff", 0),
    ],
  });
}

/** A request input with the usual fields filled; override what the test is about. */
export function leave(over: Partial<RequestInput> & Pick<RequestInput, "requesterId">): RequestInput {
  return {
    kind: "personal",
    start: { date: "2026-12-01", half: "am" },
    end: { date: "2026-12-01", half: "pm" },
    reason: "家中有事",
    ...over,
  };
}

/** Inserts an already approved request directly (history the new request is measured against). */
export async function pastRequest(
  db: Db,
  r: {
    requesterId: string;
    kind: string;
    start: string;
    end: string;
    halfDays: number;
    annualOffsetHalfDays?: number;
    state?: string;
    startHalf?: string;
    endHalf?: string;
  },
): Promise<number> {
  const row = await db.request.create({
    data: {
      requesterId: r.requesterId,
      kind: r.kind,
      startDate: r.start,
      startHalf: r.startHalf ?? "am",
      endDate: r.end,
      endHalf: r.endHalf ?? "pm",
      halfDays: r.halfDays,
      annualOffsetHalfDays: r.annualOffsetHalfDays ?? 0,
      reason: "history",
      state: r.state ?? "approved",
    },
  });
  return row.id;
}
