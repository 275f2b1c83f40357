// /deduct and /bonus end to end: the real app on 127.0.0.1, the Slack stand-in, signed HTTP requests.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { scoreMonthFromDb } from "../../src/services/monthScores.ts";
import { type AppHarness, startAppHarness } from "../helpers/appHarness.ts";
import { ORG } from "../helpers/org.ts";
import type { StandInCall } from "../helpers/slackStandIn.ts";
import { callsDuring, lastView, responses } from "../helpers/slackText.ts";

type Json = Record<string, unknown>;

const inspector = { id: ORG.inspector1, name: "inspector1" };

let h: AppHarness;
const during = (fn: () => Promise<unknown>) => callsDuring(h, fn);

beforeAll(async () => {
  // U0INSPECT2 and U1STAFF2 use Slack in English.
  h = await startAppHarness({ locales: { [ORG.inspector2]: "en-US", [ORG.taxStaff2]: "en-GB" } });
  await h.db.period.create({ data: { period: "2026-06", state: "closed", closedBy: ORG.director } });
});
afterAll(async () => {
  await h?.close();
});

const dmsTo = (calls: StandInCall[], user: string) =>
  calls
    .filter((c) => c.method === "chat.postMessage" && c.args.channel === user)
    .map((c) => String(c.args.text));
const buttons = (message: Json) =>
  ((message.blocks as Json[]) ?? []).filter((b) => b.type === "actions").flatMap((b) => b.elements as Json[]);
