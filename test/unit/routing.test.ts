// routeRequest against RULES.md §3, table by table. The expected chains below are transcribed from
// RULES.md (not from the code), each row with the text's own bounds; every row is checked at, below
// and above each boundary, for both roles and every kind, then swept over d = 0.5..60.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_ROUTING_SETTINGS,
  parseRequestKind,
  parseTripPurpose,
  REQUEST_KINDS,
  type RequestKind,
  type Role,
  type Route,
  type RouteInput,
  routeRequest,
  stepKey,
  type YearFigures,
} from "../../src/domain/routing.ts";

const WL_OPINION = "window_leader:opinion";
const I_FILE = "inspection:file";
const I_APPROVE = "inspection:approve";
const I_REVIEW = "inspection:review";
const DD = "deputy_director:approve";
const PUL = "parent_unit_leader:agree";
const OUTSIDE = ["parent_unit_head:review", "personnel_authority:approve"];

type Spec = Record<Role, { when: (d: number) => boolean; chain: string[]; label: string }[]>;

// §3(一) 事假 — also 哺乳假 and (config, default) 产假/护理假/年休假/婚假/探亲假.
const PERSONAL: Spec = {
  window_leader: [
    { label: "d≤1", when: (d) => d <= 1, chain: [I_APPROVE] },
    { label: "1<d<7", when: (d) => d > 1 && d < 7, chain: [I_REVIEW, DD] },
    { label: "d≥7", when: (d) => d >= 7, chain: [PUL, I_REVIEW, DD] },
  ],
  staff: [
    { label: "d≤0.5", when: (d) => d <= 0.5, chain: [WL_OPINION, I_FILE] },
    { label: "0.5<d≤3", when: (d) => d > 0.5 && d <= 3, chain: [WL_OPINION, I_APPROVE] },
    { label: "3<d<7", when: (d) => d > 3 && d < 7, chain: [WL_OPINION, I_REVIEW, DD] },
    { label: "d≥7", when: (d) => d >= 7, chain: [WL_OPINION, PUL, I_REVIEW, DD] },
  ],
};

// §3(二) 病假 up to 30 days (longer is long sick leave, below).
const SICK: Spec = {
  window_leader: [
    { label: "d≤1", when: (d) => d <= 1, chain: [I_APPROVE] },
    { label: "1<d<15", when: (d) => d > 1 && d < 15, chain: [I_REVIEW, DD] },
    { label: "15≤d≤30", when: (d) => d >= 15 && d <= 30, chain: [PUL, I_REVIEW, DD] },
  ],
  staff: [
    { label: "d≤5", when: (d) => d <= 5, chain: [I_APPROVE] },
    { label: "5<d<20", when: (d) => d > 5 && d < 20, chain: [I_REVIEW, DD] },
    { label: "20≤d≤30", when: (d) => d >= 20 && d <= 30, chain: [PUL, I_REVIEW, DD] },
  ],
};

// §3(四) 因公外出.
const TRIP: Spec = {
  window_leader: [
    { label: "d≤2", when: (d) => d <= 2, chain: [I_APPROVE] },
    { label: "2<d≤7", when: (d) => d > 2 && d <= 7, chain: [I_REVIEW, DD] },
    { label: "d>7", when: (d) => d > 7, chain: [PUL, I_REVIEW, DD] },
  ],
  staff: [
    { label: "d≤0.5", when: (d) => d <= 0.5, chain: [WL_OPINION, I_FILE] },
    { label: "0.5<d≤3", when: (d) => d > 0.5 && d <= 3, chain: [WL_OPINION, I_APPROVE] },
    { label: "3<d≤15", when: (d) => d > 3 && d <= 15, chain: [WL_OPINION, I_REVIEW, DD] },
    { label: "d>15", when: (d) => d > 15, chain: [WL_OPINION, PUL, I_REVIEW, DD] },
  ],
};

