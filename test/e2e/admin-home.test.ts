// Monthly administration in the App Home (issue #10): inspection and the director upload the rating-device
// and attendance CSVs (a file in Slack → files.info and url_private with the bot token → the CLI's
// importers: a dry run with its row report first, then "确认导入"), enter center evaluations with a
// person search, close or re-close a month with a note, see the jobs and the outbox and send failed
// messages again. Over signed HTTP, with the strict stand-in; a staff member can do none of it.

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { recordSchedulerInstall } from "../../src/jobs/scheduler.ts";
import { reopenPeriod } from "../../src/services/closeMonth.ts";
import {
  ADMIN_CLOSE,
  ADMIN_EVALUATE,
  ADMIN_IMPORT,
  ADMIN_RETRY,
  EVAL_FIELDS,
  IMPORT_FILE,
} from "../../src/slack/blocks/admin.ts";
import type { ViewJson } from "../../src/slack/standin/slackHttp.ts";
import { type AppHarness, startAppHarness } from "../helpers/appHarness.ts";
import { ORG } from "../helpers/org.ts";
import { callsDuring, lastView, textOf } from "../helpers/slackText.ts";

type Json = Record<string, unknown>;

let h: AppHarness;
const during = (fn: () => Promise<unknown>) => callsDuring(h, fn);

beforeAll(async () => {
  // Monday 2026-08-03 10:00 in Shanghai; July is over and not closed yet. The scheduler was installed
  // in July (its first month to close), as a bot running for a while has it. Inspector 2 reads English.
  h = await startAppHarness({
    now: "2026-08-03T02:00:00.000Z",
    locales: { [ORG.inspector2]: "en-US" },
    seed: async (db) => {
      await recordSchedulerInstall(db, new Date("2026-07-01T01:00:00.000Z"));
    },
  });
});
afterAll(async () => {
  await h?.close();
});

async function home(user: string): Promise<Json> {
  const calls = await during(() => h.slack.sendAppHomeOpened({ id: user }));
  const publish = calls.find((c) => c.method === "views.publish" && c.args.user_id === user);
  return publish!.args.view as Json;
}

const actionIds = (view: Json) =>
  ((view.blocks as Json[]) ?? []).flatMap((b) => [
    ...((b.elements as Json[] | undefined) ?? []).map((e) => e.action_id),
    ...(b.accessory ? [(b.accessory as Json).action_id] : []),
  ]);

const click = async (user: string, actionId: string, value = "") =>
  lastView(
    await during(() =>
      h.slack.sendAction(
        { id: user },
        { action_id: actionId, value },
        { view: { id: "VHOME", type: "home" } },
      ),
    ),
  );

type Answer = { response_action: string; view?: ViewJson; errors?: Record<string, string> };
const submit = async (
  user: string,
  view: ViewJson,
  values: Parameters<AppHarness["slack"]["sendViewSubmission"]>[2],
) => (await h.slack.sendViewSubmission({ id: user }, view, values)).json as Answer;

/** The view a submission answered with, keeping the modal's id (response_action update keeps it). */
const next = (answer: Answer, was: ViewJson): ViewJson => ({ ...answer.view!, id: was.id });

const RATINGS = [
  "人员,月份,满意,基本满意,不满意",
  `${ORG.taxLeader},2026-07,120,3,0`,
  "林一,2026-07,98,1,1",
  `${ORG.taxStaff2},2026-07,80,0,5`,
].join("\n");

