// Statement budgets of the hot path (issue #11): how many SQL statements an approval decision runs,
// from the click's checks to the committed decision, next step and outbox rows. A regression bound on
// the work done (counted by src/db/statements.ts), never a timing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client.ts";
import { orgSnapshot, snapshotLocale } from "../../src/db/orgCache.ts";
import { traceStatements } from "../../src/db/statements.ts";
import { decideStep } from "../../src/services/approvals.ts";
import { type RequestInput, submitRequest } from "../../src/services/requests.ts";
import { userLang } from "../../src/slack/i18n/locale.ts";
import { quickRecordReply } from "../../src/slack/listeners/commands/record.ts";
import { decisionNotices, submitNotices } from "../../src/slack/requestFlow.ts";
import { quickFormReply } from "../../src/slack/requestForms.ts";
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
 * snapshot warm. Issue #11 measured 47 here; read-once rendering and the org cache made it 25; one joined
 * read, batched audit and outbox rows and prepared statements (src/db/hotPath.ts) made it 11: the chain
 * read, BEGIN, the claim, the next step's activation, the audit rows, the step's known message refs,
 * the org snapshot's data_version, the requester's booked requests (the facts), the outbox rows, their
 * supersede, COMMIT. The target is 5; with BEGIN and COMMIT counted and the step, audit and
 * outbox in three tables, 6 is the floor (one read, three writes, BEGIN, COMMIT).
 */
const DECISION_BUDGET = 11;
/** A /qingjia preview (the leave quick form's answer), the org snapshot warm: 10 before, 8 now. */
const LEAVE_PREVIEW_BUDGET = 8;
/** A /deduct preview (the deduction quick form's answer), the org snapshot warm: 9 before, 7 now. */
const DEDUCT_PREVIEW_BUDGET = 7;

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

describe("statement budget of the quick forms' previews", () => {
  // The client is never called: the locale is read from the database (src/slack/i18n/locale.ts).
  const client = {} as Parameters<typeof userLang>[0];

  it("/qingjia: a 事假 preview with its cost and Submit button", async () => {
    await quickFormReply(ctx, "zh", U.staff1, "事假 2026-12-02am 家中有事", "leave"); // the org snapshot warm
    const { result, statements } = await traceStatements(async () =>
      quickFormReply(
        ctx,
        await userLang(client, t.db, U.staff2),
        U.staff2,
        "事假 2026-12-03am 家中有事",
        "leave",
      ),
    );
    expect(result.ok).toBe(true);
    console.log(`/qingjia preview: ${statements.length} statements\n  ${statements.join("\n  ")}`);
    expect(statements.length).toBeLessThanOrEqual(LEAVE_PREVIEW_BUDGET);
  });

  it("/deduct: a lateness deduction's preview with its Confirm button", async () => {
    await userLang(client, t.db, U.ins1); // the org snapshot warm
    const { result, statements } = await traceStatements(async () =>
      quickRecordReply(
        ctx,
        await userLang(client, t.db, U.ins1),
        U.ins1,
        `<@${U.staff1}> S-ATT-LATE 迟到 3 分钟`,
        "deduction",
        "/deduct",
      ),
    );
    expect(result.blocks).toBeDefined();
    console.log(`/deduct preview: ${statements.length} statements\n  ${statements.join("\n  ")}`);
    expect(statements.length).toBeLessThanOrEqual(DEDUCT_PREVIEW_BUDGET);
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