const ROLES: Role[] = ["staff", "window_leader"];
const OTHER: RequestKind[] = ["annual", "marriage", "maternity", "nursing", "family"];
const ALL_KINDS: RequestKind[] = ["personal", "breastfeeding", "sick", "trip", ...OTHER];

function route(input: Partial<RouteInput> & { kind: RequestKind; role: Role; days: number }): Route {
  const { days, ...rest } = input;
  const r = routeRequest({ ...rest, halfDays: Math.round(days * 2) });
  if (!r.ok) throw new Error(`unexpected ${r.code} ${JSON.stringify(r.detail)}`);
  return r.value;
}
const keys = (r: Route) => r.steps.map(stepKey);

function expected(spec: Spec, role: Role, d: number): string[] {
  const rows = spec[role].filter((row) => row.when(d));
  if (rows.length !== 1) throw new Error(`spec overlaps or has a gap at ${role} d=${d}`);
  return rows[0]!.chain;
}

/** The boundaries of a spec: every d where the matching row changes, for at/below/above checks. */
function boundaries(spec: Spec, role: Role): number[] {
  const out: number[] = [];
  for (let h = 1; h < 60; h++) {
    if (expected(spec, role, h / 2) !== expected(spec, role, (h + 1) / 2)) out.push(h / 2);
  }
  return out;
}

describe("§2 boundary words: explicit rows", () => {
  // Written out by hand: the points the text's 以内/以上/含 wording decides.
  const cases: [RequestKind, Role, number, string[]][] = [
    ["personal", "window_leader", 0.5, [I_APPROVE]],
    ["personal", "window_leader", 1, [I_APPROVE]], // 1天(含1天)
    ["personal", "window_leader", 1.5, [I_REVIEW, DD]], // gap 1–2 → next tier up
    ["personal", "window_leader", 2, [I_REVIEW, DD]],
    ["personal", "window_leader", 6.5, [I_REVIEW, DD]],
    ["personal", "window_leader", 7, [PUL, I_REVIEW, DD]], // 7天以上(含7天)
    ["personal", "window_leader", 7.5, [PUL, I_REVIEW, DD, ...OUTSIDE]], // 超过7天
    ["personal", "staff", 0.5, [WL_OPINION, I_FILE]], // 半天以内
    ["personal", "staff", 1, [WL_OPINION, I_APPROVE]],
    ["personal", "staff", 3, [WL_OPINION, I_APPROVE]], // 3天以内 / 3天以上: 3 to the lower tier
    ["personal", "staff", 3.5, [WL_OPINION, I_REVIEW, DD]],
    ["personal", "staff", 6.5, [WL_OPINION, I_REVIEW, DD]],
    ["personal", "staff", 7, [WL_OPINION, PUL, I_REVIEW, DD]],
    ["personal", "staff", 7.5, [WL_OPINION, PUL, I_REVIEW, DD, ...OUTSIDE]],
    ["sick", "window_leader", 1, [I_APPROVE]],
    ["sick", "window_leader", 1.5, [I_REVIEW, DD]],
    ["sick", "window_leader", 14.5, [I_REVIEW, DD]],
    ["sick", "window_leader", 15, [PUL, I_REVIEW, DD]], // 15天以上(含15天)
    ["sick", "window_leader", 30, [PUL, I_REVIEW, DD]],
    ["sick", "window_leader", 30.5, [PUL, I_REVIEW, DD, ...OUTSIDE]], // continuous > 30: long sick
    ["sick", "staff", 5, [I_APPROVE]],
    ["sick", "staff", 5.5, [I_REVIEW, DD]],
    ["sick", "staff", 19.5, [I_REVIEW, DD]],
    ["sick", "staff", 20, [PUL, I_REVIEW, DD]], // 20天(含20天)以上
    ["sick", "staff", 30, [PUL, I_REVIEW, DD]],
    ["sick", "staff", 30.5, [PUL, I_REVIEW, DD, ...OUTSIDE]],
    ["trip", "window_leader", 2, [I_APPROVE]],
    ["trip", "window_leader", 2.5, [I_REVIEW, DD]],
    ["trip", "window_leader", 7, [I_REVIEW, DD]], // 7天以内 / 7天以上: 7 to the lower tier
    ["trip", "window_leader", 7.5, [PUL, I_REVIEW, DD]],
    ["trip", "staff", 0.5, [WL_OPINION, I_FILE]],
    ["trip", "staff", 1, [WL_OPINION, I_APPROVE]],
    ["trip", "staff", 3, [WL_OPINION, I_APPROVE]],
    ["trip", "staff", 3.5, [WL_OPINION, I_REVIEW, DD]],
    ["trip", "staff", 15, [WL_OPINION, I_REVIEW, DD]],
    ["trip", "staff", 15.5, [WL_OPINION, PUL, I_REVIEW, DD]],
    ["maternity", "staff", 98, [WL_OPINION, PUL, I_REVIEW, DD]], // no outside steps for other leave
    ["marriage", "window_leader", 7.5, [PUL, I_REVIEW, DD]],
    ["breastfeeding", "staff", 7.5, [WL_OPINION, PUL, I_REVIEW, DD, ...OUTSIDE]],
  ];
  it.each(cases)("%s %s d=%s", (kind, role, days, chain) => {
    expect(keys(route({ kind, role, days }))).toEqual(chain);
  });
});