const button = (message: Json, actionId: string) => {
  const b = buttons(message).find((e) => e.action_id === actionId);
  if (!b) throw new Error(`no ${actionId} button in ${JSON.stringify(message)}`);
  return b;
};
describe("quick form", () => {
  test("an inspector's deduction shows its linked window item before saving, then files both", async () => {
    const calls = await during(() =>
      h.slack.sendCommand(
        "/deduct",
        `<@${ORG.taxStaff1}|linyi> S-SVC-FIRSTASK 群众反映首问不接待`,
        inspector,
      ),
    );
    const [preview] = responses(calls);
    expect(preview).toBeDefined();
    expect(String(preview!.text)).toContain("S-SVC-FIRSTASK");
    expect(String(preview!.text)).toContain("W-FIRSTASK"); // the linked window item, shown before saving
    expect(String(preview!.text)).toContain("扣 6 分");
    expect(String(preview!.text)).toContain("扣 1 分"); // W-FIRSTASK at the bottom of its 1–3 range
    expect(await h.db.record.count()).toBe(0);

    const confirm = button(preview!, "record_confirm");
    const filed = await during(() =>
      h.slack.sendAction(inspector, { action_id: "record_confirm", value: String(confirm.value) }),
    );
    const rows = await h.db.record.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.code, r.personId, r.windowId, r.totalHundredths, r.source])).toEqual([
      ["S-SVC-FIRSTASK", ORG.taxStaff1, null, 600, "manual"],
      ["W-FIRSTASK", null, "tax", 100, "linked"],
    ]);
    expect(rows[1]!.linkedFromId).toBe(rows[0]!.id);
    expect(rows[0]!.note).toBe("群众反映首问不接待");
    expect(rows[0]!.date).toBe("2026-07-15");

    // The person hears privately, with the rule text; the window leader hears about the window item.
    const [dm] = dmsTo(filed, ORG.taxStaff1);
    expect(dm).toContain("违反首问负责制度");
    expect(dm).toContain("考评办法 三(一)2(2)①");
    expect(dm).toContain("扣 6 分");
    expect(dmsTo(filed, ORG.taxLeader)[0]).toContain("W-FIRSTASK");
    const [confirmation] = responses(filed);
    expect(confirmation!.replace_original).toBe(true);
    expect(button(confirmation!, "record_revoke").value).toBe(String(rows[0]!.id));

    // Buttons cannot be disabled: a second click files nothing.
    const again = await during(() =>
      h.slack.sendAction(inspector, { action_id: "record_confirm", value: String(confirm.value) }),
    );
    expect(await h.db.record.count()).toBe(2);
    expect(String(responses(again)[0]!.text)).toContain("已经提交过");
    expect(await h.db.auditLog.count({ where: { action: "record.file" } })).toBe(2);
  });

  test("a window deduction by window id, with points for a range item", async () => {
    const before = await h.db.record.count();
    const calls = await during(() => h.slack.sendCommand("/deduct", "estate W-SITE 0.5 大厅杂乱", inspector));
    const preview = responses(calls)[0]!;
    await h.slack.sendAction(inspector, {
      action_id: "record_confirm",
      value: String(button(preview, "record_confirm").value),
    });
    const row = await h.db.record.findFirstOrThrow({ where: { code: "W-SITE" } });
    expect([row.windowId, row.pointsHundredths, row.note]).toEqual(["estate", 50, "大厅杂乱"]);
    expect(await h.db.record.count()).toBe(before + 1);
  });

  test.each([
    ["unknown code", `<@${ORG.taxStaff1}> S-NOPE`, "没有代码为“S-NOPE”的考评项目"],
    ["automatic item", `<@${ORG.taxStaff1}> S-EVAL-RATE`, "自动计算"],
    ["points out of range", `<@${ORG.taxStaff1}> S-DIS-IT 9`, "1–8"],
    ["range item without points", `<@${ORG.taxStaff1}> S-DIS-IT`, "请填写分值"],
    ["unknown person", `<@${ORG.outsider}> S-ATT-LATE`, "不是中心在册"],
    ["unknown window", "nowhere W-SITE 1", "没有编号为“nowhere”的窗口"],
    ["closed month", `<@${ORG.taxStaff1}> S-ATT-LATE 2026-06-30`, "2026-06 已结账"],
    ["a bonus item on /deduct", `<@${ORG.taxStaff1}> S-BON-ACTIVITY`, "请用 /bonus"],
    ["no code", `<@${ORG.taxStaff1}>`, "用法"],
  ])("refusal: %s", async (_name, text, expected) => {
    const before = await h.db.record.count();
    const calls = await during(() => h.slack.sendCommand("/deduct", text, inspector));
    const [reply] = responses(calls);
    expect(String(reply!.text)).toContain(expected);
    expect(buttons(reply!)).toEqual([]);
    expect(await h.db.record.count()).toBe(before);
  });

  test("echoed text cannot mention @channel", async () => {
    const calls = await during(() =>
      h.slack.sendCommand(
        "/deduct",
        `<@${ORG.taxStaff1}> S-ATT-LATE 请 <!channel> 注意 <https://x.invalid|点此>`,
        inspector,
      ),
    );
    const text = String(responses(calls)[0]!.text);
    expect(text).not.toContain("<!channel>");
    expect(text).not.toContain("<https://");
    expect(text).toContain("&lt;!channel&gt;");
    // Slack's own escaping of typed text (&amp; &lt; &gt;) is undone before it is stored, and redone when shown.
    const window = await during(() => h.slack.sendCommand("/deduct", "a&amp;b&lt;x&gt; W-SITE 1", inspector));
    expect(String(responses(window)[0]!.text)).toContain("“a&amp;b&lt;x&gt;”");
  });
});

