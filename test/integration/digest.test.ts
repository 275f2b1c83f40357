import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { catalogItem } from "../../src/domain/catalog.ts";
import { buildDigest, mondayOf } from "../../src/services/digest.ts";
import { digestMessage } from "../../src/slack/blocks/digest.ts";
import { closeContext, file, type TestContext } from "../helpers/closeFixture.ts";
import type { TestDb } from "../helpers/db.ts";
import { ORG } from "../helpers/org.ts";

// Monday 2026-07-20 09:00 Shanghai.
const NOW = "2026-07-20T01:00:00.000Z";

describe("weekly digest", () => {
  let t: TestDb;
  let ctx: TestContext;
  beforeEach(async () => {
    ({ t, ctx } = await closeContext("2026-07-15T02:00:00.000Z"));
    // Filed last week (Mon 07-13 … Sun 07-19).
    await file(ctx, { person: ORG.taxStaff2 }, "S-DIS-LEISURE", "2026-07-14");
    await file(ctx, { person: ORG.taxStaff1 }, "S-BON-WORKLOAD", "2026-07-14", { points: "1" });
    ctx.clock.set(NOW);
    // This week: 林一 on sick leave Tue–Wed (approved), 陈税 on a trip Thursday; 王二's leave waits for 陈税.
    const request = (requesterId: string, kind: string, start: string, end: string, state: string) =>
      t.db.request.create({
        data: {
          requesterId,
          kind,
          startDate: start,
          startHalf: "am",
          endDate: end,
          endHalf: "pm",
          halfDays: 2,
          reason: "x",
          state,
        },
      });
    await request(ORG.taxStaff1, "sick", "2026-07-21", "2026-07-22", "approved");
    await request(ORG.taxLeader, "trip", "2026-07-23", "2026-07-23", "approved");
    await request(ORG.estateLeader, "annual", "2026-08-10", "2026-08-11", "approved"); // not this week
    const waiting = await request(ORG.taxStaff2, "personal", "2026-07-24", "2026-07-24", "pending");
    await t.db.approvalStep.create({
      data: {
        requestId: waiting.id,
        seq: 1,
        approver: "window_leader",
        action: "opinion",
        assigneeId: ORG.taxLeader,
        state: "pending",
        activatedAt: new Date("2026-07-19T02:00:00.000Z"),
      },
    });
  });
  afterEach(async () => {
    await t.close();
  });

  it("lists who is away and what waits on whom, counts last week's records, and never names a person's deductions", async () => {
    expect(mondayOf("2026-07-26")).toBe("2026-07-20");
    const d = await buildDigest(ctx, "2026-07-20");
    expect(d.away.map((a) => [a.name, a.kind])).toEqual([
      ["林一", "leave"],
      ["陈税", "trip"],
    ]);
    expect(d.waiting.map((w) => [w.requesterName, w.approver, w.assigneeId])).toEqual([
      ["王二", "window_leader", ORG.taxLeader],
    ]);
    expect(d.lastWeek).toEqual({ deductions: 1, bonuses: 1, people: 2, windows: 0 });
    expect(d.standings?.month).toBe("2026-07");

    const msg = JSON.stringify(digestMessage("zh", d));
    expect(msg).toContain("林一");
    expect(msg).toContain(`<@${ORG.taxLeader}>`);
    // Sick leave is shown as leave, and no deduction of a named person appears.
    expect(msg).not.toContain("病假");
    expect(msg).not.toContain("S-DIS-LEISURE");
    expect(msg).not.toContain(catalogItem("S-DIS-LEISURE")!.zh);
    expect(msg).not.toMatch(/王二[^"]*(扣|80)/);
    expect(JSON.stringify(digestMessage("en", d))).toContain("on leave");
  });
});