describe("every row of every table, at and on both sides of each boundary", () => {
  const tables: [RequestKind, Spec, string][] = [
    ["personal", PERSONAL, "§3(一)"],
    ["breastfeeding", PERSONAL, "§3(三)→(一)"],
    ...OTHER.map((k): [RequestKind, Spec, string] => [k, PERSONAL, "§3(三)→(一)"]),
    ["sick", SICK, "§3(二)"],
    ["trip", TRIP, "§3(四)"],
  ];
  for (const [kind, spec, section] of tables) {
    for (const role of ROLES) {
      const points = boundaries(spec, role)
        .flatMap((b) => [b - 0.5, b, b + 0.5])
        .filter((d) => d >= 0.5);
      it(`${kind} ${role}: boundaries ${boundaries(spec, role).join(", ")}`, () => {
        expect(points.length).toBeGreaterThan(0);
        for (const d of points) {
          const r = route({ kind, role, days: d });
          // The center's part of the chain, before any outside steps.
          const center = keys(r).filter((k) => !OUTSIDE.includes(k));
          expect(center, `${kind} ${role} d=${d}`).toEqual(expected(spec, role, d));
        }
      });
      it(`${kind} ${role}: each row reachable and named in route.rule`, () => {
        for (const row of spec[role]) {
          const d = [0.5, 1, 1.5, 3, 3.5, 5, 5.5, 7, 7.5, 15, 15.5, 20, 30].find((x) => row.when(x))!;
          expect(route({ kind, role, days: d }).rule.startsWith(`${section} ${role} `)).toBe(true);
        }
      });
      it(`${kind} ${role}: sweep d = 0.5..30`, () => {
        for (let h = 1; h <= 60; h++) {
          const center = keys(route({ kind, role, days: h / 2 })).filter((k) => !OUTSIDE.includes(k));
          expect(center, `d=${h / 2}`).toEqual(expected(spec, role, h / 2));
        }
      });
    }
  }

  it("route.rule names the row as the text bounds it", () => {
    expect(route({ kind: "personal", role: "staff", days: 2 }).rule).toBe("§3(一) staff 0.5<d≤3");
    expect(route({ kind: "personal", role: "staff", days: 0.5 }).rule).toBe("§3(一) staff d≤0.5");
    expect(route({ kind: "personal", role: "window_leader", days: 1.5 }).rule).toBe(
      "§3(一) window_leader 1<d<7",
    );
    expect(route({ kind: "trip", role: "staff", days: 16 }).rule).toBe("§3(四) staff d>15");
    expect(route({ kind: "sick", role: "staff", days: 20 }).rule).toBe("§3(二) staff d≥20");
  });
});