describe("modal", () => {
  test("files through the modal, with catalog options from the external select", async () => {
    const command = await during(() => h.slack.sendCommand("/deduct", "", inspector));
    expect(command.filter((c) => c.method === "views.open")).toHaveLength(1);
    const form = lastView(command);
    expect(form.callback_id).toBe("record_file");

    // Options: search in Chinese and English, deductions only, never automatic items, at most 100.
    const all = await h.slack.sendOptions(inspector, "record_item", "", { view: form });
    const allOptions = (all.json as { options: Array<{ value: string; text: { text: string } }> }).options;
    expect(allOptions.length).toBeGreaterThan(40);
    expect(allOptions.length).toBeLessThanOrEqual(100);
    const values = allOptions.map((o) => o.value);
    expect(values).toContain("S-SVC-FIRSTASK");
    expect(values).not.toContain("S-BON-ACTIVITY");
    expect(values).not.toContain("S-EVAL-RATE");
    const zh = await h.slack.sendOptions(inspector, "record_item", "首问", { view: form });
    expect((zh.json as { options: Array<{ value: string }> }).options.map((o) => o.value)).toEqual([
      "S-SVC-FIRSTASK",
      "W-FIRSTASK",
    ]);
    const en = await h.slack.sendOptions(inspector, "record_item", "uniform", { view: form });
    expect((en.json as { options: Array<{ value: string }> }).options.map((o) => o.value)).toEqual([
      "S-DIS-UNIFORM",
    ]);

    // Choosing the item shows its description and linked window item before saving.
    const chosen = await during(() =>
      h.slack.sendAction(
        inspector,
        {
          action_id: "record_item",
          block_id: "item",
          type: "external_select",
          selected_option: { value: "S-SVC-FIRSTASK", text: { type: "plain_text", text: "S-SVC-FIRSTASK" } },
        },
        { view: form },
      ),
    );
    const withInfo = lastView(chosen);
    const info = (withInfo.blocks ?? []).find((b) => b.block_id === "item_info");
    expect(JSON.stringify(info)).toContain("W-FIRSTASK");
    expect((withInfo.blocks ?? []).some((b) => b.block_id === "linked_points")).toBe(true);

    let res: Awaited<ReturnType<AppHarness["slack"]["sendViewSubmission"]>> | undefined;
    const submitted = await during(async () => {
      res = await h.slack.sendViewSubmission(inspector, withInfo, {
        record_person: ORG.estateStaff1,
        record_item: "S-SVC-FIRSTASK",
        record_points: "",
        record_linked_points: "2",
        record_count: "1",
        record_date: "2026-07-14",
        record_note: "未落实首问",
      });
    });
    expect(res?.status).toBe(200);
    expect(res?.text).toBe(""); // the modal closes
    const rows = await h.db.record.findMany({ where: { date: "2026-07-14" }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.code, r.personId ?? r.windowId, r.pointsHundredths])).toEqual([
      ["S-SVC-FIRSTASK", ORG.estateStaff1, 600],
      ["W-FIRSTASK", "estate", 200], // the filer's pick within 1–3
    ]);
    // The confirmation, with its Revoke button, went back where /deduct was typed (the command's response_url).
    const commandUrl = (JSON.parse(String(form.private_metadata)) as { r: string }).r;
    const [confirmation] = responses(submitted);
    expect(confirmation!.url).toBe(commandUrl);
    expect(button(confirmation!, "record_revoke").value).toBe(String(rows[0]!.id));
    expect(dmsTo(submitted, ORG.estateStaff1)[0]).toContain("未落实首问");
  });

  test("a refused submission shows the error on its field and saves nothing", async () => {
    const form = lastView(await during(() => h.slack.sendCommand("/deduct", "", inspector)));
    const before = await h.db.record.count();
    const res = await h.slack.sendViewSubmission(inspector, form, {
      record_person: ORG.taxStaff1,
      record_item: "S-DIS-IT",
      record_points: "9",
      record_count: "1",
      record_date: "2026-07-14",
    });
    const body = res.json as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe("errors");
    expect(body.errors.points).toContain("1–8");
    const both = await h.slack.sendViewSubmission(inspector, form, {
      record_item: "S-DIS-IT",
      record_points: "2",
      record_count: "1",
      record_date: "2026-07-14",
    });
    expect((both.json as { errors: Record<string, string> }).errors.person).toContain(
      "请选择一名人员或一个窗口",
    );
    expect(await h.db.record.count()).toBe(before);
  });
});

