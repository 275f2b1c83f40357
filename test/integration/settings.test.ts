// Settings (RULES.md "(config)") over a real SQLite file: defaults, validated changes with AuditLog rows,
// refusals that write nothing, and a stale stored row that stops loading loudly until reset.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/services/clock.ts";
import {
  currentMonth,
  getSetting,
  loadSettings,
  resetSetting,
  SETTING_KEYS,
  setSetting,
} from "../../src/services/settings.ts";
import { createTestDb, type TestDb } from "../helpers/db.ts";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.close();
});

const writes = async () => ({ settings: await t.db.setting.count(), audit: await t.db.auditLog.count() });

describe("settings", () => {
  it("an empty table gives the documented defaults", async () => {
    const s = await loadSettings(t.db);
    // RULES.md §2: working days for 事假/年休假/哺乳假/因公外出, calendar days for the rest.
    expect(s.routing.dayBasis.personal).toBe("working");
    expect(s.routing.dayBasis.trip).toBe("working");
    expect(s.routing.dayBasis.sick).toBe("calendar");
    expect(s.routing.dayBasis.maternity).toBe("calendar");
    expect(s.routing.year).toBe("calendar");
    expect(s.routing.rejectOnOpinionDisagree).toBe(true);
    // RULES.md §4(4): 500/450/400 元.
    expect(s.scoring.bandAmountsFen).toEqual([50000, 45000, 40000]);
    expect(SETTING_KEYS).toContain("routing.dayBasis.sick");
    expect(SETTING_KEYS).toContain("scoring.personalLeave.thresholdHalfDays");
    expect(await writes()).toEqual({ settings: 0, audit: 0 });
  });

  it("sets a key, validated, with an AuditLog row", async () => {
    const clock = fixedClock("2026-07-01T01:00:00Z");
    const r = await setSetting(t.db, "routing.dayBasis.sick", "working", "U_ADMIN", clock);
    expect(r).toEqual({
      ok: true,
      value: { key: "routing.dayBasis.sick", from: "2026-07", before: "calendar", after: "working" },
    });
    expect((await loadSettings(t.db)).routing.dayBasis.sick).toBe("working");
    expect((await loadSettings(t.db)).routing.dayBasis.maternity).toBe("calendar"); // siblings keep defaults
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "settings.set" } });
    expect(audit).toMatchObject({
      actorId: "U_ADMIN",
      entity: "Setting",
      entityId: "routing.dayBasis.sick",
      before: '"calendar"',
      after: '"working"',
    });
    expect(audit.at.toISOString()).toBe("2026-07-01T01:00:00.000Z");
    const got = await getSetting(t.db, "routing.dayBasis.sick");
    expect(got.ok && got.value).toMatchObject({ value: "working", default: "calendar", overridden: true });
  });

  it("sets a list and a nested number", async () => {
    expect((await setSetting(t.db, "scoring.bandAmountsFen", [60000, 50000, 40000], "U_ADMIN")).ok).toBe(
      true,
    );
    expect((await setSetting(t.db, "scoring.personalLeave.thresholdHalfDays", 8, "U_ADMIN")).ok).toBe(true);
    const s = await loadSettings(t.db);
    expect(s.scoring.bandAmountsFen).toEqual([60000, 50000, 40000]);
    expect(s.scoring.personalLeave).toEqual({
      thresholdHalfDays: 8,
      baseHundredths: 500,
      perHalfDayHundredths: 50,
    });
  });

  it("refuses unknown keys and bad values, writing nothing", async () => {
    const before = await writes();
    const cases: [string, unknown, string][] = [
      ["routing.dayBasis.sik", "working", "SETTINGS.UNKNOWN_KEY"],
      ["routing.dayBasis", { sick: "working" }, "SETTINGS.UNKNOWN_KEY"], // a branch, not a setting
      ["routing", {}, "SETTINGS.UNKNOWN_KEY"],
      ["", 1, "SETTINGS.UNKNOWN_KEY"],
      ["routing.dayBasis.sick", "weekly", "SETTINGS.BAD_VALUE"],
      ["routing.rejectOnOpinionDisagree", "yes", "SETTINGS.BAD_VALUE"],
      ["routing.year", "rolling", "SETTINGS.BAD_VALUE"],
      ["scoring.bandAmountsFen", [50000, 45000], "SETTINGS.BAD_VALUE"],
      ["scoring.bandAmountsFen", [500.5, 450, 400], "SETTINGS.BAD_VALUE"],
      ["scoring.moneyMinHundredths", "9000", "SETTINGS.BAD_VALUE"],
      ["scoring.moneyMinHundredths", 9600, "SETTINGS.BAD_VALUE"], // above the full-money threshold
      ["scoring.bandRounding", "up", "SETTINGS.BAD_VALUE"],
    ];
    for (const [key, value, code] of cases) {
      const r = await setSetting(t.db, key, value, "U_ADMIN");
      expect(r, `${key}=${JSON.stringify(value)}`).toMatchObject({ ok: false, code, detail: { key } });
    }
    expect(await writes()).toEqual(before);
    expect((await loadSettings(t.db)).routing.dayBasis.sick).toBe("working");
  });

  it("reset restores the default, with an AuditLog row", async () => {
    const r = await resetSetting(t.db, "routing.dayBasis.sick", "U_ADMIN");
    expect(r).toEqual({
      ok: true,
      value: { key: "routing.dayBasis.sick", from: currentMonth(), before: "working", after: "calendar" },
    });
    expect((await loadSettings(t.db)).routing.dayBasis.sick).toBe("calendar");
    expect(await t.db.auditLog.count({ where: { action: "settings.reset" } })).toBe(1);
  });

  it("a stored row that no longer fits stops loading, naming the key, until reset", async () => {
    await t.db.setting.create({ data: { key: "routing.retired", value: "true" } });
    await expect(loadSettings(t.db)).rejects.toThrow(/routing\.retired.*settings reset routing\.retired/s);
    expect((await resetSetting(t.db, "routing.retired", "U_ADMIN")).ok).toBe(true);
    await t.db.setting.create({ data: { key: "routing.dayBasis.trip", value: '"fortnightly"' } });
    await expect(loadSettings(t.db)).rejects.toThrow(/routing\.dayBasis\.trip/);
    expect((await resetSetting(t.db, "routing.dayBasis.trip", "U_ADMIN")).ok).toBe(true);
    expect((await loadSettings(t.db)).routing.dayBasis.trip).toBe("working");
  });
});