describe("filing-only and outside steps", () => {
  it("filing-only exactly when the center's only step is inspection:file", () => {
    expect(route({ kind: "personal", role: "staff", days: 0.5 }).filingOnly).toBe(true);
    expect(route({ kind: "trip", role: "staff", days: 0.5 }).filingOnly).toBe(true);
    expect(route({ kind: "personal", role: "staff", days: 1 }).filingOnly).toBe(false);
    expect(route({ kind: "personal", role: "window_leader", days: 0.5 }).filingOnly).toBe(false);
  });

  it("parent_unit_head and personnel_authority are outside; parent_unit_leader is left to the service", () => {
    const r = route({ kind: "personal", role: "staff", days: 8 });
    const outside = Object.fromEntries(r.steps.map((s) => [stepKey(s), s.outside]));
    expect(outside).toEqual({
      [WL_OPINION]: false,
      [PUL]: false,
      [I_REVIEW]: false,
      [DD]: false,
      "parent_unit_head:review": true,
      "personnel_authority:approve": true,
    });
  });
});

describe("事假 (personal leave) specifics", () => {
  it("reason is always required", () => {
    for (const role of ROLES)
      for (const days of [0.5, 3, 8]) {
        expect(route({ kind: "personal", role, days }).flags).toContain("reason_required");
      }
  });

  it("d > 7 (不含7天): outside steps with over_7_days, outside_steps, written_explanation", () => {
    for (const role of ROLES) {
      const at7 = route({ kind: "personal", role, days: 7 });
      expect(at7.flags).toEqual(["reason_required"]);
      const over = route({ kind: "personal", role, days: 7.5 });
      expect(over.flags).toEqual(["reason_required", "over_7_days", "outside_steps", "written_explanation"]);
      expect(keys(over).slice(-2)).toEqual(OUTSIDE);
    }
  });

  it("the year's 事假 including this request reaching 30 days adds the outside steps (no over-7 flag)", () => {
    // 28 before + 2 now = 30 (达30天): outside steps, short request.
    const at30 = route({ kind: "personal", role: "staff", days: 2, ytdPersonalHalfDays: 56 });
    expect(keys(at30)).toEqual([WL_OPINION, I_APPROVE, ...OUTSIDE]);
    expect(at30.flags).toEqual(["reason_required", "outside_steps", "written_explanation"]);
    // 28 + 1.5 = 29.5: not yet.
    const below = route({ kind: "personal", role: "staff", days: 1.5, ytdPersonalHalfDays: 56 });
    expect(keys(below)).toEqual([WL_OPINION, I_APPROVE]);
    // Window leader, 29.5 before + 0.5 = 30.
    expect(
      keys(route({ kind: "personal", role: "window_leader", days: 0.5, ytdPersonalHalfDays: 59 })),
    ).toEqual([I_APPROVE, ...OUTSIDE]);
  });

  it("annual leave is offset first; the chain still follows the whole d", () => {
    const r = route({ kind: "personal", role: "staff", days: 5, annualRemainingHalfDays: 4 });
    expect(r.annualOffsetHalfDays).toBe(4);
    expect(r.personalHalfDays).toBe(6);
    expect(keys(r)).toEqual([WL_OPINION, I_REVIEW, DD]); // 3<d<7 by the whole 5 days
    const all = route({ kind: "personal", role: "staff", days: 2, annualRemainingHalfDays: 10 });
    expect([all.annualOffsetHalfDays, all.personalHalfDays]).toEqual([4, 0]);
    expect(keys(all)).toEqual([WL_OPINION, I_APPROVE]);
    const none = route({ kind: "personal", role: "staff", days: 2 });
    expect([none.annualOffsetHalfDays, none.personalHalfDays]).toEqual([0, 4]);
  });

  it("d > 7 adds outside steps even when annual leave covers all of it", () => {
    const r = route({ kind: "personal", role: "staff", days: 8, annualRemainingHalfDays: 20 });
    expect(r.personalHalfDays).toBe(0);
    expect(keys(r).slice(-2)).toEqual(OUTSIDE);
  });

  it("the 30-day rule counts only the part that is 事假", () => {
    // 29 before; 2 days requested, all covered by annual leave → adds no 事假 → no outside steps.
    const covered = route({
      kind: "personal",
      role: "staff",
      days: 2,
      ytdPersonalHalfDays: 58,
      annualRemainingHalfDays: 4,
    });
    expect(keys(covered)).toEqual([WL_OPINION, I_APPROVE]);
    // Half a day left uncovered → 29.5 + 0.5 = 30 → outside steps.
    const partly = route({
      kind: "personal",
      role: "staff",
      days: 2,
      ytdPersonalHalfDays: 59,
      annualRemainingHalfDays: 3,
    });
    expect(partly.personalHalfDays).toBe(1);
    expect(keys(partly).slice(-2)).toEqual(OUTSIDE);
  });
});

