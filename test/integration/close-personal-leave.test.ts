// Approved 事假 from the database to the month's frozen S-ATT-PERSONAL (RULES.md §4 ⑦, §3(一)), through the
// real close (issue #12 "Tests that would have caught these": dropping all approved leave from the close
// in monthScores.ts, or ignoring the annual-leave offset there, failed no test). Only approved requests
// count; the offset takes the request's first days; a request across months counts its days in each.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runMonthClose } from "../../src/jobs/closeFlow.ts";
import { closeContext, type TestContext } from "../helpers/closeFixture.ts";
import type { TestDb } from "../helpers/db.ts";
import { ORG } from "../helpers/org.ts";

// Monday 2026-08-03 09:00 Shanghai: July is over.
const NOW = "2026-08-03T01:00:00.000Z";

describe("approved 事假 in the monthly close", () => {
  let t: TestDb;
  let ctx: TestContext;
  let exportDir: string;
  beforeEach(async () => {
    ({ t, ctx } = await closeContext(NOW));
    exportDir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-leave-"));
  });
  afterEach(async () => {
    await t.close();
    fs.rmSync(exportDir, { recursive: true, force: true });
  });

  const request = (
    requesterId: string,
    startDate: string,
    endDate: string,
    halfDays: number,
    annualOffsetHalfDays: number,
    state = "approved",
  ) =>
    t.db.request.create({
      data: {
        requesterId,
        kind: "personal",
        startDate,
        startHalf: "am",
        endDate,
        endHalf: "pm",
        halfDays,
        annualOffsetHalfDays,
        reason: "家事",
        state,
      },
    });

  it("deducts by the 事假 days after the annual-leave offset, approved requests only", async () => {
    // taxStaff1: Mon 07-13 → Thu 07-16, 4 working days (8 half days), 1 day offset by annual leave:
    // 3 days of 事假 → 5 (≥ 3 working days, nothing above 3). Ignoring the offset would give 6.
    await request(ORG.taxStaff1, "2026-07-13", "2026-07-16", 8, 2);
    // taxStaff2: Mon 07-20 → Thu 07-23, no offset: 4 days → 5 + 0.5 × 2 half days above 3 days = 6.
    await request(ORG.taxStaff2, "2026-07-20", "2026-07-23", 8, 0);
    // hrssLeader: Mon 06-29 → Thu 07-02 across the month end: 2 days in July (Wed, Thu) → under 3 days, nothing.
    await request(ORG.hrssLeader, "2026-06-29", "2026-07-02", 8, 0);
    // estateLeader: 5 days pending and 5 days rejected: neither counts.
    await request(ORG.estateLeader, "2026-07-06", "2026-07-10", 10, 0, "pending");
    await request(ORG.estateLeader, "2026-07-27", "2026-07-31", 10, 0, "rejected");

    const june = await runMonthClose(ctx, "2026-06", { actor: "test", exportDir });
    expect(june.ok).toBe(true);
    const july = await runMonthClose(ctx, "2026-07", { actor: "test", exportDir });
    expect(july.ok).toBe(true);

    const rows = await t.db.personMonthResult.findMany({ where: { month: "2026-07" } });
    const score = Object.fromEntries(rows.map((r) => [r.personId, r.scoreHundredths]));
    expect(score[ORG.taxStaff1]).toBe(9500);
    expect(score[ORG.taxStaff2]).toBe(9400);
    expect(score[ORG.hrssLeader]).toBe(10000);
    expect(score[ORG.estateLeader]).toBe(10000);
    const personalLine = (id: string) => {
      const detail = JSON.parse(rows.find((r) => r.personId === id)!.detail) as {
        lines: { code: string; totalHundredths: number; basis?: { halfDays: number } }[];
      };
      return detail.lines
        .filter((l) => l.code === "S-ATT-PERSONAL")
        .map((l) => [l.totalHundredths, l.basis?.halfDays]);
    };
    expect(personalLine(ORG.taxStaff1)).toEqual([[500, 6]]);
    expect(personalLine(ORG.taxStaff2)).toEqual([[600, 8]]);
    expect(personalLine(ORG.hrssLeader)).toEqual([]);

    // June holds hrssLeader's first 2 days (Mon 06-29, Tue 06-30): under 3 days, nothing there either.
    const juneRows = await t.db.personMonthResult.findMany({ where: { month: "2026-06" } });
    expect(juneRows.find((r) => r.personId === ORG.hrssLeader)?.scoreHundredths).toBe(10000);
  });
});