describe("who may file", () => {
  test("a non-inspector is refused politely, in both forms", async () => {
    const before = await h.db.record.count();
    const quick = await during(() =>
      h.slack.sendCommand("/deduct", `<@${ORG.taxStaff2}> S-ATT-LATE`, { id: ORG.taxLeader }),
    );
    expect(String(responses(quick)[0]!.text)).toContain("只有督查科人员");
    const modal = await during(() => h.slack.sendCommand("/bonus", "", { id: ORG.taxLeader }));
    expect(JSON.stringify(lastView(modal).blocks)).toContain("只有督查科人员");
    expect(await h.db.record.count()).toBe(before);
  });

  test("a bad signature is answered 401 and changes nothing", async () => {
    const before = await h.db.record.count();
    const calls = await during(async () => {
      const res = await h.slack.sendCommand("/deduct", `<@${ORG.taxStaff1}> S-ATT-LATE`, inspector, {
        badSignature: true,
      });
      expect(res.status).toBe(401);
    });
    expect(calls).toEqual([]);
    expect(await h.db.record.count()).toBe(before);
  });
});

describe("revoke", () => {
  async function fileQuick(text: string, user = inspector) {
    const preview = responses(await during(() => h.slack.sendCommand("/deduct", text, user)))[0]!;
    const filed = await during(() =>
      h.slack.sendAction(user, {
        action_id: "record_confirm",
        value: String(button(preview, "record_confirm").value),
      }),
    );
    return responses(filed)[0]!;
  }

  test("the filer revokes with a reason; linked records go too and the person is told", async () => {
    const confirmation = await fileQuick(`<@${ORG.taxStaff1}> S-EVAL-NOASK 2026-07-13 未请群众评价`);
    const id = Number(button(confirmation, "record_revoke").value);
    const linked = await h.db.record.findFirstOrThrow({ where: { linkedFromId: id } });
    expect(linked.code).toBe("W-EVAL-NOASK");

    const opened = await during(() =>
      h.slack.sendAction(inspector, { action_id: "record_revoke", value: String(id) }, { isEphemeral: true }),
    );
    const modal = lastView(opened);
    expect(modal.callback_id).toBe("record_revoke");

    const empty = await h.slack.sendViewSubmission(inspector, modal, { record_revoke_reason: "  " });
    expect((empty.json as { errors: Record<string, string> }).errors.reason).toContain("撤销原因");

    const other = await h.slack.sendViewSubmission({ id: ORG.inspector2 }, modal, {
      record_revoke_reason: "搞错了",
    });
    expect((other.json as { errors: Record<string, string> }).errors.reason).toContain(
      `<@${ORG.inspector1}>`,
    );

    const done = await during(() =>
      h.slack.sendViewSubmission(inspector, modal, { record_revoke_reason: "记错了人" }),
    );
    const rows = await h.db.record.findMany({ where: { id: { in: [id, linked.id] } } });
    expect(rows.map((r) => [r.state, r.revokeReason, r.revokedBy])).toEqual([
      ["revoked", "记错了人", ORG.inspector1],
      ["revoked", "记错了人", ORG.inspector1],
    ]);
    expect(dmsTo(done, ORG.taxStaff1)[0]).toContain("已撤销");
    const replaced = responses(done)[0]!;
    expect(replaced.replace_original).toBe(true);
    expect(String(replaced.text)).toContain(`#${id}`);
    expect(await h.db.auditLog.count({ where: { action: "record.revoke" } })).toBe(2);
  });

  test("the director may revoke another's record", async () => {
    const confirmation = await fileQuick(`<@${ORG.estateStaff1}> S-DIS-UNIFORM`);
    const id = Number(button(confirmation, "record_revoke").value);
    const modal = lastView(
      await during(() =>
        h.slack.sendAction({ id: ORG.director }, { action_id: "record_revoke", value: String(id) }),
      ),
    );
    await h.slack.sendViewSubmission({ id: ORG.director }, modal, { record_revoke_reason: "主任复核撤销" });
    expect((await h.db.record.findUniqueOrThrow({ where: { id } })).state).toBe("revoked");
  });
});