describe("哺乳假 follows the 事假 procedure, without the annual offset", () => {
  it("same chain, outside steps and flags as 事假; nothing offset; never 事假 for scoring", () => {
    for (const role of ROLES)
      for (const days of [0.5, 1, 3, 7, 7.5, 20]) {
        const b = route({ kind: "breastfeeding", role, days, annualRemainingHalfDays: 10 });
        const p = route({ kind: "personal", role, days });
        expect(keys(b)).toEqual(keys(p));
        expect(b.flags).toEqual(p.flags);
        expect(b.annualOffsetHalfDays).toBe(0);
        expect(b.personalHalfDays).toBe(0);
      }
  });
  it("the 30-day rule applies to it with its whole d", () => {
    expect(
      keys(route({ kind: "breastfeeding", role: "staff", days: 1, ytdPersonalHalfDays: 58 })).slice(-2),
    ).toEqual(OUTSIDE);
  });
});

describe("other leave (产假, 护理假, 年休假, 婚假, 探亲假)", () => {
  it("no outside steps, no flags, no offset, not 事假", () => {
    for (const kind of OTHER)
      for (const role of ROLES)
        for (const days of [0.5, 7.5, 98]) {
          const r = route({ kind, role, days, ytdPersonalHalfDays: 100, annualRemainingHalfDays: 400 });
          expect(
            keys(r).some((k) => OUTSIDE.includes(k)),
            `${kind} ${role} ${days}`,
          ).toBe(false);
          expect(r.flags).toEqual([]);
          expect([r.annualOffsetHalfDays, r.personalHalfDays]).toEqual([0, 0]);
        }
  });

  it("annual leave past the balance is refused with the balance", () => {
    expect(routeRequest({ kind: "annual", role: "staff", halfDays: 7, annualRemainingHalfDays: 6 })).toEqual({
      ok: false,
      code: "ROUTE.ANNUAL_BALANCE",
      detail: { remainingHalfDays: 6, requestedHalfDays: 7 },
    });
    expect(routeRequest({ kind: "annual", role: "staff", halfDays: 6, annualRemainingHalfDays: 6 }).ok).toBe(
      true,
    );
    expect(routeRequest({ kind: "annual", role: "staff", halfDays: 7 }).ok).toBe(true); // balance unknown
    const allowed = routeRequest(
      { kind: "annual", role: "staff", halfDays: 7, annualRemainingHalfDays: 6 },
      { ...DEFAULT_ROUTING_SETTINGS, refuseAnnualPastBalance: false },
    );
    expect(allowed.ok).toBe(true);
  });

  it("with otherLeaveUsesPersonalTable off they are only filed", () => {
    const settings = { ...DEFAULT_ROUTING_SETTINGS, otherLeaveUsesPersonalTable: false };
    for (const kind of OTHER) {
      const s = routeRequest({ kind, role: "staff", halfDays: 196 }, settings);
      const l = routeRequest({ kind, role: "window_leader", halfDays: 196 }, settings);
      expect(s.ok && s.value.steps.map(stepKey)).toEqual([WL_OPINION, I_FILE]);
      expect(l.ok && l.value.steps.map(stepKey)).toEqual([I_FILE]);
      expect(s.ok && s.value.filingOnly).toBe(true);
    }
    // 事假 is unaffected by the setting.
    const p = routeRequest({ kind: "personal", role: "staff", halfDays: 8 }, settings);
    expect(p.ok && p.value.steps.map(stepKey)).toEqual([WL_OPINION, I_REVIEW, DD]);
  });
});

