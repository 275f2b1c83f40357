// An organisation fixture in the import file's shape (src/services/org.ts): a center with director,
// deputy director and two inspection members, three windows with leaders and staff; window "hrss"
// has its parent-unit leader outside the workspace (parentUnitLeader null) and a single person.
import type { Db } from "../../src/db/client.ts";
import { importOrg, type OrgFile } from "../../src/services/org.ts";

export const ORG = {
  channel: "C0CENTER",
  director: "U0DIRECTOR",
  deputy: "U0DEPUTY",
  inspector1: "U0INSPECT1",
  inspector2: "U0INSPECT2",
  /** Window "tax": leader, two staff (one non-establishment); parent-unit leader in the workspace. */
  taxLeader: "U1LEADER",
  taxStaff1: "U1STAFF1",
  taxStaff2: "U1STAFF2",
  taxParent: "U1PARENT",
  /** Window "hrss": only its leader; parent-unit leader outside the workspace. */
  hrssLeader: "U2LEADER",
  /** Window "estate": leader and one staff. */
  estateLeader: "U3LEADER",
  estateStaff1: "U3STAFF1",
  estateParent: "U3PARENT",
  /** In the workspace, in no role and not a person of the center. */
  outsider: "U9OUTSIDER",
} as const;

/** The people of the fixture's windows: everyone the monthly score evaluates. */
export const PEOPLE: readonly string[] = [
  ORG.taxLeader,
  ORG.taxStaff1,
  ORG.taxStaff2,
  ORG.hrssLeader,
  ORG.estateLeader,
  ORG.estateStaff1,
];

export function orgFixture(): OrgFile {
  return {
    center: {
      name: "苍南县政务服务中心",
      channel: ORG.channel,
      director: ORG.director,
      deputyDirector: ORG.deputy,
      inspection: [ORG.inspector1, ORG.inspector2],
      // Inspector 1 is named (shown as the filer in workbooks); inspector 2 is not (shown as 督查科).
      names: { [ORG.inspector1]: "孙督查" },
    },
    windows: [
      {
        id: "tax",
        name: "税务窗口",
        leader: ORG.taxLeader,
        parentUnitLeader: ORG.taxParent,
        profile: { leaderNotMiddle: false, leaderNotHead: false, missingItems: 0, unauthorisedItems: 0 },
      },
      {
        id: "hrss",
        name: "人社窗口",
        leader: ORG.hrssLeader,
        parentUnitLeader: null,
        profile: { leaderNotMiddle: true, leaderNotHead: false, missingItems: 1, unauthorisedItems: 2 },
      },
      {
        id: "estate",
        name: "不动产窗口",
        leader: ORG.estateLeader,
        parentUnitLeader: ORG.estateParent,
        profile: { leaderNotMiddle: false, leaderNotHead: true, missingItems: 0, unauthorisedItems: 0 },
      },
    ],
    people: [
      person(ORG.taxLeader, "陈税", "tax", "window_leader", { joined: "2024-03-01", annualLeaveDays: 10 }),
      person(ORG.taxStaff1, "林一", "tax", "staff", { joined: "2025-06-16", annualLeaveDays: 5 }),
      person(ORG.taxStaff2, "王二", "tax", "staff", { establishment: false, partyTransferred: false }),
      person(ORG.hrssLeader, "周社", "hrss", "window_leader", { annualLeaveDays: 15 }),
      person(ORG.estateLeader, "吴房", "estate", "window_leader", { annualLeaveDays: 5 }),
      person(ORG.estateStaff1, "郑三", "estate", "staff", { joined: "2026-07-13", annualLeaveDays: 0 }),
    ],
  };
}

function person(
  slackId: string,
  name: string,
  window: string,
  role: "staff" | "window_leader",
  more: Partial<OrgFile["people"][number]> = {},
): OrgFile["people"][number] {
  return {
    slackId,
    name,
    window,
    role,
    establishment: true,
    partyTransferred: true,
    joined: "2023-01-03",
    annualLeaveDays: 5,
    ...more,
  };
}

/**
 * The fixture with AB岗 pairs (RULES.md §8; the org file's `backup`): A → B, each in A's window. The
 * default fixture names none, so the flows that do not test AB岗 keep "no cover named".
 */
export function withBackups(org: OrgFile, pairs: Readonly<Record<string, string>>): OrgFile {
  return {
    ...org,
    people: org.people.map((p) => (pairs[p.slackId] ? { ...p, backup: pairs[p.slackId] } : p)),
  };
}

/** Imports the fixture (or a variant of it) through the real import service. */
export async function seedOrg(db: Db, org: OrgFile = orgFixture()): Promise<OrgFile> {
  const r = await importOrg(db, org, "test-seed");
  if (!r.ok) throw new Error(`org fixture refused: ${r.code} ${JSON.stringify(r.detail)}`);
  return org;
}
