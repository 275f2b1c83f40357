import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { WebClient } from "@slack/web-api";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { catalogItem } from "../../src/domain/catalog.ts";
import { runMonthClose } from "../../src/jobs/closeFlow.ts";
import { createOutboxSender } from "../../src/jobs/outbox.ts";
import { decideTransfer, reopenPeriod } from "../../src/services/closeMonth.ts";
import { fileRecord } from "../../src/services/records.ts";
import { loadSettings, setSetting } from "../../src/services/settings.ts";
import { slackClientOptions } from "../../src/slack/app.ts";
import { seedStandInWorkspace } from "../../src/slack/standin/workspace.ts";
import { closeContext, file, type TestContext } from "../helpers/closeFixture.ts";
import type { TestDb } from "../helpers/db.ts";
import { ORG, orgFixture, PEOPLE } from "../helpers/org.ts";
import { type SlackStandIn, startSlackStandIn } from "../helpers/slackStandIn.ts";

// Monday 2026-08-03 09:00 Shanghai: the first working day of August.
const NOW = "2026-08-03T01:00:00.000Z";

describe("monthly close", () => {
  let t: TestDb;
  let ctx: TestContext;
  let exportDir: string;
  beforeEach(async () => {
    ({ t, ctx } = await closeContext(NOW));
    exportDir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-close-"));
    await t.db.person.update({ where: { id: ORG.taxStaff1 }, data: { locale: "en-US" } });
    // June: 王二 20 off (80), last. July: 王二 22 off (78), last again → transfer (§4(4)).
    await file(ctx, { person: ORG.taxStaff2 }, "S-DIS-LEISURE", "2026-06-10");
    await file(ctx, { person: ORG.taxStaff2 }, "S-DIS-LEISURE", "2026-07-08", { note: "上班看视频" });
    await file(ctx, { person: ORG.taxStaff2 }, "S-ATT-NOPUNCH", "2026-07-09");
    await file(ctx, { person: ORG.taxStaff1 }, "S-BON-WORKLOAD", "2026-07-20", { points: "2" });
    await file(ctx, { person: ORG.hrssLeader }, "S-DIS-DROWSY", "2026-07-21");
    await file(ctx, { person: ORG.estateLeader }, "S-DIS-SNACK", "2026-07-22");
    await file(ctx, { person: ORG.estateLeader }, "S-ATT-LATE", "2026-07-23");
  });
  afterEach(async () => {
    await t.close();
    fs.rmSync(exportDir, { recursive: true, force: true });
  });

  async function closeJuneAndJuly() {
    const june = await runMonthClose(ctx, "2026-06", { actor: "test", exportDir });
    expect(june.ok).toBe(true);
    const july = await runMonthClose(ctx, "2026-07", { actor: "test", exportDir });
    if (!july.ok) throw new Error(july.code);
    return july;
  }

  it("freezes every result and the period in one go; the month then refuses records", async () => {
    await closeJuneAndJuly();
    const rows = await t.db.personMonthResult.findMany({ where: { month: "2026-07" } });
    const byId = Object.fromEntries(rows.map((r) => [r.personId, r]));
    // 6 people (郑三 joined 07-13 counts); b1 = round(4.2) = 4, b2 = round(5.4) = 5.
    expect(rows).toHaveLength(6);
    const summary = (id: string) => {
      const r = byId[id]!;
      return [r.scoreHundredths, r.rank, r.band, r.amountFen, r.transfer];
    };
    expect(summary(ORG.taxStaff1)).toEqual([10200, 1, 1, 50000, false]);
    expect(summary(ORG.taxLeader)).toEqual([10000, 2, 1, 50000, false]);
    expect(summary(ORG.estateStaff1)).toEqual([10000, 2, 1, 50000, false]);
    expect(summary(ORG.hrssLeader)).toEqual([9500, 4, 1, 50000, false]);
    expect(summary(ORG.estateLeader)).toEqual([9400, 5, 2, 22500, false]); // 94: half of 450
    expect(summary(ORG.taxStaff2)).toEqual([7800, 6, 3, 0, true]); // under 90: none; last twice ≤ 92
    const period = await t.db.period.findUniqueOrThrow({ where: { period: "2026-07" } });
    expect([period.state, period.closings, period.closedBy]).toEqual(["closed", 1, "test"]);
    expect(await t.db.windowMonthResult.count({ where: { month: "2026-07" } })).toBe(3);

    const late = await fileRecord(ctx, {
      filer: ORG.inspector1,
      target: { person: ORG.taxLeader },
      code: "S-ATT-LATE",
      date: "2026-07-30",
    });
    expect(late).toMatchObject({ ok: false, code: "RECORDS.MONTH_CLOSED" });
    // Closing again is refused; the scheduler's re-run is a no-op.
    expect(await runMonthClose(ctx, "2026-07", { actor: "test", exportDir })).toMatchObject({
      ok: false,
      code: "CLOSE.ALREADY_CLOSED",
    });
    const rerun = await runMonthClose(ctx, "2026-07", {
      actor: "scheduler",
      exportDir,
      allowAlreadyClosed: true,
    });
    expect(rerun).toEqual({ ok: true, value: { kind: "already_closed", month: "2026-07" } });
  });

  it("a month that is not over cannot be closed", async () => {
    expect(await runMonthClose(ctx, "2026-08", { actor: "test", exportDir })).toMatchObject({
      ok: false,
      code: "CLOSE.MONTH_NOT_OVER",
    });
    expect(await t.db.period.count()).toBe(0);
  });

  it("private/public split: the channel gets bands and names only, each person their notice, the director and deputy the transfer flag", async () => {
    await closeJuneAndJuly();
    const july = await t.db.outboundMessage.findMany({
      where: { key: { startsWith: "close:2026-07:" } },
      orderBy: { id: "asc" },
    });
    const toChannel = july.filter((m) => m.channel === ORG.channel);
    expect(toChannel.map((m) => m.key)).toEqual([
      "close:2026-07:c1:channel",
      "close:2026-07:c1:workbook",
      "close:2026-07:c1:chart",
    ]);
    const channelText = toChannel.map((m) => `${m.text}\n${m.blocks ?? ""}`).join("\n");
    // Names and bands are public …
    expect(channelText).toContain("王二");
    expect(channelText).toContain("三档");
    // … deductions, scores and money of a named person, and the transfer flag, are not.
    for (const code of ["S-DIS-LEISURE", "S-ATT-NOPUNCH", "S-DIS-SNACK", "S-ATT-LATE", "S-DIS-DROWSY"]) {
      expect(channelText).not.toContain(code);
      expect(channelText).not.toContain(catalogItem(code)!.zh);
    }
    expect(channelText).not.toMatch(/(?<![\d.])(78|94)(?![\d.])|225\.00|500\.00 元（/);
    expect(channelText).not.toContain("调离");

    // Each person in evaluation gets exactly one notice, in a DM (channel = their user id).
    const notices = july.filter((m) => m.key.includes(":notice:"));
    expect(notices.map((m) => m.channel).sort()).toEqual([...PEOPLE].sort());
    const notice = (id: string) => notices.find((m) => m.channel === id)!;
    const wang = `${notice(ORG.taxStaff2).blocks}`;
    expect(wang).toContain("S-DIS-LEISURE");
    expect(wang).toContain(catalogItem("S-DIS-LEISURE")!.section);
    expect(wang).toContain("取消当月考评奖");
    const wu = `${notice(ORG.estateLeader).blocks}`;
    expect(wu).toContain("二档 450 元 × 减半 = *225 元*");
    // 林一's Slack locale is English.
    expect(notice(ORG.taxStaff1).text).toContain("Your result");
    expect(`${notice(ORG.taxStaff1).blocks}`).toContain("Exceptional workload");
    // Nobody's notice carries another person's items.
    expect(`${notice(ORG.taxLeader).blocks}`).not.toContain("S-DIS-LEISURE");

    const transfers = july.filter((m) => m.key.includes(":transfer:"));
    expect(transfers.map((m) => m.channel).sort()).toEqual([ORG.deputy, ORG.director].sort());
    expect(transfers[0]!.blocks).toContain("close_transfer_confirm");
    expect(transfers[0]!.blocks).toContain("王二");
  });

  it("sends through Slack: channel post, workbook upload, DMs, flags", async () => {
    await closeJuneAndJuly();
    await t.db.outboundMessage.deleteMany({ where: { key: { startsWith: "close:2026-06:" } } });
    const slack: SlackStandIn = await startSlackStandIn();
    seedStandInWorkspace(slack, orgFixture());
    try {
      const client = new WebClient("xoxb-test", slackClientOptions(slack.url));
      const sender = createOutboxSender(t.db, client, { minIntervalMs: 0 });
      const report = await sender.drain();
      expect(report.failed).toBe(0);
      const posts = slack.callsTo("chat.postMessage");
      expect(posts.filter((c) => c.args.channel === ORG.channel)).toHaveLength(1);
      expect(posts.filter((c) => c.args.channel === ORG.director)).toHaveLength(1);
      expect(posts.filter((c) => c.args.channel === ORG.taxStaff2)).toHaveLength(1);
      // The channel gets the ranking workbook; the director and both inspectors the full one, by DM;
      // each person their score chart by DM (issue #13).
      const completes = slack.callsTo("files.completeUploadExternal");
      const byChannel = new Map(completes.map((c) => [String(c.args.channel_id), c]));
      expect([...byChannel.keys()].sort()).toEqual(
        [
          ...new Set([
            ORG.channel,
            slack.dmChannel(ORG.director),
            slack.dmChannel(ORG.inspector1),
            slack.dmChannel(ORG.inspector2),
            ...PEOPLE.map((id) => slack.dmChannel(id)),
          ]),
        ].sort(),
      );
      const files = [...slack.uploads.values()];
      const publicFile = files.find((f) => f.filename.includes("考评排名"))!;
      const fullFile = files.find((f) => f.filename.includes("明细"))!;
      expect(publicFile.filename).toContain("2026年7月");
      const sheets = async (bytes: Buffer) => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(bytes as unknown as ArrayBuffer);
        return wb.worksheets.map((ws) => ({
          name: ws.name,
          header: (ws.getRow(2).values as unknown[]).slice(1),
          text: JSON.stringify(ws.getSheetValues()),
        }));
      };
      const pub = await sheets(publicFile.bytes);
      expect(pub.map((s) => s.name)).toEqual(["人员考评", "窗口考评"]);
      expect(pub[0]!.header).toEqual(["排名", "姓名", "窗口", "档次"]);
      expect(pub.map((s) => s.text).join()).not.toContain("S-DIS-LEISURE");
      const full = await sheets(fullFile.bytes);
      expect(full.map((s) => s.name)).toEqual(["人员考评", "窗口考评", "扣分加分明细"]);
      expect(full[2]!.text).toContain("S-DIS-LEISURE");
    } finally {
      await slack.close();
    }
  });

  it("the notice a person gets from Slack: the sum, dated lines with note and filer, ties, money, deadline", async () => {
    await closeJuneAndJuly();
    await t.db.outboundMessage.deleteMany({ where: { key: { startsWith: "close:2026-06:" } } });
    const slack: SlackStandIn = await startSlackStandIn();
    seedStandInWorkspace(slack, orgFixture());
    try {
      const client = new WebClient("xoxb-test", slackClientOptions(slack.url));
      expect((await createOutboxSender(t.db, client, { minIntervalMs: 0 }).drain()).failed).toBe(0);
      const got = (user: string) => {
        const posts = slack.callsTo("chat.postMessage").filter((c) => c.args.channel === user);
        expect(posts).toHaveLength(1);
        const blocks = posts[0]!.args.blocks as { text?: { text: string }; elements?: { text: string }[] }[];
        return {
          blocks,
          text: blocks
            .map((b) => b.text?.text ?? (b.elements ?? []).map((e) => e.text).join("\n"))
            .join("\n"),
        };
      };
      // 王二: 100 − (20 + 2) = 78; six people, b1 = round(4.2) = 4, b2 = round(5.4) = 5: rank 6, band 3;
      // under 90: no money. Filed by inspector 1, named 孙督查 in the org file.
      const wang = got(ORG.taxStaff2);
      expect(wang.text).toContain("*考评分*：100 − 扣分 22 + 加分 0 = *78 分*");
      expect(wang.text).toContain("*名次*：参评 6 人，您排第 6 名，三档共 1 人");
      expect(wang.text).toContain("*考评奖*：三档 400 元 × 0 = *0 元*");
      expect(wang.text).toContain("考评分低于 90 分，取消当月考评奖（考评办法 三(一)4）。");
      expect(wang.text).toContain(
        "• 7月8日 上网购物、炒股、游戏、小说、视频 −20（S-DIS-LEISURE，考评办法 三(一)2(4)②，孙督查）\n      说明：上班看视频",
      );
      expect(wang.text).toContain("• 7月9日 上下班缺签 −2（S-ATT-NOPUNCH，考评办法 三(一)2(1)②，孙督查）");
      // Closed Monday 3 August: three working days → Thursday 6 August.
      expect(wang.text).toContain("*如有疑问*：请在 *8月6日（星期四）* 前点「对此有疑问」");
      expect(wang.blocks.at(-1)).toMatchObject({
        accessory: { type: "button", action_id: "notice_question", value: "2026-07" },
      });
      // 陈税 and 郑三 tie at 100 (rank 2); 周社's 95 is rank 4, still band 1: band 1 has four.
      expect(got(ORG.taxLeader).text).toContain("*名次*：参评 6 人，您并列第 2 名 2 人，一档共 4 人");
      // 吴房 leads the estate window: its score and lines are in his notice, not in 郑三's.
      const wu = got(ORG.estateLeader).text;
      expect(wu).toContain("*考评分*：100 − 扣分 6 + 加分 0 = *94 分*");
      expect(wu).toContain("*考评奖*：二档 450 元 × 减半 = *225 元*");
      expect(wu).toContain("*本窗口：不动产窗口*（窗口负责人可见）");
      expect(got(ORG.estateStaff1).text).not.toContain("本窗口");
      // 林一 reads Slack in English.
      const lin = got(ORG.taxStaff1).text;
      expect(lin).toContain("*Score*: 100 − deductions 0 + bonus 2 = *102*");
      expect(lin).toContain(
        "• 20 Jul Exceptional workload this month +2 (S-BON-WORKLOAD, evaluation rules, part 3(1), item 3(1), 孙督查)",
      );
    } finally {
      await slack.close();
    }
  });

  it("the question deadline is a setting counted in working days", async () => {
    // From the month the close runs in (August by the test's clock): the notices sent now use it.
    const setting = await setSetting(t.db, "operations.notices.questionWorkingDays", 5, "test", ctx.clock);
    expect(setting.ok).toBe(true);
    ctx.settings = await loadSettings(t.db, "2026-08");
    await closeJuneAndJuly();
    const wang = await t.db.outboundMessage.findUniqueOrThrow({
      where: { key: `close:2026-07:c1:notice:${ORG.taxStaff2}` },
    });
    // Monday 3 August + 5 working days = Monday 10 August.
    expect(wang.blocks).toContain("8月10日（星期一）");
  });

  it("reopen: only the director, with a reason, logged; a re-close re-freezes and says corrected", async () => {
    await closeJuneAndJuly();
    expect(await reopenPeriod(ctx, { period: "2026-07", actor: ORG.inspector1, reason: "x" })).toMatchObject({
      ok: false,
      code: "CLOSE.NOT_DIRECTOR",
    });
    expect(await reopenPeriod(ctx, { period: "2026-07", actor: ORG.director, reason: "  " })).toMatchObject({
      ok: false,
      code: "CLOSE.REASON_REQUIRED",
    });
    const r = await reopenPeriod(ctx, { period: "2026-07", actor: ORG.director, reason: "吴房迟到记录有误" });
    expect(r.ok).toBe(true);
    const log = await t.db.auditLog.findFirstOrThrow({
      where: { action: "period.reopen", entityId: "2026-07" },
    });
    expect([log.actorId, log.note]).toEqual([ORG.director, "吴房迟到记录有误"]);

    // Now the correction: the late record is revoked, another record filed.
    const lateRow = await t.db.record.findFirstOrThrow({
      where: { code: "S-ATT-LATE", personId: ORG.estateLeader },
    });
    await t.db.record.update({ where: { id: lateRow.id }, data: { state: "revoked" } });
    const again = await runMonthClose(ctx, "2026-07", { actor: "test", exportDir });
    if (!again.ok || again.value.kind !== "closed") throw new Error("re-close failed");
    expect(again.value.closed.closings).toBe(2);
    const wu = await t.db.personMonthResult.findUniqueOrThrow({
      where: { month_personId: { month: "2026-07", personId: ORG.estateLeader } },
    });
    expect([wu.scoreHundredths, wu.rank, wu.amountFen]).toEqual([9500, 4, 50000]); // 95 ties 周社 at rank 4: band 1, full
    const corrected = await t.db.outboundMessage.findUniqueOrThrow({
      where: { key: `close:2026-07:c2:notice:${ORG.estateLeader}` },
    });
    expect(corrected.text).toContain("更正");
    const channel = await t.db.outboundMessage.findUniqueOrThrow({
      where: { key: "close:2026-07:c2:channel" },
    });
    expect(channel.blocks).toContain("吴房迟到记录有误");
    // The first close's messages are not queued twice.
    expect(
      await t.db.outboundMessage.count({ where: { key: { startsWith: "close:2026-07:c1:notice:" } } }),
    ).toBe(6);
  });

  it("a reopened month inside a closed quarter cannot be reopened", async () => {
    await closeJuneAndJuly();
    await t.db.period.create({ data: { period: "2026-Q3", state: "closed", closings: 1 } });
    expect(await reopenPeriod(ctx, { period: "2026-07", actor: ORG.director, reason: "x" })).toMatchObject({
      ok: false,
      code: "CLOSE.CONTAINER_CLOSED",
    });
  });

  it("transfer flag: the director or deputy decides once; others cannot", async () => {
    const july = await closeJuneAndJuly();
    if (july.value.kind !== "closed") throw new Error("not closed");
    const awardId = july.value.closed.transfers[0]!.awardId;
    expect(await decideTransfer(ctx, { awardId, actor: ORG.taxLeader, decision: "confirm" })).toMatchObject({
      ok: false,
      code: "CLOSE.NOT_ALLOWED",
    });
    const ok = await decideTransfer(ctx, { awardId, actor: ORG.deputy, decision: "confirm" });
    expect(ok).toMatchObject({
      ok: true,
      value: { personId: ORG.taxStaff2, state: "confirmed", announce: true },
    });
    expect(await decideTransfer(ctx, { awardId, actor: ORG.director, decision: "dismiss" })).toMatchObject({
      ok: false,
      code: "CLOSE.ALREADY_DECIDED",
    });
  });
});