describe("病假 sick leave", () => {
  it("no window_leader:opinion step for staff sick leave", () => {
    for (let h = 1; h <= 120; h++) {
      expect(keys(route({ kind: "sick", role: "staff", days: h / 2 }))).not.toContain(WL_OPINION);
    }
  });

  it("hospital certificate for d ≤ 30", () => {
    expect(route({ kind: "sick", role: "staff", days: 30 }).flags).toContain("hospital_certificate");
    expect(route({ kind: "sick", role: "staff", days: 30.5 }).flags).not.toContain("hospital_certificate");
  });

  it("long sick: continuous > 30 days (超过 excludes 30)", () => {
    // 20 days already, continuing: 10 more = 30 → not long; 10.5 more → long.
    const at30 = route({ kind: "sick", role: "staff", days: 10, precedingSickHalfDays: 40 });
    expect(at30.flags).toEqual(["hospital_certificate"]);
    expect(keys(at30)).toEqual([I_REVIEW, DD]);
    const over = route({ kind: "sick", role: "staff", days: 10.5, precedingSickHalfDays: 40 });
    expect(over.flags).toEqual([
      "hospital_certificate",
      "long_sick",
      "designated_hospital_form",
      "outside_steps",
    ]);
    expect(keys(over)).toEqual([I_REVIEW, DD, ...OUTSIDE]);
  });

  it("long sick: the year's sick days including this reach 60 (满60天)", () => {
    const below = route({ kind: "sick", role: "staff", days: 1, ytdSickHalfDays: 117 }); // 58.5 + 1 = 59.5
    expect(below.flags).not.toContain("long_sick");
    const at = route({ kind: "sick", role: "staff", days: 1, ytdSickHalfDays: 118 }); // 59 + 1 = 60
    expect(at.flags).toContain("long_sick");
    // inspection:approve replaced by inspection:review → deputy_director:approve.
    expect(keys(at)).toEqual([I_REVIEW, DD, ...OUTSIDE]);
    const leader = route({ kind: "sick", role: "window_leader", days: 0.5, ytdSickHalfDays: 119 });
    expect(keys(leader)).toEqual([I_REVIEW, DD, ...OUTSIDE]);
  });

  it("long sick: the year's 事假 before this has reached 20 days (满20天)", () => {
    expect(route({ kind: "sick", role: "staff", days: 1, ytdPersonalHalfDays: 39 }).flags).not.toContain(
      "long_sick",
    );
    const at = route({ kind: "sick", role: "staff", days: 1, ytdPersonalHalfDays: 40 });
    expect(at.flags).toContain("long_sick");
    expect(keys(at)).toEqual([I_REVIEW, DD, ...OUTSIDE]);
  });

  it("long sick keeps the normal chain's other steps", () => {
    const mid = route({ kind: "sick", role: "staff", days: 25, ytdSickHalfDays: 80 });
    expect(keys(mid)).toEqual([PUL, I_REVIEW, DD, ...OUTSIDE]);
    const leader = route({ kind: "sick", role: "window_leader", days: 10, ytdPersonalHalfDays: 40 });
    expect(keys(leader)).toEqual([I_REVIEW, DD, ...OUTSIDE]);
  });

  it("d > 30 uses the top tier of the table", () => {
    for (const role of ROLES) {
      expect(keys(route({ kind: "sick", role, days: 45 }))).toEqual([PUL, I_REVIEW, DD, ...OUTSIDE]);
    }
  });
});

