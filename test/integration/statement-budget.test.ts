// Statement budgets of the hot path (issue #11): how many SQL statements an approval decision runs,
// from the click's checks to the committed decision, next step and outbox rows. A regression bound on
// the work done (counted by src/db/statements.ts), never a timing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client.ts";
import { orgSnapshot, snapshotLocale } from "../../src/db/orgCache.ts";
import { traceStatements } from "../../src/db/statements.ts";
import { decideStep } from "../../src/services/approvals.ts";
import { type RequestInput, submitRequest } from "../../src/services/requests.ts";
import { decisionNotices, submitNotices } from "../../src/slack/requestFlow.ts";
import { createTestDb, type TestDb } from "../helpers/db.ts";
import { leave, seedCenter, testContext, U } from "../helpers/requestsFixture.ts";

let t: TestDb;
let ctx: ReturnType<typeof testContext>;

beforeEach(async () => {
  t = await createTestDb();
  await seedCenter(t.db);
  ctx = testContext(t.db);
});
afterEach(async () => {
  await t.close();
});

async function submit(input: RequestInput) {
  const r = await submitRequest(ctx, input, submitNotices(ctx));
  if (!r.ok) throw new Error(`submit refused: ${r.code}`);
  return r.value;
}

/**
 * What an approval decision may cost at most, in statements (BEGIN and COMMIT included), the org
 * snapshot warm. Issue #11 measured 47 here; read-once rendering and the org cache made it 25. The target
 * is 5: what remains is the outbox (2–3 statements per message), the request's facts and the refs.
 */
const DECISION_BUDGET = 25;

describe("statement budget of an approval decision", () => {
  it("a window leader's approval that activates the next step, with its outbox rows", async () => {
    // 2026-12-01 … 12-04: opinion → inspection review → deputy approve.
    const s = await submit(leave({ requesterId: U.staff2, end: { date: "2026-12-04", half: "pm" } }));
    const { result, statements } = await traceStatements(() =>
      decideStep(
        ctx,
        { stepId: s.steps[0]!.id, actorId: U.lead1, decision: "approve" },
        decisionNotices(ctx),
      ),
    );
    expect(result.ok && result.value.activated.map((x) => x.seq)).toEqual([2]);
    // The decision really stored its messages: the next step's asks and the status update.
    const queued = await t.db.outboundMessage.count({
      where: { key: { contains: `step:${s.steps[1]!.id}:ask:` } },
    });
    expect(queued).toBe(2);
    console.log(`decision: ${statements.length} statements\n  ${statements.join("\n  ")}`);
    expect(statements.length).toBeLessThanOrEqual(DECISION_BUDGET);
  });
});

describe("the org cache", () => {
  const localeOf = async (db: TestDb["db"], id: string) => {
    const org = orgSnapshot(db);
    if (!org) throw new Error("createDb's client has an org snapshot");
    return snapshotLocale(await org, id);
  };

  it("is read again after a write of this process, and after another connection's commit", async () => {
    expect(await localeOf(t.db, U.staff1)).toBeNull();
    // This process, through Prisma: the write bumps the cache's generation.
    await t.db.person.update({ where: { id: U.staff1 }, data: { locale: "en-US" } });
    expect(await localeOf(t.db, U.staff1)).toBe("en-US");
    // Another process (the CLI) on the same file: SQLite's data_version changes.
    const other = createDb(t.url);
    try {
      await other.person.update({ where: { id: U.staff1 }, data: { locale: "zh-CN" } });
    } finally {
      await other.$disconnect();
    }
    expect(await localeOf(t.db, U.staff1)).toBe("zh-CN");
  });

  it("a snapshot unchanged is not read again", async () => {
    await localeOf(t.db, U.staff1);
    const { statements } = await traceStatements(() => localeOf(t.db, U.staff1));
    expect(statements).toEqual(["PRAGMA data_version"]);
  });
});
