// "对此有疑问" on the monthly private notice (RULES.md §8a, until the appeal arrives), over signed HTTP:
// the person's button opens a modal with their records; the submission is logged and, in the same
// transaction, queued to every inspection member (each in their language) with the question and the
// records, and the person is told; after the deadline (3 working days after the notice) it is refused
// with a clear message; nobody can question another person's notice.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { shanghaiInstant } from "../../src/domain/dates.ts";
import { runMonthClose } from "../../src/jobs/closeFlow.ts";
import { type AppHarness, startAppHarness } from "../helpers/appHarness.ts";
import { file } from "../helpers/closeFixture.ts";
import { ORG } from "../helpers/org.ts";
import type { ViewJson } from "../helpers/slackHttp.ts";
import type { StandInCall } from "../helpers/slackStandIn.ts";
import { callsDuring, lastView, textOf } from "../helpers/slackText.ts";

type Json = Record<string, unknown>;

let h: AppHarness;
const during = (fn: () => Promise<unknown>) => callsDuring(h, fn);
let dir: string;

beforeAll(async () => {
  // Monday 2026-08-03 10:00 in Shanghai; inspector 2 reads Slack in English.
  h = await startAppHarness({ now: "2026-08-03T02:00:00.000Z", locales: { [ORG.inspector2]: "en-US" } });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "shb-e2e-question-"));
  await file(h.ctx, { person: ORG.taxStaff2 }, "S-DIS-LEISURE", "2026-07-08", { note: "上班看视频" });
  await file(h.ctx, { person: ORG.taxStaff2 }, "S-ATT-NOPUNCH", "2026-07-09");
  const r = await runMonthClose(h.ctx, "2026-07", { actor: "scheduler", exportDir: dir });
  if (!r.ok) throw new Error(`close failed: ${r.code}`);
  await h.app.idle();
});
afterAll(async () => {
  await h?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The notice the person got in Slack, and its question button. */
function noticeOf(user: string) {
  const post = h.standIn
    .callsTo("chat.postMessage")
    .find((c) => c.args.channel === user && String(c.args.text).includes("考评结果"));
  if (!post) throw new Error(`no notice for ${user}`);
  const blocks = post.args.blocks as Json[];
  const button = blocks
    .map((b) => b.accessory as Json | undefined)
    .find((a) => a?.action_id === "notice_question");
  return { post, blocks, button };
}

const click = (user: string, value: string, post: StandInCall) =>
  during(() =>
    h.slack.sendAction(
      { id: user },
      { action_id: "notice_question", value },
      { channelId: String(post.response?.channel), message: { ts: String(post.response?.ts) } },
    ),
  );

const dms = (calls: StandInCall[], to: string) =>
  calls.filter((c) => c.method === "chat.postMessage" && c.args.channel === to);

describe("questioning the monthly private notice", () => {
  test("the button opens a modal with the person's own records; an empty question is refused", async () => {
    const { post, button, blocks } = noticeOf(ORG.taxStaff2);
    expect(button).toMatchObject({ value: "2026-07", text: { text: "对此有疑问" } });
    expect(textOf(blocks)).toContain("*如有疑问*：请在 *8月6日（星期四）* 前点「对此有疑问」");

    const modal = lastView(await click(ORG.taxStaff2, "2026-07", post));
    expect(modal.callback_id).toBe("notice_question_modal");
    expect(textOf(modal.blocks)).toContain("*您的2026年7月考评结果*：78 分，三档，考评奖 0 元。");
    const select = (modal.blocks as Json[]).find((b) => b.block_id === "lines")!.element as {
      options: { text: { text: string } }[];
    };
    expect(select.options.map((o) => o.text.text)).toEqual([
      "7月8日 上网购物、炒股、游戏、小说、视频 −20",
      "7月9日 上下班缺签 −2",
    ]);

    const blank = await h.slack.sendViewSubmission({ id: ORG.taxStaff2 }, modal, { question: "   " });
    expect(blank.json).toEqual({
      response_action: "errors",
      errors: { question: "请写下您的问题（不超过 1000 字）。" },
    });
    expect(await h.db.auditLog.count({ where: { action: "notice.question" } })).toBe(0);
  });

  test("the question goes to every inspection member with the record, logged, and the person is told", async () => {
    const { post } = noticeOf(ORG.taxStaff2);
    const modal = lastView(await click(ORG.taxStaff2, "2026-07", post));
    const question = "7月8日下午我在查询群众的社保缴费记录，并没有看视频 <!channel>";
    const calls = await during(async () => {
      const r = await h.slack.sendViewSubmission({ id: ORG.taxStaff2 }, modal, {
        lines: ["0"],
        question,
      });
      const answer = r.json as { response_action: string; view: ViewJson };
      expect(answer.response_action).toBe("update");
      expect(textOf(answer.view.blocks)).toContain("您对2026年7月考评结果的疑问已发给督查科");
    });
    const log = await h.db.auditLog.findFirstOrThrow({ where: { action: "notice.question" } });
    expect([log.actorId, log.entityId, log.note]).toEqual([
      ORG.taxStaff2,
      `2026-07:${ORG.taxStaff2}`,
      question,
    ]);

    const [zh] = dms(calls, ORG.inspector1);
    const zhText = textOf(zh!.args.blocks);
    expect(zhText).toContain(`*📨 <@${ORG.taxStaff2}>（税务窗口）对2026年7月考评结果有疑问*`);
    // The person's text is escaped once: their <!channel> pings nobody.
    expect(zhText).toContain(">7月8日下午我在查询群众的社保缴费记录，并没有看视频 &lt;!channel&gt;");
    expect(zhText).toContain(
      "考评分 100 − 扣分 22 + 加分 0 = 78 分，参评 6 人中第 6 名，三档，考评奖 0 元。",
    );
    expect(zhText).toContain(
      "*涉及的记录*\n• 7月8日 上网购物、炒股、游戏、小说、视频 −20（S-DIS-LEISURE，考评办法 三(一)2(4)②，孙督查）\n      说明：上班看视频",
    );
    expect(zhText).not.toContain("S-ATT-NOPUNCH"); // only the record pointed at
    const [en] = dms(calls, ORG.inspector2);
    expect(textOf(en!.args.blocks)).toContain(
      `*📨 <@${ORG.taxStaff2}> (税务窗口) questions the result for July 2026*`,
    );
    const [mine] = dms(calls, ORG.taxStaff2);
    expect(String(mine!.args.text)).toContain(
      "✅ 您对2026年7月考评结果的疑问已发给督查科，他们会私信答复您。",
    );
    expect(dms(calls, ORG.channel)).toEqual([]); // nothing public
    const queued = await h.db.outboundMessage.findMany({
      where: { key: { startsWith: "notice-question:" } },
    });
    expect(queued.map((m) => m.state)).toEqual(["sent", "sent", "sent"]);
  });

  test("nobody questions another person's notice: the button opens the clicker's own, or says why not", async () => {
    const { post } = noticeOf(ORG.taxStaff2);
    // 林一 presses 王二's button (the value is the month only): her own result, not 王二's.
    const own = lastView(await click(ORG.taxStaff1, "2026-07", post));
    expect(own.callback_id).toBe("notice_question_modal");
    expect(textOf(own.blocks)).toContain("*您的2026年7月考评结果*：100 分，一档，考评奖 500 元。");
    expect(textOf(own.blocks)).not.toContain("78 分");
    // The director is not evaluated.
    const refused = lastView(await click(ORG.director, "2026-07", post));
    expect(refused.callback_id).toBeUndefined();
    expect(textOf(refused.blocks)).toContain("您不在2026年7月的参评名单中，没有该月的考评结果。");
  });

  test("after the deadline the button and a modal still open are refused with a clear message", async () => {
    const { post } = noticeOf(ORG.taxStaff2);
    const modal = lastView(await click(ORG.taxStaff2, "2026-07", post));
    const asked = await h.db.auditLog.count({ where: { action: "notice.question" } });
    // Friday 7 August: the deadline (Thursday 6 August) has passed.
    h.clock.set(shanghaiInstant("2026-08-07", 9, 0));
    const late = lastView(await click(ORG.taxStaff2, "2026-07", post));
    expect(late.callback_id).toBeUndefined();
    expect(textOf(late.blocks)).toContain(
      "2026年7月考评结果的疑问期限已于 8月6日（星期四） 结束，不能再从这里提出；如仍有异议，请直接联系督查科。",
    );
    const r = await h.slack.sendViewSubmission({ id: ORG.taxStaff2 }, modal, { question: "还有一个问题" });
    const answer = r.json as { response_action: string; view: ViewJson };
    expect(answer.response_action).toBe("update");
    expect(textOf(answer.view.blocks)).toContain("疑问期限已于 8月6日（星期四） 结束");
    expect(await h.db.auditLog.count({ where: { action: "notice.question" } })).toBe(asked);
  });
});