describe("因公外出 trips", () => {
  it("always carries trip_details_required, never reason_required or outside steps", () => {
    for (const role of ROLES)
      for (const days of [0.5, 7.5, 40]) {
        const r = route({ kind: "trip", role, days, ytdPersonalHalfDays: 100 });
        expect(r.flags).toEqual(["trip_details_required"]);
        expect(keys(r).some((k) => OUTSIDE.includes(k))).toBe(false);
      }
  });
});

describe("bad input", () => {
  it("zero, fractional and negative half days are refused", () => {
    expect(routeRequest({ kind: "personal", role: "staff", halfDays: 0 })).toMatchObject({
      ok: false,
      code: "ROUTE.ZERO_DAYS",
    });
    expect(routeRequest({ kind: "personal", role: "staff", halfDays: 1.5 })).toMatchObject({
      ok: false,
      code: "ROUTE.BAD_HALF_DAYS",
      detail: { field: "halfDays" },
    });
    expect(routeRequest({ kind: "personal", role: "staff", halfDays: -2 })).toMatchObject({
      ok: false,
      code: "ROUTE.BAD_HALF_DAYS",
    });
    expect(routeRequest({ kind: "sick", role: "staff", halfDays: 2, ytdSickHalfDays: -1 })).toMatchObject({
      ok: false,
      code: "ROUTE.BAD_HALF_DAYS",
      detail: { field: "ytdSickHalfDays" },
    });
  });
});

describe("monotonic (§2): a longer request never gets fewer steps", () => {
  const contexts: Partial<RouteInput>[] = [
    {},
    { ytdPersonalHalfDays: 40 },
    { ytdPersonalHalfDays: 58 },
    { ytdSickHalfDays: 100 },
    { precedingSickHalfDays: 30 },
    { annualRemainingHalfDays: 10 },
    { annualRemainingHalfDays: 200, ytdPersonalHalfDays: 55 },
  ];
  for (const kind of ALL_KINDS) {
    for (const role of ROLES) {
      it(`${kind} ${role}, d = 0.5..60`, () => {
        for (const ctx of contexts) {
          let prev = 0;
          for (let h = 1; h <= 120; h++) {
            const r = routeRequest({ kind, role, halfDays: h, ...ctx });
            if (!r.ok) {
              expect(r.code).toBe("ROUTE.ANNUAL_BALANCE"); // annual past a 5-day balance
              continue;
            }
            expect(r.value.steps.length, `${JSON.stringify(ctx)} d=${h / 2}`).toBeGreaterThanOrEqual(prev);
            prev = r.value.steps.length;
          }
          expect(prev).toBeGreaterThan(0);
        }
      });
    }
  }
});

