// Rules by date (RULES.md §8a) over a real SQLite file: every setting change carries the month it takes
// effect; a month is scored, and a request routed, under the settings in force in that month, so
// reopening and re-closing an old month after a later change gives the old answer; a change may not
// take effect in a closed month.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runMonthClose } from "../../src/jobs/closeFlow.ts";
import { fixedClock } from "../../src/services/clock.ts";
import { reopenPeriod } from "../../src/services/closeMonth.ts";
import { atMonth, followClock } from "../../src/services/monthSettings.ts";
import { previewRequest } from "../../src/services/requests.ts";
import {
  contextSettings,
  DEFAULT_SETTINGS,
  loadSettings,
  resetSetting,
  SINCE_EVER,
  setSetting,
  settingHistory,
} from "../../src/services/settings.ts";
import { closeContext, file, type TestContext } from "../helpers/closeFixture.ts";
import { createTestDb, type TestDb } from "../helpers/db.ts";
import { ORG } from "../helpers/org.ts";
import { leave, seedCenter, testContext, U } from "../helpers/requestsFixture.ts";

// Monday 2026-10-12 09:00 Shanghai: July, August and September are over.
const NOW = "2026-10-12T01:00:00.000Z";
const BANDS = "scoring.bandAmountsFen";

describe("settings by effective month", () => {
  let t: TestDb;
  let ctx: TestContext;
  let exportDir: string;
  beforeEach(async () => {
    ({ t, ctx } = await closeContext(NOW));
    exportDir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-bymonth-"));
    // July: 王二 −20 and −2, 吴房 −1 and −0.5, 李一 +2: three bands with money.
    await file(ctx, { person: ORG.taxStaff2 }, "S-DIS-LEISURE", "2026-07-08");
    await file(ctx, { person: ORG.taxStaff2 }, "S-ATT-NOPUNCH", "2026-07-09");
    await file(ctx, { person: ORG.taxStaff1 }, "S-BON-WORKLOAD", "2026-07-20", { points: "2" });
    await file(ctx, { person: ORG.estateLeader }, "S-DIS-SNACK", "2026-07-22");
    await file(ctx, { person: ORG.estateLeader }, "S-ATT-LATE", "2026-07-23");
  });
  afterEach(async () => {
    await t.close();
    fs.rmSync(exportDir, { recursive: true, force: true });
  });

  const julyRows = async () =>
    (
      await t.db.personMonthResult.findMany({ where: { month: "2026-07" }, orderBy: { personId: "asc" } })
    ).map((r) => [r.personId, r.scoreHundredths, r.rank, r.band, r.amountFen]);

  async function closeJuly(): Promise<void> {
    const r = await runMonthClose(ctx, "2026-07", { actor: "test", exportDir });
    if (!r.ok || r.value.kind !== "closed") throw new Error(`close failed: ${JSON.stringify(r)}`);
  }

  async function reopenJuly(): Promise<void> {
    const r = await reopenPeriod(ctx, { period: "2026-07", actor: ORG.director, reason: "复核" });
    expect(r.ok).toBe(true);
  }

  it("a version is in force from its month until the key's next one; history lists them", async () => {
    expect((await setSetting(t.db, BANDS, [60000, 50000, 40000], "U_ADMIN", ctx.clock, "2026-09")).ok).toBe(
      true,
    );
    expect((await setSetting(t.db, BANDS, [70000, 60000, 50000], "U_ADMIN", ctx.clock, "2027-01")).ok).toBe(
      true,
    );
    const at = async (m: string) => (await loadSettings(t.db, m)).scoring.bandAmountsFen;
    expect(await at("2026-08")).toEqual([50000, 45000, 40000]); // the default (RULES.md §4(4))
    expect(await at("2026-09")).toEqual([60000, 50000, 40000]);
    expect(await at("2026-12")).toEqual([60000, 50000, 40000]);
    expect(await at("2027-01")).toEqual([70000, 60000, 50000]);
    // The default (no --from) is the clock's month; a reset is a version holding the default.
    expect(
      await setSetting(t.db, "scoring.staffBonusCapHundredths", 300, "U_ADMIN", ctx.clock),
    ).toMatchObject({
      ok: true,
      value: { from: "2026-10" },
    });
    expect((await resetSetting(t.db, BANDS, "U_ADMIN", ctx.clock, "2027-03")).ok).toBe(true);
    expect(await at("2027-03")).toEqual([50000, 45000, 40000]);
    const history = await settingHistory(t.db, BANDS);
    expect(history.ok && history.value.map((v) => [v.fromMonth, v.value])).toEqual([
      ["2026-09", [60000, 50000, 40000]],
      ["2027-01", [70000, 60000, 50000]],
      ["2027-03", [50000, 45000, 40000]],
    ]);
    const all = await settingHistory(t.db);
    expect(all.ok && all.value.map((v) => v.key)).toEqual([
      BANDS,
      BANDS,
      BANDS,
      "scoring.staffBonusCapHundredths",
    ]);
    const audit = await t.db.auditLog.findMany({ where: { entity: "Setting" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.note])).toEqual([
      ["settings.set", "from 2026-09"],
      ["settings.set", "from 2027-01"],
      ["settings.set", "from 2026-10"],
      ["settings.reset", "from 2027-03"],
    ]);
    expect(await setSetting(t.db, BANDS, [1, 1, 1], "U_ADMIN", ctx.clock, "2026-13")).toMatchObject({
      ok: false,
      code: "SETTINGS.BAD_MONTH",
    });
    // A row from before effective months is in force since forever, later versions over it.
    await t.db.setting.create({ data: { key: "scoring.windowBonusCapHundredths", value: "700" } });
    expect((await loadSettings(t.db, "2001-01")).scoring.windowBonusCapHundredths).toBe(700);
    const legacy = await settingHistory(t.db, "scoring.windowBonusCapHundredths");
    expect(legacy.ok && legacy.value[0]!.fromMonth).toBe(SINCE_EVER);
  });

  it("a value valid alone but not with a later version of another key is refused, naming the key", async () => {
    // moneyMin ≤ fullMoneyMin must hold in every month the new version is in force.
    expect(
      (await setSetting(t.db, "scoring.fullMoneyMinHundredths", 9000, "U_ADMIN", ctx.clock, "2026-12")).ok,
    ).toBe(true);
    expect(
      await setSetting(t.db, "scoring.moneyMinHundredths", 9200, "U_ADMIN", ctx.clock, "2026-11"),
    ).toMatchObject({ ok: false, code: "SETTINGS.BAD_VALUE", detail: { key: "scoring.moneyMinHundredths" } });
    expect(await t.db.setting.count()).toBe(1);
  });

  it("reopening and re-closing July after a change from September gives the old answer", async () => {
    await closeJuly();
    const first = await julyRows();
    expect(first.some((r) => r[4] === 50000)).toBe(true); // band 1 at the default 500 元

    // Bands raised from September: July keeps its settings.
    expect((await setSetting(t.db, BANDS, [80000, 70000, 60000], "U_ADMIN", ctx.clock, "2026-09")).ok).toBe(
      true,
    );
    await reopenJuly();
    await closeJuly();
    expect(await julyRows()).toEqual(first);
    const workbook = await t.db.outboundMessage.findUniqueOrThrow({
      where: { key: "close:2026-07:c2:channel" },
    });
    expect(workbook.blocks ?? "").not.toContain("800");

    // A change from July itself (July reopened first) does change July's re-close.
    await reopenJuly();
    expect((await setSetting(t.db, BANDS, [90000, 45000, 40000], "U_ADMIN", ctx.clock, "2026-07")).ok).toBe(
      true,
    );
    await closeJuly();
    const third = await julyRows();
    expect(third.map((r) => r.slice(0, 4))).toEqual(first.map((r) => r.slice(0, 4)));
    expect(third.filter((r) => r[3] === 1).map((r) => r[4])).toEqual(
      first.filter((r) => r[3] === 1).map(() => 90000),
    );
  });

  it("a change may not take effect in a closed month: reopen first", async () => {
    await closeJuly();
    const before = await t.db.setting.count();
    expect(await setSetting(t.db, BANDS, [1, 1, 1], "U_ADMIN", ctx.clock, "2026-07")).toMatchObject({
      ok: false,
      code: "SETTINGS.MONTH_CLOSED",
      detail: { key: BANDS, from: "2026-07", month: "2026-07" },
    });
    // From June (open) it would be in force in July too.
    expect(await setSetting(t.db, BANDS, [1, 1, 1], "U_ADMIN", ctx.clock, "2026-06")).toMatchObject({
      ok: false,
      code: "SETTINGS.MONTH_CLOSED",
      detail: { month: "2026-07" },
    });
    expect(await resetSetting(t.db, BANDS, "U_ADMIN", ctx.clock, "2026-05")).toMatchObject({
      ok: false,
      code: "SETTINGS.MONTH_CLOSED",
    });
    expect(await t.db.setting.count()).toBe(before);
    // After July (August is open) it may.
    expect((await setSetting(t.db, BANDS, [1, 1, 1], "U_ADMIN", ctx.clock, "2026-08")).ok).toBe(true);
    // Setting again from August replaces the August version.
    expect((await setSetting(t.db, BANDS, [2, 2, 2], "U_ADMIN", ctx.clock, "2026-08")).ok).toBe(true);
    expect((await loadSettings(t.db, "2026-08")).scoring.bandAmountsFen).toEqual([2, 2, 2]);
    await reopenJuly();
    expect((await setSetting(t.db, BANDS, [3, 3, 3], "U_ADMIN", ctx.clock, "2026-07")).ok).toBe(true);
  });
});

