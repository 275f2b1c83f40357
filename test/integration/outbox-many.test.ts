// enqueueMany (src/jobs/outbox.ts): a notify's messages stored in one INSERT and one supersede UPDATE
// (issue #11) must leave exactly the rows that `enqueue` one after another leaves — same keys, order
// (ids), states, ops, refs and bodies — whatever was queued before: a key already stored, a key twice
// in the batch, an update of a message queued earlier or in the same batch, an update by (channel, ts).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { traceStatements } from "../../src/db/statements.ts";
import { enqueue, enqueueMany, knownRefs, type OutboundInput } from "../../src/jobs/outbox.ts";
import { createTestDb, type TestDb } from "../helpers/db.ts";

const BEFORE: OutboundInput[] = [
  { key: "step:1:ask:UAAA", channel: "UAAA", ref: "step:1:UAAA", text: "ask", blocks: [{ type: "divider" }] },
  { key: "old:update:step:1:UAAA", channel: "UAAA", update: true, ref: "step:1:UAAA", text: "older state" },
  { key: "old:update:ts", channel: "CCENTER", update: true, ts: "1.000", text: "older by ts" },
  { key: "sent:update:step:1:UBBB", channel: "UBBB", update: true, ref: "step:1:UBBB", text: "sent one" },
];

const BATCH: OutboundInput[] = [
  // Already stored: nothing inserted, nothing superseded by it.
  { key: "old:update:step:1:UAAA", channel: "UAAA", update: true, ref: "step:1:UAAA", text: "again" },
  { key: "new:update:step:1:UAAA", channel: "UAAA", update: true, ref: "step:1:UAAA", text: "newer" },
  // A second update of the same message in the batch supersedes the first (already queued by then).
  { key: "newer:update:step:1:UAAA", channel: "UAAA", update: true, ref: "step:1:UAAA", text: "newest" },
  { key: "new:update:ts", channel: "CCENTER", update: true, ts: "1.000", text: "newer by ts" },
  {
    key: "step:2:ask:UBBB",
    channel: "UBBB",
    ref: "step:2:UBBB",
    text: "next",
    fileName: "a.pdf",
    filePath: "/x",
  },
  // The same key twice in the batch: the first wins.
  { key: "dm:UAAA", channel: "UAAA", text: "first" },
  { key: "dm:UAAA", channel: "UAAA", text: "second" },
  {
    key: "new:update:step:1:UBBB",
    channel: "UBBB",
    update: true,
    ref: "step:1:UBBB",
    text: "newer sent one",
  },
];

async function rows(db: Db) {
  return (await db.outboundMessage.findMany({ orderBy: { id: "asc" } })).map(
    ({ createdAt: _c, id: _i, ...r }) => r,
  );
}

describe("enqueueMany", () => {
  let one: TestDb;
  let many: TestDb;
  beforeEach(async () => {
    one = await createTestDb();
    many = await createTestDb();
    for (const t of [one, many]) {
      for (const m of BEFORE) await enqueue(t.db, m);
      // The update by UBBB's ref was sent already: not superseded any more.
      await t.db.outboundMessage.updateMany({
        where: { key: "sent:update:step:1:UBBB" },
        data: { state: "sent" },
      });
    }
  });
  afterEach(async () => {
    await one.close();
    await many.close();
  });

  it("stores what enqueue one after another stores, in two statements", async () => {
    await one.db.$transaction(async (tx) => {
      for (const m of BATCH) await enqueue(tx, m);
    });
    const { statements } = await traceStatements(() =>
      many.db.$transaction(async (tx) => enqueueMany(tx, BATCH)),
    );
    const expected = await rows(one.db);
    expect(expected.map((r) => [r.key, r.state])).toEqual([
      ["step:1:ask:UAAA", "queued"],
      ["old:update:step:1:UAAA", "superseded"],
      ["old:update:ts", "superseded"],
      ["sent:update:step:1:UBBB", "sent"],
      ["new:update:step:1:UAAA", "superseded"],
      ["newer:update:step:1:UAAA", "queued"],
      ["new:update:ts", "queued"],
      ["step:2:ask:UBBB", "queued"],
      ["dm:UAAA", "queued"],
      ["new:update:step:1:UBBB", "queued"],
    ]);
    expect(await rows(many.db)).toEqual(expected);
    // BEGIN, the INSERT, the supersede UPDATE, COMMIT.
    expect(statements).toHaveLength(4);
  });

  it("refuses an update that names no message, storing nothing", async () => {
    await expect(
      many.db.$transaction((tx) => enqueueMany(tx, [{ key: "x", channel: "UAAA", update: true, text: "?" }])),
    ).rejects.toThrow(/names no message/);
    expect(await many.db.outboundMessage.count()).toBe(BEFORE.length);
  });
});

describe("knownRefs", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
  });
  afterEach(async () => {
    await t.close();
  });

  it("names the refs sent or on their way under a prefix, not another step's nor a failed post", async () => {
    await t.db.messageRef.create({ data: { ref: "step:1:UAAA", channel: "DAAA", ts: "1.1" } });
    await enqueue(t.db, { key: "a", channel: "UBBB", ref: "step:1:UBBB", text: "queued" });
    await enqueue(t.db, { key: "b", channel: "UCCC", ref: "step:1:UCCC", text: "failed" });
    await enqueue(t.db, { key: "c", channel: "UAAA", ref: "step:12:UAAA", text: "another step" });
    await enqueue(t.db, { key: "d", channel: "UAAA", ref: "step:1:UAAA", text: "sent, queued again" });
    await t.db.outboundMessage.updateMany({ where: { key: "b" }, data: { state: "failed" } });
    expect(await knownRefs(t.db, "step:1:")).toEqual(["step:1:UAAA", "step:1:UBBB"]);
  });
});
