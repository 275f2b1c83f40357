// Seeds a large center straight through Prisma createMany for the monthly-close benchmark:
// `people` people in windows of 50, `records` catalog records spread over the month's working days,
// a rating row per person and an approved 事假 for one person in ten (with its approval steps).

import type { Db } from "../src/db/client.ts";
import type { WorkCalendar } from "../src/domain/calendar.ts";
import { CATALOG } from "../src/domain/catalog.ts";
import { datesInRange, firstDayOfMonth, lastDayOfMonth } from "../src/domain/dates.ts";

export interface CloseSeed {
  month: string;
  people: number;
  windows: number;
  records: number;
  requests: number;
}

const CHUNK = 5000;

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

export async function seedLargeCenter(
  db: Db,
  calendar: WorkCalendar,
  month: string,
  people: number,
  records: number,
): Promise<CloseSeed> {
  const windowCount = Math.ceil(people / 50);
  const windowId = (w: number) => `W${String(w).padStart(3, "0")}`;
  const personId = (i: number) => `UP${String(i).padStart(5, "0")}`;

  await db.center.create({
    data: {
      id: 1,
      name: "基准测试中心",
      channelId: "C0BENCH",
      directorId: "U0DIR",
      deputyDirectorId: "U0DEP",
    },
  });
  await db.centerRole.createMany({
    data: [
      { slackId: "U0INS1", role: "inspection" },
      { slackId: "U0DIR", role: "director" },
      { slackId: "U0DEP", role: "deputy_director" },
    ],
  });
  await db.window.createMany({
    data: Array.from({ length: windowCount }, (_, w) => ({
      id: windowId(w),
      name: `窗口${w + 1}`,
      leaderId: personId(w * 50),
      parentUnitLeaderId: w % 10 === 0 ? null : `U0PUL${w}`,
      leaderNotMiddle: w % 17 === 0,
      missingItems: w % 13 === 0 ? 1 : 0,
    })),
  });
  await inChunks(
    Array.from({ length: people }, (_, i) => ({
      id: personId(i),
      name: `人员${i}`,
      windowId: windowId(Math.floor(i / 50)),
      role: i % 50 === 0 ? "window_leader" : "staff",
      establishment: i % 7 !== 0,
      joined: i % 97 === 0 ? `${month}-16` : "2024-01-01",
      annualLeaveHalfDays: 20,
    })),
    (data) => db.person.createMany({ data }),
  );

  const workdays = datesInRange(firstDayOfMonth(month), lastDayOfMonth(month)).filter((d) =>
    calendar.isWorkingDay(d),
  );
  const manual = CATALOG.filter((c) => !c.automatic && !c.leaderOnly && !c.requires);
  const personItems = manual.filter((c) => c.target === "person");
  const windowItems = manual.filter((c) => c.target === "window");
  const rows = Array.from({ length: records }, (_, i) => {
    const onWindow = i % 10 === 9;
    const item = onWindow ? windowItems[i % windowItems.length]! : personItems[i % personItems.length]!;
    const count = item.unit === "half_day" ? 1 + (i % 2) : 1;
    return {
      month,
      date: workdays[i % workdays.length]!,
      code: item.code,
      personId: onWindow ? null : personId((i * 7919) % people),
      windowId: onWindow ? windowId(i % windowCount) : null,
      count,
      pointsHundredths: item.min,
      totalHundredths: item.min * count,
      filedBy: "U0INS1",
    };
  });
  await inChunks(rows, (data) => db.record.createMany({ data }));

  await inChunks(
    Array.from({ length: people }, (_, i) => ({
      month,
      personId: personId(i),
      satisfied: 200 + (i % 50),
      basic: 5,
      unsatisfied: i % 31 === 0 ? 20 : i % 3,
    })),
    (data) => db.rating.createMany({ data }),
  );

  // One person in ten took 事假 this month: 2–4 working days, approved through its chain.
  const leaveTakers = Array.from({ length: Math.floor(people / 10) }, (_, k) => k * 10 + 1);
  await inChunks(
    leaveTakers.map((i, k) => {
      const start = workdays[k % (workdays.length - 5)]!;
      const halfDays = 4 + (k % 5);
      return {
        requesterId: personId(i),
        kind: "personal",
        startDate: start,
        startHalf: "am",
        endDate: workdays[workdays.indexOf(start) + Math.ceil(halfDays / 2) - 1]!,
        endHalf: halfDays % 2 === 0 ? "pm" : "am",
        halfDays,
        reason: "家中有事",
        state: "approved",
        rule: "§3(一) staff 0.5<d≤3",
      };
    }),
    (data) => db.request.createMany({ data }),
  );
  const requests = await db.request.findMany({ select: { id: true } });
  await inChunks(
    requests.flatMap((r) => [
      { requestId: r.id, seq: 1, approver: "window_leader", action: "opinion", state: "approved" },
      { requestId: r.id, seq: 2, approver: "inspection", action: "approve", state: "approved" },
    ]),
    (data) => db.approvalStep.createMany({ data }),
  );
  return { month, people, windows: windowCount, records, requests: requests.length };
}