describe("the bot's current settings follow its clock", () => {
  it("a change from next month applies once that month begins, without a restart", async () => {
    const t = await createTestDb();
    try {
      const clock = fixedClock("2026-12-31T15:00:00.000Z"); // 23:00 on 31 December in Shanghai
      expect((await setSetting(t.db, "operations.jobs.runHour", 6, "U_ADMIN", clock, "2027-01")).ok).toBe(
        true,
      );
      const ctx = followClock({ db: t.db, clock, ...(await contextSettings(t.db, clock)) });
      expect(ctx.settings.operations.jobs.runHour).toBe(DEFAULT_SETTINGS.operations.jobs.runHour);
      clock.set("2026-12-31T16:00:00.000Z"); // midnight: 1 January 2027 in Shanghai
      expect(ctx.settings.operations.jobs.runHour).toBe(6);
      // A context derived for a month keeps that month's.
      expect(atMonth(ctx, "2026-12").settings.operations.jobs.runHour).toBe(
        DEFAULT_SETTINGS.operations.jobs.runHour,
      );
    } finally {
      await t.close();
    }
  });
});

describe("routing by the request's start month", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
    await seedCenter(t.db);
  });
  afterEach(async () => {
    await t.close();
  });

  it("a personal leave across a weekend counts under its start month's day basis", async () => {
    const base = testContext(t.db);
    // 事假 in calendar days from December (RULES.md §2 lets the center choose).
    expect(
      (await setSetting(t.db, "routing.dayBasis.personal", "calendar", "U_ADMIN", base.clock, "2026-12")).ok,
    ).toBe(true);
    const ctx = { ...base, ...(await contextSettings(t.db, base.clock)) };
    const halfDays = async (start: string, end: string) => {
      const r = await previewRequest(
        ctx,
        leave({ requesterId: U.staff1, start: { date: start, half: "am" }, end: { date: end, half: "pm" } }),
      );
      if (!r.ok) throw new Error(r.code);
      return r.value.halfDays;
    };
    // Friday to Monday: 2 working days in November, 4 calendar days in December.
    expect(await halfDays("2026-11-27", "2026-11-30")).toBe(4);
    expect(await halfDays("2026-12-04", "2026-12-07")).toBe(8);
  });
});
