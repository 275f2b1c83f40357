// Organisation import against a real migrated SQLite file.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { importOrg, type OrgFile, orgUserNames } from "../../src/services/org.ts";
import { errorText } from "../../src/slack/i18n/index.ts";
import { createTestDb, type TestDb } from "../helpers/db.ts";
import { ORG, orgFixture } from "../helpers/org.ts";

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.close();
});

async function snapshot() {
  const [center, roles, windows, people] = await Promise.all([
    t.db.center.findMany(),
    t.db.centerRole.findMany({ orderBy: [{ role: "asc" }, { slackId: "asc" }] }),
    t.db.window.findMany({ orderBy: { id: "asc" } }),
    t.db.person.findMany({ orderBy: { id: "asc" } }),
  ]);
  const strip = <T extends { updatedAt: Date }>(rows: T[]) => rows.map(({ updatedAt: _u, ...r }) => r);
  return { center: strip(center), roles, windows: strip(windows), people: strip(people) };
}

describe("importOrg", () => {
  test("creates the center, roles, windows and people, and writes an AuditLog row", async () => {
    const r = await importOrg(t.db, orgFixture(), "U0ADMIN");
    expect(r).toEqual({
      ok: true,
      value: {
        windows: { created: 3, updated: 0, unchanged: 0, deactivated: 0 },
        people: { created: 6, updated: 0, unchanged: 0, deactivated: 0 },
        inspection: 2,
      },
    });
    const s = await snapshot();
    expect(s.center[0]).toMatchObject({ id: 1, channelId: ORG.channel, directorId: ORG.director });
    expect(s.roles.map((x) => `${x.role}:${x.slackId}`)).toEqual([
      `deputy_director:${ORG.deputy}`,
      `director:${ORG.director}`,
      `inspection:${ORG.inspector1}`,
      `inspection:${ORG.inspector2}`,
    ]);
    expect(s.windows.find((w) => w.id === "hrss")).toMatchObject({
      leaderId: ORG.hrssLeader,
      parentUnitLeaderId: null,
      leaderNotMiddle: true,
      missingItems: 1,
      unauthorisedItems: 2,
      active: true,
    });
    expect(s.people.find((p) => p.id === ORG.taxStaff1)).toMatchObject({
      windowId: "tax",
      role: "staff",
      joined: "2025-06-16",
      annualLeaveHalfDays: 10,
      active: true,
    });
    expect(s.people.find((p) => p.id === ORG.taxStaff2)).toMatchObject({
      establishment: false,
      partyTransferred: false,
    });
    const audit = await t.db.auditLog.findMany({ where: { action: "org.import" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe("U0ADMIN");
    expect(JSON.parse(audit[0]!.after!).changed.people).toHaveLength(6);
  });

  test("re-importing the same file changes nothing and duplicates nothing", async () => {
    await importOrg(t.db, orgFixture(), "U0ADMIN");
    const before = await snapshot();
    const r = await importOrg(t.db, orgFixture(), "U0ADMIN");
    expect(r.ok && r.value).toEqual({
      windows: { created: 0, updated: 0, unchanged: 3, deactivated: 0 },
      people: { created: 0, updated: 0, unchanged: 6, deactivated: 0 },
      inspection: 2,
    });
    expect(await snapshot()).toEqual(before);
  });

  test("a re-import updates changed entries and marks missing people and windows inactive", async () => {
    await importOrg(t.db, orgFixture(), "U0ADMIN");
    // Keep a Slack locale learnt meanwhile: the import does not own it.
    await t.db.person.update({ where: { id: ORG.taxStaff1 }, data: { locale: "en-US" } });
    const next = orgFixture();
    next.center.inspection = [ORG.inspector2];
    next.windows = next.windows.filter((w) => w.id !== "estate");
    next.people = next.people.filter((p) => p.window !== "estate");
    next.people.find((p) => p.slackId === ORG.taxStaff1)!.annualLeaveDays = 7.5;
    next.people.push({
      slackId: "U2STAFF9",
      name: "新人",
      window: "hrss",
      role: "staff",
      establishment: true,
      partyTransferred: false,
      joined: "2026-07-01",
      annualLeaveDays: 0,
    });
    const r = await importOrg(t.db, next, "U0ADMIN");
    expect(r.ok && r.value).toEqual({
      windows: { created: 0, updated: 0, unchanged: 2, deactivated: 1 },
      people: { created: 1, updated: 1, unchanged: 3, deactivated: 2 },
      inspection: 1,
    });
    const s = await snapshot();
    expect(s.people).toHaveLength(7); // nobody deleted
    expect(s.people.filter((p) => !p.active).map((p) => p.id)).toEqual([ORG.estateLeader, ORG.estateStaff1]);
    expect(s.windows.find((w) => w.id === "estate")!.active).toBe(false);
    expect(s.people.find((p) => p.id === ORG.taxStaff1)).toMatchObject({
      annualLeaveHalfDays: 15,
      locale: "en-US",
    });
    expect(s.roles.filter((x) => x.role === "inspection").map((x) => x.slackId)).toEqual([ORG.inspector2]);

    // Importing the full file again brings them back.
    const back = await importOrg(t.db, orgFixture(), "U0ADMIN");
    expect(back.ok && back.value.people).toMatchObject({ updated: 3, deactivated: 1 });
    expect((await t.db.person.findUniqueOrThrow({ where: { id: ORG.estateStaff1 } })).active).toBe(true);
  });

  const refusals: Array<[string, (o: OrgFile) => unknown, string, string]> = [
    [
      "leader not a person of the window",
      (o) => {
        o.windows[0]!.leader = ORG.hrssLeader;
      },
      "ORG.LEADER_NOT_IN_WINDOW",
      "windows[0] (tax)",
    ],
    [
      "leader listed as staff",
      (o) => {
        o.people.find((p) => p.slackId === ORG.taxLeader)!.role = "staff";
      },
      "ORG.LEADER_ROLE",
      "windows[0] (tax)",
    ],
    [
      "a second window_leader in a window",
      (o) => {
        o.people.find((p) => p.slackId === ORG.taxStaff1)!.role = "window_leader";
      },
      "ORG.EXTRA_LEADER",
      `people[1] (${ORG.taxStaff1})`,
    ],
    [
      "person in an unknown window",
      (o) => {
        o.people[2]!.window = "nowhere";
      },
      "ORG.UNKNOWN_WINDOW",
      `people[2] (${ORG.taxStaff2})`,
    ],
    [
      "duplicate person",
      (o) => {
        o.people.push({ ...o.people[1]! });
      },
      "ORG.DUPLICATE_PERSON",
      `people[6] (${ORG.taxStaff1})`,
    ],
    [
      "duplicate window",
      (o) => {
        o.windows.push({ ...o.windows[0]! });
      },
      "ORG.DUPLICATE_WINDOW",
      "windows[3] (tax)",
    ],
    [
      "bad date",
      (o) => {
        o.people[3]!.joined = "2026-02-30";
      },
      "ORG.INVALID",
      `people[3] (${ORG.hrssLeader})`,
    ],
    [
      "bad role",
      (o) => {
        (o.people[1] as { role: string }).role = "boss";
      },
      "ORG.INVALID",
      `people[1] (${ORG.taxStaff1})`,
    ],
    [
      "unknown field",
      (o) => {
        (o.windows[1] as Record<string, unknown>).colour = "red";
      },
      "ORG.INVALID",
      "windows[1] (hrss)",
    ],
    [
      "missing profile field",
      (o) => {
        delete (o.windows[2]!.profile as Partial<OrgFile["windows"][number]["profile"]>).missingItems;
      },
      "ORG.INVALID",
      "windows[2] (estate)",
    ],
    [
      "a window person's name in center.names",
      (o) => {
        o.center.names = { ...o.center.names, [ORG.taxStaff1]: "林一" };
      },
      "ORG.NAME_OF_PERSON",
      `center.names (${ORG.taxStaff1})`,
    ],
    [
      "an empty name in center.names",
      (o) => {
        o.center.names = { [ORG.director]: "  " };
      },
      "ORG.INVALID",
      `center.names.${ORG.director}`,
    ],
    [
      "half-day leave is fine but a third is not",
      (o) => {
        o.people[0]!.annualLeaveDays = 1.3;
      },
      "ORG.INVALID",
      `people[0] (${ORG.taxLeader})`,
    ],
  ];

  test.each(refusals)("refuses %s, naming the entry, and writes nothing", async (_n, change, code, entry) => {
    await importOrg(t.db, orgFixture(), "U0ADMIN");
    const before = await snapshot();
    const org = orgFixture();
    change(org);
    const r = await importOrg(t.db, org, "U0ADMIN");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.detail?.entry).toBe(entry);
    expect(errorText("zh", r)).toContain(entry);
    expect(errorText("en", r)).toContain(entry);
    expect(await snapshot()).toEqual(before);
    expect(await t.db.auditLog.count({ where: { action: "org.import" } })).toBe(1);
  });

  test("center.names: stored, read with the people's, kept for a former inspector, replaced by the file's", async () => {
    const org = orgFixture();
    org.center.names = { [ORG.director]: "潘主任", [ORG.inspector1]: "孙督查" };
    // Inspector 1 has left the section; their name stays for the records they filed.
    org.center.inspection = [ORG.inspector2];
    expect((await importOrg(t.db, org, "U0ADMIN")).ok).toBe(true);
    const names = await orgUserNames(t.db);
    expect([names.get(ORG.director), names.get(ORG.inspector1), names.get(ORG.taxStaff1)]).toEqual([
      "潘主任",
      "孙督查",
      "林一",
    ]);
    expect(names.has(ORG.inspector2)).toBe(false);
    // A file without center.names leaves them; one with it replaces them.
    const { names: _dropped, ...center } = org.center;
    expect((await importOrg(t.db, { ...org, center }, "U0ADMIN")).ok).toBe(true);
    expect((await orgUserNames(t.db)).get(ORG.director)).toBe("潘主任");
    org.center.names = { [ORG.inspector1]: "孙督查" };
    expect((await importOrg(t.db, org, "U0ADMIN")).ok).toBe(true);
    expect((await orgUserNames(t.db)).has(ORG.director)).toBe(false);
  });

  test("not an object at all", async () => {
    const r = await importOrg(t.db, [1, 2], "U0ADMIN");
    expect(r.ok ? "" : r.code).toBe("ORG.INVALID");
  });
});