describe("leader charge", () => {
  test("a falsified trip: the window leader is told and charged once, from the person's record; revoking takes it away", async () => {
    const leaderTripLines = async () =>
      (await scoreMonthFromDb(h.ctx, "2026-07")).people
        .find((p) => p.id === ORG.taxLeader)!
        .lines.filter((l) => l.code === "S-ATT-FALSETRIP")
        .map((l) => [l.source, l.fromPerson, l.totalHundredths]);
    expect(await leaderTripLines()).toEqual([]);

    const calls = await during(() =>
      h.slack.sendCommand(
        "/deduct",
        `<@${ORG.taxStaff1}> S-ATT-FALSETRIP 2026-07-14 外出登记不实`,
        inspector,
      ),
    );
    const preview = responses(calls)[0]!;
    expect(String(preview.text)).toContain(`窗口负责人连带：<@${ORG.taxLeader}>`); // shown before saving
    expect(String(preview.text)).toContain("扣 2 分");
    const before = await h.db.record.count();
    const filed = await during(() =>
      h.slack.sendAction(inspector, {
        action_id: "record_confirm",
        value: String(button(preview, "record_confirm").value),
      }),
    );

    // Only the person's record is stored; the leader hears of the charge.
    expect(await h.db.record.count()).toBe(before + 1);
    const row = await h.db.record.findFirstOrThrow({ where: { code: "S-ATT-FALSETRIP" } });
    expect([row.personId, row.totalHundredths, row.source]).toEqual([ORG.taxStaff1, 500, "manual"]);
    expect(await h.db.record.count({ where: { personId: ORG.taxLeader } })).toBe(0);
    const [leaderDm] = dmsTo(filed, ORG.taxLeader);
    expect(leaderDm).toContain(
      `<@${ORG.taxStaff1}> 被记录 *外出登记弄虚作假*（S-ATT-FALSETRIP，考评办法 三(一)2(1)⑤）`,
    );
    expect(leaderDm).toContain("连带记录窗口负责人：扣 2 分");
    expect(dmsTo(filed, ORG.taxStaff1)[0]).toContain("扣 5 分");
    const confirmation = responses(filed)[0]!;
    expect(String(confirmation.text)).toContain(`窗口负责人连带：<@${ORG.taxLeader}>`);
    expect(String(confirmation.text)).toContain(`#${row.id}`);

    // Scoring charges the leader exactly once, from the person's record (§4).
    expect(await leaderTripLines()).toEqual([["leader_charge", ORG.taxStaff1, 200]]);

    const modal = lastView(
      await during(() =>
        h.slack.sendAction(
          inspector,
          { action_id: "record_revoke", value: String(row.id) },
          { isEphemeral: true },
        ),
      ),
    );
    const done = await during(() =>
      h.slack.sendViewSubmission(inspector, modal, { record_revoke_reason: "外出登记属实" }),
    );
    expect((await h.db.record.findUniqueOrThrow({ where: { id: row.id } })).state).toBe("revoked");
    expect(dmsTo(done, ORG.taxStaff1)[0]).toContain("已撤销");
    const [revokedDm] = dmsTo(done, ORG.taxLeader);
    expect(revokedDm).toContain(`<@${ORG.taxStaff1}> 的考评记录已撤销`);
    expect(revokedDm).toContain("连带扣分随之取消");
    expect(await leaderTripLines()).toEqual([]);
  });
});

describe("languages", () => {
  test("an English-locale inspector and person get English", async () => {
    const en = { id: ORG.inspector2, name: "inspector2" };
    const calls = await during(() => h.slack.sendCommand("/deduct", `<@${ORG.taxStaff2}> S-DIS-PHONE`, en));
    const preview = responses(calls)[0]!;
    expect(String(preview.text)).toContain("Please confirm");
    expect(String(preview.text)).toContain("−5 points");
    expect(button(preview, "record_confirm").text).toMatchObject({ text: "File it" });
    const filed = await during(() =>
      h.slack.sendAction(en, {
        action_id: "record_confirm",
        value: String(button(preview, "record_confirm").value),
      }),
    );
    const dm = dmsTo(filed, ORG.taxStaff2)[0]!;
    expect(dm).toContain("Evaluation record");
    expect(dm).toContain("Long phone use while serving");
    expect(dm).toContain("长时间看手机"); // the rule's Chinese name alongside
    expect((await h.db.person.findUniqueOrThrow({ where: { id: ORG.taxStaff2 } })).locale).toBe("en-GB");
    const refused = await during(() => h.slack.sendCommand("/deduct", `<@${ORG.taxStaff2}> S-NOPE`, en));
    expect(String(responses(refused)[0]!.text)).toContain("There is no item “S-NOPE”");
  });
});