describe("monthly administration in the App Home", () => {
  test("inspection and the director see it; a staff member does not and is refused", async () => {
    const inspector = await home(ORG.inspector1);
    expect(textOf(inspector.blocks)).toContain("*月度管理*（督查科、主任）");
    expect(actionIds(inspector)).toEqual(
      expect.arrayContaining([ADMIN_IMPORT.ratings, ADMIN_IMPORT.attendance, ADMIN_EVALUATE, ADMIN_CLOSE]),
    );
    expect(textOf(inspector.blocks)).toContain("待发送消息 0 条，正在发送 0 条，发送失败 0 条。");
    expect(textOf((await home(ORG.inspector2)).blocks)).toContain("*Monthly administration*");
    const director = await home(ORG.director);
    expect(actionIds(director)).toContain(ADMIN_CLOSE);
    expect(textOf(director.blocks)).toContain("月度结算（主任）");

    const staff = await home(ORG.taxStaff1);
    expect(textOf(staff.blocks)).not.toContain("月度管理");
    expect(actionIds(staff)).not.toContain(ADMIN_IMPORT.ratings);
    // A click (or a forged one) on the button: a polite refusal, no form.
    const refused = await click(ORG.taxStaff1, ADMIN_IMPORT.ratings);
    expect(refused.callback_id).toBeUndefined();
    expect(textOf(refused.blocks)).toContain("抱歉，月度管理只有督查科和中心主任可以使用。");
  });

  test("an inspector uploads the ratings: the dry run shows the rows, Import stores them", async () => {
    const modal = await click(ORG.inspector1, ADMIN_IMPORT.ratings);
    expect(modal.callback_id).toBe("admin_import_modal");
    expect(textOf(modal.title)).toBe("导入评价器数据");
    const input = (modal.blocks ?? []).find((b) => b.block_id === IMPORT_FILE.block);
    expect(input?.element).toMatchObject({ type: "file_input", filetypes: ["csv"], max_files: 1 });

    // No file chosen: said on the field.
    expect(await submit(ORG.inspector1, modal, { [IMPORT_FILE.action]: [] })).toEqual({
      response_action: "errors",
      errors: { [IMPORT_FILE.block]: "请选择一个 CSV 文件。" },
    });

    const fileId = h.standIn.addFile({ name: "评价器-2026-07.csv", bytes: RATINGS, user: ORG.inspector1 });
    const checked = await during(async () => {
      const answer = await submit(ORG.inspector1, modal, { [IMPORT_FILE.action]: [fileId] });
      expect(answer.response_action).toBe("update");
      const report = next(answer, modal);
      expect(textOf(report.blocks)).toContain("文件“评价器-2026-07.csv”共 3 行：可导入 3 行，有问题 0 行。");
      expect(textOf(report.blocks)).toContain("检查通过，尚未写入任何数据。");
      expect(textOf(report.blocks)).toContain("第 3 行：2026-07 林一 98/1/1");
      expect(textOf(report.submit)).toBe("确认导入");
      expect(await h.db.rating.count()).toBe(0); // a dry run writes nothing

      const done = await submit(ORG.inspector1, report, {});
      expect(done.response_action).toBe("update");
      expect(textOf(done.view!.blocks)).toContain("已导入文件“评价器-2026-07.csv”的 3 行。");
    });
    // The bot read the file as Slack requires: files.info, then url_private with its token.
    expect(checked.filter((c) => c.method === "files.info").map((c) => c.args.file)).toEqual([
      fileId,
      fileId,
    ]);
    expect(checked.filter((c) => c.method === "file_download").map((c) => c.args.authorized)).toEqual([
      true,
      true,
    ]);
    const rows = await h.db.rating.findMany({ orderBy: { personId: "asc" } });
    expect(rows.map((r) => [r.personId, r.satisfied, r.basic, r.unsatisfied])).toEqual([
      [ORG.taxLeader, 120, 3, 0],
      [ORG.taxStaff1, 98, 1, 1],
      [ORG.taxStaff2, 80, 0, 5],
    ]);
    const log = await h.db.auditLog.findFirstOrThrow({ where: { action: "ratings.import" } });
    expect([log.actorId, log.entityId]).toEqual([ORG.inspector1, "2026-07"]);
  });

  test("a bad CSV shows every refused row and imports nothing; a file that is not CSV, too big or someone else's is refused", async () => {
    const before = await h.db.rating.count();
    const bad = [
      "人员,月份,满意,基本满意,不满意",
      "张三,2026-07,1,0,0",
      `${ORG.taxStaff1},2026-07,x,0,0`,
    ].join("\n");
    const modal = await click(ORG.inspector2, ADMIN_IMPORT.ratings);
    const fileId = h.standIn.addFile({ name: "ratings.csv", bytes: bad, user: ORG.inspector2 });
    const answer = await submit(ORG.inspector2, modal, { [IMPORT_FILE.action]: [fileId] });
    const report = next(answer, modal);
    const text = textOf(report.blocks);
    expect(text).toContain("“ratings.csv” has 2 rows: 0 can be imported, 2 have problems.");
    expect(text).toContain("Line 2: No person “张三”");
    expect(text).toContain("Line 3: “x” in “satisfied” is not a whole number ≥ 0.");
    expect(text).toContain("nothing was written");
    // The modal asks for the corrected file (and checks it again), no Import button.
    expect(textOf(report.submit)).toBe("Check the file");
    expect((report.blocks ?? []).some((b) => b.block_id === IMPORT_FILE.block)).toBe(true);
    expect(await h.db.rating.count()).toBe(before);

    const refusal = async (f: { name: string; bytes: string | Buffer; user?: string }) => {
      const id = h.standIn.addFile({ user: ORG.inspector1, ...f });
      const m = await click(ORG.inspector1, ADMIN_IMPORT.ratings);
      return textOf(next(await submit(ORG.inspector1, m, { [IMPORT_FILE.action]: [id] }), m).blocks);
    };
    expect(await refusal({ name: "photo.png", bytes: "png" })).toContain("“photo.png”不是 CSV 文件。");
    expect(await refusal({ name: "big.csv", bytes: Buffer.alloc(2 * 1024 * 1024 + 1, 0x41) })).toContain(
      "“big.csv”有 2.0 MB，超过了 2 MB 的上限。",
    );
    expect(await refusal({ name: "theirs.csv", bytes: RATINGS, user: ORG.inspector2 })).toContain(
      "找不到上传的文件",
    );
    expect(await h.db.rating.count()).toBe(before);
  });

  test("the stand-in serves a file only with the bot token, as Slack does (else its sign-in page)", async () => {
    const id = h.standIn.addFile({ name: "a.csv", bytes: "a,b\n1,2\n", user: ORG.inspector1 });
    const url = String(h.standIn.fileInfo(id)!.url_private_download);
    const anonymous = await fetch(url, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toContain("/signin");
    const followed = await fetch(url);
    expect(followed.headers.get("content-type")).toContain("text/html");
    const withToken = await fetch(url, { headers: { authorization: "Bearer xoxb-test" } });
    expect([withToken.status, await withToken.text()]).toEqual([200, "a,b\n1,2\n"]);
  });

  test("a staff member's forged upload writes nothing", async () => {
    const id = h.standIn.addFile({ name: "r.csv", bytes: RATINGS, user: ORG.taxStaff1 });
    const forged: ViewJson = {
      id: "VFORGED",
      type: "modal",
      callback_id: "admin_import_modal",
      private_metadata: JSON.stringify({ k: "ratings", s: "confirm", f: id }),
      blocks: [],
    };
    const before = await h.db.auditLog.count();
    const answer = await submit(ORG.taxStaff1, forged, {});
    expect(textOf(answer.view!.blocks)).toContain("抱歉，月度管理只有督查科和中心主任可以使用。");
    expect(await h.db.auditLog.count()).toBe(before);
  });

  test("attendance: the import proposes records and inspection is asked to review them, in one transaction", async () => {
    const punches = [
      "person,datetime",
      ...[
        ORG.taxLeader,
        ORG.taxStaff1,
        ORG.taxStaff2,
        ORG.hrssLeader,
        ORG.estateLeader,
        ORG.estateStaff1,
      ].flatMap((p) => [
        `${p},2026-07-20 08:20`,
        `${p},2026-07-20 12:01`,
        `${p},2026-07-20 14:00`,
        `${p},2026-07-20 17:31`,
      ]),
      `${ORG.taxStaff1},2026-07-21 08:41`,
      `${ORG.taxStaff1},2026-07-21 12:01`,
    ].join("\n");
    const modal = await click(ORG.inspector1, ADMIN_IMPORT.attendance);
    const id = h.standIn.addFile({ name: "考勤-7月.csv", bytes: punches, user: ORG.inspector1 });
    const report = next(await submit(ORG.inspector1, modal, { [IMPORT_FILE.action]: [id] }), modal);
    expect(textOf(report.blocks)).toContain("2026年7月：判断 2 个工作日");
    expect(await h.db.record.count({ where: { source: "attendance" } })).toBe(0);
    const calls = await during(async () => {
      const done = await submit(ORG.inspector1, report, {});
      expect(textOf(done.view!.blocks)).toContain("已发督查科核对，确认前不计分。");
    });
    const proposed = await h.db.record.count({ where: { source: "attendance", state: "proposed" } });
    expect(proposed).toBeGreaterThan(0);
    const reviews = calls.filter(
      (c) =>
        c.method === "chat.postMessage" && [ORG.inspector1, ORG.inspector2].some((u) => u === c.args.channel),
    );
    expect(reviews.map((c) => c.args.channel).sort()).toEqual([ORG.inspector1, ORG.inspector2]);
    expect(textOf(reviews.find((c) => c.args.channel === ORG.inspector1)!.args.blocks)).toContain("考勤导入");
  });

  test("center evaluations: search a person, enter 0–10, mistakes shown on the field", async () => {
    const modal = await click(ORG.inspector1, ADMIN_EVALUATE);
    expect(modal.callback_id).toBe("admin_evaluate_modal");
    // August 2026: Q2 just ended, Q3 runs.
    const period = (modal.blocks ?? []).find((b) => b.block_id === EVAL_FIELDS.period.block)!.element as Json;
    expect((period.options as Json[]).map((o) => o.value)).toEqual(["2026-Q2", "2026-Q3"]);

    const found = await h.slack.sendOptions({ id: ORG.inspector1 }, EVAL_FIELDS.target.action, "林", {
      view: modal,
    });
    const groups = (
      found.json as { option_groups: { options: { text: { text: string }; value: string }[] }[] }
    ).option_groups;
    expect(groups[0]!.options).toEqual([
      expect.objectContaining({
        value: `person:${ORG.taxStaff1}`,
        text: expect.objectContaining({ text: "林一（税务窗口）" }),
      }),
    ]);
    const none = await h.slack.sendOptions({ id: ORG.taxStaff1 }, EVAL_FIELDS.target.action, "", {
      view: modal,
    });
    expect(none.json).toEqual({ options: [] });

    const values = (target: string, points: string) => ({
      [EVAL_FIELDS.period.action]: "2026-Q2",
      [EVAL_FIELDS.target.action]: target,
      [EVAL_FIELDS.points.action]: points,
    });
    expect(await submit(ORG.inspector1, modal, values(`person:${ORG.taxStaff1}`, "11"))).toEqual({
      response_action: "errors",
      errors: { [EVAL_FIELDS.points.block]: "中心评价分 “11” 不对：应为 0–10 之间、最多两位小数。" },
    });
    expect(await submit(ORG.inspector1, modal, values("window:tax", "9"))).toMatchObject({
      response_action: "errors",
      errors: { [EVAL_FIELDS.target.block]: expect.stringContaining("季度只为人员录入中心评价分") },
    });
    const saved = await submit(ORG.inspector1, modal, values(`person:${ORG.taxStaff1}`, "9.5"));
    expect(saved.response_action).toBe("update");
    const again = next(saved, modal);
    expect(textOf(again.blocks)).toContain("✅ 已保存：林一（税务窗口） 2026年第2季度中心评价分 9.5 分。");
    // The person and points fields are new (cleared) for the next one.
    expect((again.blocks ?? []).map((b) => b.block_id)).toContain(`${EVAL_FIELDS.points.block}_1`);
    const changed = await submit(ORG.inspector1, again, values(`person:${ORG.taxStaff1}`, "8"));
    expect(textOf(changed.view!.blocks)).toContain("中心评价分 8 分（原为 9.5 分）");
    const row = await h.db.centerEvaluation.findFirstOrThrow({ where: { period: "2026-Q2" } });
    expect([row.targetId, row.pointsHundredths, row.enteredBy]).toEqual([ORG.taxStaff1, 800, ORG.inspector1]);
    expect(await h.db.auditLog.count({ where: { action: "evaluation.set", actorId: ORG.inspector1 } })).toBe(
      2,
    );
  });

  test("jobs and the outbox are shown; failed messages are sent again from the Home tab", async () => {
    await h.db.jobRun.create({
      data: {
        job: "close-month",
        period: "2026-06",
        state: "failed",
        owner: "host:1",
        error: 'Error: CLOSE.CHANGED_DURING_CLOSE {"month":"2026-06"}\n    at stack',
      },
    });
    await h.db.outboundMessage.create({
      data: {
        key: "test:failed",
        channel: ORG.channel,
        text: "排名",
        state: "failed",
        error: "not_in_channel",
      },
    });
    const view = await home(ORG.inspector1);
    const text = textOf(view.blocks);
    expect(text).toContain("发送失败 1 条");
    expect(text).toContain(`发给 <#${ORG.channel}> 的消息`);
    expect(text).toContain("not_in_channel");
    expect(text).toContain("❌ 月度结算 2026-06 · 失败");
    expect(text).toContain("结算 2026-06 时有记录发生变化，本次未结算，请重试。");
    expect(text).not.toContain("at stack");
    expect(actionIds(view)).toContain(ADMIN_RETRY);

    // A staff member's forged click changes nothing.
    await h.slack.sendAction(
      { id: ORG.taxStaff1 },
      { action_id: ADMIN_RETRY },
      { view: { id: "VHOME", type: "home" } },
    );
    expect((await h.db.outboundMessage.findUniqueOrThrow({ where: { key: "test:failed" } })).state).toBe(
      "failed",
    );

    const calls = await during(() =>
      h.slack.sendAction(
        { id: ORG.inspector1 },
        { action_id: ADMIN_RETRY },
        { view: { id: "VHOME", type: "home" } },
      ),
    );
    expect(
      calls.some(
        (c) =>
          c.method === "chat.postMessage" &&
          String(c.args.text).includes("已把 1 条失败的消息重新排队发送。"),
      ),
    ).toBe(true);
    const retried = await h.db.auditLog.findFirstOrThrow({ where: { action: "outbox.retry" } });
    expect(retried.actorId).toBe(ORG.inspector1);
    expect(calls.some((c) => c.method === "views.publish" && c.args.user_id === ORG.inspector1)).toBe(true);
  });

  test("closing a month with a note from the Home tab; a reopened month is closed again, corrected", async () => {
    const modal = await click(ORG.inspector1, ADMIN_CLOSE);
    expect(modal.callback_id).toBe("admin_close_modal");
    expect(textOf(modal.blocks)).toContain("2026年7月（未结算）");
    const july = (reason: string) => ({ admin_close_month_pick: "2026-07", admin_close_reason: reason });
    expect(await submit(ORG.inspector1, modal, july(" "))).toEqual({
      response_action: "errors",
      errors: { admin_close_reason: "请填写结算说明（不超过 500 字）。" },
    });
    // A staff member's forged submission is refused.
    const forged = await submit(ORG.taxStaff1, modal, july("x"));
    expect(textOf(forged.view!.blocks)).toContain("月度管理只有督查科和中心主任可以使用");
    expect(await h.db.period.count({ where: { period: "2026-07" } })).toBe(0);

    const calls = await during(async () => {
      const done = await submit(ORG.inspector1, modal, july("评价器数据已导入，提前结算"));
      expect(textOf(done.view!.blocks)).toContain("2026年7月已结算：参评 6 人。");
    });
    const period = await h.db.period.findUniqueOrThrow({ where: { period: "2026-07" } });
    expect([period.state, period.closedBy, period.closings]).toEqual(["closed", ORG.inspector1, 1]);
    const log = await h.db.auditLog.findFirstOrThrow({
      where: { action: "period.close", entityId: "2026-07" },
    });
    expect(JSON.parse(log.after!).reason).toBe("评价器数据已导入，提前结算");
    // The ranking went to the channel through the outbox; the closer's Home tab was shown again.
    expect(calls.some((c) => c.method === "chat.postMessage" && c.args.channel === ORG.channel)).toBe(true);
    expect(calls.some((c) => c.method === "views.publish" && c.args.user_id === ORG.inspector1)).toBe(true);
    expect(textOf((await click(ORG.inspector1, ADMIN_CLOSE)).blocks)).toContain("目前没有可以手动结算的月份");

    // The director reopens it; the Home tabs say it waits to be closed again, and closing it corrects it.
    const reopened = await reopenPeriod(h.ctx, { period: "2026-07", actor: ORG.director, reason: "更正" });
    expect(reopened.ok).toBe(true);
    expect(textOf((await home(ORG.inspector2)).blocks)).toContain("🔓 July 2026 reopened");
    const director = await home(ORG.director);
    const again = ((director.blocks as Json[]) ?? [])
      .map((b) => b.accessory as Json | undefined)
      .find((a) => a?.action_id === ADMIN_CLOSE);
    expect([again?.value, textOf(again?.text)]).toEqual(["2026-07", "再次结算"]);
    const modal2 = await click(ORG.director, ADMIN_CLOSE, "2026-07");
    expect(textOf(modal2.blocks)).toContain("2026年7月（已重新开放，待再次结算）");
    const done = await submit(ORG.director, modal2, july("更正完成"));
    expect(textOf(done.view!.blocks)).toContain("2026年7月已结算（第 2 次，更正）");
    expect((await h.db.period.findUniqueOrThrow({ where: { period: "2026-07" } })).closings).toBe(2);
  });

  test("a slow file: the modal says it is working, then shows the report when it is done", async () => {
    const modal = await click(ORG.inspector1, ADMIN_IMPORT.ratings);
    const august = RATINGS.replaceAll("2026-07", "2026-08");
    const id = h.standIn.addFile({ name: "slow.csv", bytes: august, user: ORG.inspector1 });
    // files.info answers after Slack's 3 seconds would be up.
    h.standIn.failNext("files.info", { delayMs: 2500 });
    const calls = await during(async () => {
      const answer = await submit(ORG.inspector1, modal, { [IMPORT_FILE.action]: [id] });
      expect(textOf(answer.view!.blocks)).toContain("正在读取和检查文件");
    });
    const update = calls.filter((c) => c.method === "views.update").at(-1)!;
    expect(update.args.view_id).toBe(modal.id);
    expect(textOf((update.args.view as Json).blocks)).toContain("检查通过，尚未写入任何数据。");
  });
});