describe("defaults and names", () => {
  it("day basis per kind (§2)", () => {
    expect(DEFAULT_ROUTING_SETTINGS.dayBasis).toEqual({
      personal: "working",
      annual: "working",
      breastfeeding: "working",
      trip: "working",
      sick: "calendar",
      maternity: "calendar",
      nursing: "calendar",
      marriage: "calendar",
      family: "calendar",
    });
    expect(DEFAULT_ROUTING_SETTINGS.year).toBe("calendar");
    expect(DEFAULT_ROUTING_SETTINGS.rejectOnOpinionDisagree).toBe(true);
    expect(DEFAULT_ROUTING_SETTINGS.otherLeaveUsesPersonalTable).toBe(true);
    expect(DEFAULT_ROUTING_SETTINGS.refuseAnnualPastBalance).toBe(true);
  });

  it("parses kinds in Chinese and English", () => {
    const cases: [string, RequestKind][] = [
      ["事假", "personal"],
      ["personal", "personal"],
      ["病假", "sick"],
      [" Sick ", "sick"],
      ["年休假", "annual"],
      ["年假", "annual"],
      ["annual leave", "annual"],
      ["婚假", "marriage"],
      ["产假", "maternity"],
      ["护理假", "nursing"],
      ["探亲假", "family"],
      ["哺乳假", "breastfeeding"],
      ["因公外出", "trip"],
      ["trip", "trip"],
    ];
    for (const [w, k] of cases) expect(parseRequestKind(w), w).toBe(k);
    expect(parseRequestKind("holiday")).toBeUndefined();
    expect(parseRequestKind("")).toBeUndefined();
    expect(REQUEST_KINDS.map((k) => k.kind).sort()).toEqual([...ALL_KINDS].sort());
  });

  it("parses trip purposes", () => {
    expect(parseTripPurpose("培训")).toBe("training");
    expect(parseTripPurpose("会议")).toBe("meeting");
    expect(parseTripPurpose("开会")).toBe("meeting");
    expect(parseTripPurpose("下乡")).toBe("rural");
    expect(parseTripPurpose("踏勘")).toBe("survey");
    expect(parseTripPurpose("原单位业务")).toBe("home_unit");
    expect(parseTripPurpose("回原单位办事")).toBe("home_unit");
    expect(parseTripPurpose("Home unit")).toBe("home_unit");
    expect(parseTripPurpose("holiday")).toBeUndefined();
  });
});

// Issue #12 finding 3 (§2): across New Year each year's rules see only that year's days.
describe("a request across New Year (RouteInput.years)", () => {
  const flagsOf = (r: ReturnType<typeof routeRequest>) => (r.ok ? r.value.flags : [r.code]);
  const years = (a: Partial<YearFigures>, b: Partial<YearFigures>): YearFigures[] => [
    { year: 2026, halfDays: 4, ...a },
    { year: 2027, halfDays: 4, ...b },
  ];
  it("事假 offset: each year's days draw on that year's balance, from the first days on", () => {
    const r = (a: number, b: number) =>
      routeRequest({
        kind: "personal",
        role: "staff",
        halfDays: 8,
        annualRemainingHalfDays: a,
        years: years({ annualRemainingHalfDays: a }, { annualRemainingHalfDays: b }),
      });
    // 2026 covers its 4, 2027 covers 3 of its 4: offset 7, 事假 1.
    expect(r(10, 3)).toMatchObject({ ok: true, value: { annualOffsetHalfDays: 7, personalHalfDays: 1 } });
    // 2026 covers 2 of its 4: the cover stops there (the offset is the request's first days).
    expect(r(2, 10)).toMatchObject({ ok: true, value: { annualOffsetHalfDays: 2, personalHalfDays: 6 } });
  });
  it("the 30-day rule and the 20/60-day long-sick rules look at each year's part", () => {
    const personal = (ytd2026: number) =>
      routeRequest({
        kind: "personal",
        role: "staff",
        halfDays: 8,
        ytdPersonalHalfDays: ytd2026,
        years: years({ ytdPersonalHalfDays: ytd2026 }, { ytdPersonalHalfDays: 0 }),
      });
    expect(flagsOf(personal(55))).not.toContain("outside_steps"); // 55 + 4 = 59
    expect(flagsOf(personal(56))).toContain("outside_steps"); // 56 + 4 = 60
    const sick = (ytd2026: number) =>
      routeRequest({
        kind: "sick",
        role: "staff",
        halfDays: 8,
        ytdSickHalfDays: ytd2026,
        years: years({ ytdSickHalfDays: ytd2026 }, { ytdSickHalfDays: 0 }),
      });
    expect(flagsOf(sick(115))).not.toContain("long_sick");
    expect(flagsOf(sick(116))).toContain("long_sick");
  });
});