// Issue #9 findings 1, 2 and 9, as the attack run typed them.
describe("implausible counts, dates and signs are refused; typed text is cleaned", () => {
  /** Sends a quick form; returns the reply text and whether it carried a Confirm button. */
  async function quick(command: string, text: string) {
    const before = await h.db.record.count();
    const calls = await during(() => h.slack.sendCommand(command, text, inspector));
    const reply = responses(calls)[0]!;
    return {
      text: String(reply.text),
      confirmable: buttons(reply).length > 0,
      filed: (await h.db.record.count()) - before,
    };
  }
  /** Sends a quick form and clicks its Confirm; the calls of the click. */
  async function fileConfirmed(command: string, text: string) {
    const calls = await during(() => h.slack.sendCommand(command, text, inspector));
    const value = String(button(responses(calls)[0]!, "record_confirm").value);
    return during(() => h.slack.sendAction(inspector, { action_id: "record_confirm", value }));
  }
  /** Submits the filing modal (count 1, 2026-07-14 unless given); the errors by block. */
  async function modalErrors(command: string, values: Record<string, string>) {
    const form = lastView(await during(() => h.slack.sendCommand(command, "", inspector)));
    const res = await h.slack.sendViewSubmission(inspector, form, {
      record_count: "1",
      record_date: "2026-07-14",
      ...values,
    });
    return (res.json as { errors: Record<string, string> }).errors;
  }

  test("x999999999 is refused with the month's bound; nothing is filed", async () => {
    const r = await quick("/deduct", `<@${ORG.hrssLeader}> S-ATT-LATE x999999999`);
    expect(r).toMatchObject({ confirmable: false, filed: 0 });
    expect(r.text).toContain(
      "迟到早退（S-ATT-LATE）一个月最多记 62次（该月的半天数），本次 999999999次不合常理",
    );
    const errors = await modalErrors("/deduct", {
      record_person: ORG.hrssLeader,
      record_item: "S-ATT-LATE",
      record_count: "999999999",
    });
    expect(errors.count).toContain("一个月最多记 62次");
    expect(await h.db.record.count({ where: { personId: ORG.hrssLeader } })).toBe(0);
  });

  test("half days of 旷工 stay within the month's working half days, counting what is filed already", async () => {
    // July 2026 has 23 working days: 46 half days.
    const first = await quick("/deduct", `<@${ORG.hrssLeader}> S-ATT-ABSENT x47 2026-07-10`);
    expect(first.text).toContain("一个月最多记 46个半天（该月工作日的半天数）");
    await fileConfirmed("/deduct", `<@${ORG.hrssLeader}> S-ATT-ABSENT x40 2026-07-10 连续旷工`);
    expect(await h.db.record.count({ where: { personId: ORG.hrssLeader, code: "S-ATT-ABSENT" } })).toBe(1);
    const more = await quick("/deduct", `<@${ORG.hrssLeader}> S-ATT-ABSENT x7 2026-07-13`);
    expect(more).toMatchObject({ confirmable: false, filed: 0 });
    expect(more.text).toContain("本月已记 40个半天，还可记 6个半天");
    // A month item's range is the most it gives in a month (RULES.md §8).
    await fileConfirmed("/bonus", `<@${ORG.hrssLeader}> S-BON-WORKLOAD 1.5 2026-07-10 加班多`);
    const again = await quick("/bonus", `<@${ORG.hrssLeader}> S-BON-WORKLOAD 1 2026-07-13`);
    expect(again.text).toBe(
      "当月工作量特别大（S-BON-WORKLOAD）每月合计最多 2 分，本月已记 1.5 分，还剩 0.5 分，低于每次最少 1 分，本月不能再记。",
    );
    // The modal says the same at its points field (issue #12: every path that files).
    const modal = await modalErrors("/bonus", {
      record_person: ORG.hrssLeader,
      record_item: "S-BON-WORKLOAD",
      record_points: "1",
      record_date: "2026-07-13",
    });
    expect(modal.points).toContain("每月合计最多 2 分，本月已记 1.5 分");
    expect(await h.db.record.count({ where: { personId: ORG.hrssLeader, code: "S-BON-WORKLOAD" } })).toBe(1);
  });

  test.each([
    [
      "2026-11-31",
      "日期“2026-11-31”不对：请写一个真实的日期，如 2026-07-03、7月3日、7/3、昨天（记录按天，不分上午下午）。",
    ],
    ["2026-02-30", "日期“2026-02-30”不对"],
    ["11月31日", "日期“11月31日”不对"],
    // Issue #10: dates as people type them are read, then checked like any other.
    ["2026/11/20", "日期 2026-11-20 晚于今天（2026-07-15）"],
    ["明天", "日期 2026-07-16 晚于今天（2026-07-15）"],
    ["2026-07-20", "日期 2026-07-20 晚于今天（2026-07-15）"],
    ["2026-06-30", "2026-06 已结账"],
  ])("a date %s is refused, never read as the note", async (date, expected) => {
    const r = await quick("/deduct", `<@${ORG.taxStaff2}> S-ATT-LATE ${date} 迟到`);
    expect(r).toMatchObject({ confirmable: false, filed: 0 });
    expect(r.text).toContain(expected);
  });

  test("a sign on points or a count is refused: the command and the item choose, not the sign", async () => {
    for (const text of [
      `<@${ORG.taxStaff2}> S-BON-WORKLOAD -2`,
      `<@${ORG.taxStaff2}> S-BON-WORKLOAD 2 x-1`,
    ]) {
      const r = await quick("/bonus", text);
      expect(r).toMatchObject({ confirmable: false, filed: 0 });
      expect(r.text).toContain("带了正负号。扣分还是加分由命令（/deduct 扣分，/bonus 加分）和考评项目决定");
    }
    const errors = await modalErrors("/bonus", {
      record_person: ORG.taxStaff2,
      record_item: "S-BON-WORKLOAD",
      record_points: "-2",
    });
    expect(errors.points).toContain("“-2”带了正负号");
    expect(await h.db.record.count({ where: { code: "S-BON-WORKLOAD", personId: ORG.taxStaff2 } })).toBe(0);
  });

  test("NUL, ANSI escapes, bidi overrides and zero-width characters are taken out of notes and reasons", async () => {
    const filed = await fileConfirmed(
      "/deduct",
      `<@${ORG.taxStaff2}> S-DIS-UNIFORM 2026-07-14 未\u0000佩\u001b[31m证\u001b[0m\u202E上岗\u200B &amp; 未穿工作服 👔`,
    );
    const row = await h.db.record.findFirstOrThrow({
      where: { code: "S-DIS-UNIFORM", personId: ORG.taxStaff2 },
    });
    expect(row.note).toBe("未佩证上岗 & 未穿工作服 👔");
    expect(dmsTo(filed, ORG.taxStaff2)[0]).toContain("未佩证上岗 &amp; 未穿工作服 👔");

    const modal = lastView(
      await during(() =>
        h.slack.sendAction(
          inspector,
          { action_id: "record_revoke", value: String(row.id) },
          { isEphemeral: true },
        ),
      ),
    );
    await h.slack.sendViewSubmission(inspector, modal, {
      record_revoke_reason: "登记\u0007错人\u2066 <核实>\u2069",
    });
    expect((await h.db.record.findUniqueOrThrow({ where: { id: row.id } })).revokeReason).toBe(
      "登记错人 <核实>",
    );
  });
});
