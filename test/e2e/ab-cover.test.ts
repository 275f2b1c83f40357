// AB岗 (顶岗补位制度, RULES.md §8) end to end over signed HTTP with the Slack stand-in, in Chinese and
// English: A asks and B is the suggested cover (form and quick form); A and B both away → the window
// leader's step warns and names who else is free; a one-person window's step says the home unit must
// send someone; the App Home shows the coming week's uncovered absence; the scheduler proposes W-AB for
// an absence that started with nobody covering, and inspection confirms it from the message.
// Each test starts its own app and database (no test depends on another).
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createOutboxSender } from "../../src/jobs/outbox.ts";
import { tick } from "../../src/jobs/scheduler.ts";
import { type AppHarness, startAppHarness } from "../helpers/appHarness.ts";
import { ORG, orgFixture, withBackups } from "../helpers/org.ts";
import type { StandInCall } from "../helpers/slackStandIn.ts";
import { callsDuring, lastView, textOf } from "../helpers/slackText.ts";

type Json = Record<string, unknown>;

// Tax (Chinese): 林一 ↔ 王二. Estate (English): 郑三's B is the leader 吴房. Inspector 2 reads English.
const ORG_AB = withBackups(orgFixture(), {
  [ORG.taxStaff1]: ORG.taxStaff2,
  [ORG.taxStaff2]: ORG.taxStaff1,
  [ORG.estateStaff1]: ORG.estateLeader,
});
const LOCALES = { [ORG.estateStaff1]: "en-US", [ORG.estateLeader]: "en-US", [ORG.inspector2]: "en-US" };

let h: AppHarness;
const during = (fn: () => Promise<unknown>) => callsDuring(h, fn);
const posts = (calls: StandInCall[], channel: string) =>
  calls.filter((c) => c.method === "chat.postMessage" && c.args.channel === channel);

beforeEach(async () => {
  // Wednesday 2026-07-15 10:00 in Shanghai.
  h = await startAppHarness({ now: "2026-07-15T02:00:00.000Z", org: ORG_AB, locales: LOCALES });
});
afterEach(async () => {
  await h?.close();
});

/** An approved leave of `who` (what is already on the books before the flow under test). */
const away = (who: string, date: string, coverId: string | null = null) =>
  h.db.request.create({
    data: {
      requesterId: who,
      kind: "personal",
      startDate: date,
      startHalf: "am",
      endDate: date,
      endHalf: "pm",
      halfDays: 2,
      reason: "家中有事",
      state: "approved",
      coverId,
    },
  });

/** The quick form's preview for `user`, then its Submit; returns the preview and what the submit sent. */
async function ask(user: string, text: string) {
  const asked = await during(() => h.slack.sendCommand("/qingjia", text, { id: user }));
  const preview = asked.find((c) => c.method === "response_url")!.args as Json;
  const actions = (preview.blocks as Json[]).find((b) => b.type === "actions");
  const submit = (actions!.elements as Json[])[0]!;
  const sent = await during(() =>
    h.slack.sendAction(
      { id: user },
      { action_id: "req_submit", value: String(submit.value) },
      { isEphemeral: true },
    ),
  );
  const request = await h.db.request.findFirstOrThrow({
    where: { requesterId: user },
    orderBy: { id: "desc" },
  });
  return { preview, sent, request };
}

async function home(user: string): Promise<Json> {
  const calls = await during(() => h.slack.sendAppHomeOpened({ id: user }));
  return calls.find((c) => c.method === "views.publish" && c.args.user_id === user)!.args.view as Json;
}

describe("A asks: B is the suggested cover", () => {
  test("the form is opened with B filled in, and the quick form names B (Chinese)", async () => {
    const opened = await during(() => h.slack.sendCommand("/qingjia", "", { id: ORG.taxStaff1 }));
    const cover = (lastView(opened).blocks as Json[]).find((b) => b.block_id === "req_cover")!;
    expect((cover.element as Json).initial_user).toBe(ORG.taxStaff2);

    const { preview, request } = await ask(ORG.taxStaff1, "事假 2026-07-20 家中有事");
    expect(textOf(preview)).toContain(`顶岗：<@${ORG.taxStaff2}>`);
    expect(request.coverId).toBe(ORG.taxStaff2);
  });

  test("in English; and when B is away then, nobody is filled in and the preview says why", async () => {
    const { preview, request } = await ask(ORG.estateStaff1, "personal 2026-07-20 family matter");
    expect(textOf(preview)).toContain(`Cover: <@${ORG.estateLeader}>`);
    expect(request.coverId).toBe(ORG.estateLeader);

    await away(ORG.taxStaff2, "2026-07-21");
    const second = await ask(ORG.taxStaff1, "事假 2026-07-21 家中有事");
    expect(textOf(second.preview)).toContain("顶岗：未指定（由窗口负责人安排）");
    expect(textOf(second.preview)).toContain(
      `您的 B 岗 <@${ORG.taxStaff2}> 在这段时间也不在岗，顶岗由窗口负责人安排。`,
    );
    expect(second.request.coverId).toBeNull();
  });
});

describe("the window leader's step", () => {
  test("A and B both away: the warning and who else in the window is free (Chinese)", async () => {
    await away(ORG.taxStaff2, "2026-07-20");
    const { sent } = await ask(ORG.taxStaff1, "事假 2026-07-20 2026-07-21 家中有事");
    const [step] = posts(sent, ORG.taxLeader);
    const text = textOf(step!.args.blocks);
    expect(text).toContain(
      `⚠️ *AB岗*：A 岗 <@${ORG.taxStaff1}> 与 B 岗 <@${ORG.taxStaff2}> 在 2026-07-20 全天 均不在岗，请指定熟悉业务的人员顶岗（顶岗补位制度）。`,
    );
    expect(text).toContain(`窗口内这些时段在岗的：<@${ORG.taxLeader}>`);
  });

  test("A and B both away in English, nobody else free; the warning goes once the leader decided", async () => {
    await away(ORG.estateLeader, "2026-07-20");
    const { sent, request } = await ask(ORG.estateStaff1, "personal 2026-07-20 family matter");
    const [step] = posts(sent, ORG.estateLeader);
    const text = textOf(step!.args.blocks);
    expect(text).toContain(
      `⚠️ *AB post*: <@${ORG.estateStaff1}> (A) and their B post <@${ORG.estateLeader}> are both away: 2026-07-20, all day. Name someone who knows the work to cover (cover rule).`,
    );
    expect(text).toContain("Nobody else in the window is at work then: ask the home unit to send someone.");
    // The leader agrees with one click: the decided message drops the warning.
    const opinion = await h.db.approvalStep.findFirstOrThrow({ where: { requestId: request.id, seq: 1 } });
    const reply = (step as { response?: Json }).response!;
    const agreed = await during(() =>
      h.slack.sendAction(
        { id: ORG.estateLeader },
        { action_id: "step_approve", value: String(opinion.id) },
        { channelId: String(reply.channel), message: { ts: String(reply.ts) } },
      ),
    );
    const update = agreed.find((c) => c.method === "chat.update" && c.args.ts === reply.ts);
    expect(textOf(update!.args.blocks)).not.toContain("AB post");
  });

  test("a one-person window: the home unit must send someone (both languages)", async () => {
    const { sent } = await ask(ORG.hrssLeader, "事假 2026-07-20 家中有事");
    // The leader's own request: inspection's step carries it, to each member in their language.
    expect(textOf(posts(sent, ORG.inspector1)[0]!.args.blocks)).toContain(
      `⚠️ *AB岗*：本窗口仅 <@${ORG.hrssLeader}> 一人，请由主管单位派人顶岗（顶岗补位制度）。`,
    );
    expect(textOf(posts(sent, ORG.inspector2)[0]!.args.blocks)).toContain(
      `⚠️ *AB post*: <@${ORG.hrssLeader}> is the window's only person; the home unit must send someone to cover (cover rule).`,
    );
  });
});

describe("uncovered absences in the App Home", () => {
  test("the window leader and inspection see the coming week's; a staff member does not", async () => {
    const none = await away(ORG.taxStaff1, "2026-07-17");
    await away(ORG.estateStaff1, "2026-07-20", ORG.estateLeader);
    await away(ORG.estateLeader, "2026-07-20", ORG.taxStaff2);
    await away(ORG.taxStaff2, "2026-07-29"); // after the coming week
    const leader = textOf((await home(ORG.taxLeader)).blocks);
    expect(leader).toContain("*未落实顶岗的请假（至 2026-07-21）*");
    expect(leader).toContain(`#${none.id} 林一（税务窗口）· 2026-07-17 全天 · 已批准 · 未指定顶岗人`);
    expect(leader).not.toContain("郑三");
    const inspector = textOf((await home(ORG.inspector2)).blocks);
    expect(inspector).toContain("*Absences nobody covers (to 2026-07-21)*");
    expect(inspector).toContain(`cover <@${ORG.estateLeader}> is away too`);
    expect(inspector).toContain("no cover named");
    expect(textOf((await home(ORG.taxStaff2)).blocks)).not.toContain("未落实顶岗");
  });
});

describe("W-AB proposed to inspection", () => {
  test("an absence that started with nobody covering is proposed once and confirmed from the message", async () => {
    const r = await away(ORG.taxStaff1, "2026-07-15");
    const report = await tick({ ctx: h.ctx, owner: "e2e", exportDir: h.exportDir });
    expect(report.abProposals).toBe(1);
    const sender = createOutboxSender(h.db, h.app.app.client, { minIntervalMs: 0 });
    const drained = await during(() => sender.drain());
    const [zh] = posts(drained, ORG.inspector1);
    const [en] = posts(drained, ORG.inspector2);
    expect(zh!.args.text).toBe(
      `拟扣分：违反顶岗补位制度（W-AB），税务窗口 林一 的请假 #${r.id} 开始时无人顶岗`,
    );
    expect(textOf(en!.args.blocks)).toContain(
      `Proposed: cover rule breached (W-AB), 税务窗口, 林一's request #${r.id} started with nobody covering`,
    );
    expect(textOf(en!.args.blocks)).toContain("No cover was named.");
    const record = await h.db.record.findFirstOrThrow({ where: { code: "W-AB" } });
    expect([record.state, record.windowId, record.sourceKey]).toEqual([
      "proposed",
      "tax",
      `ab:request:${r.id}`,
    ]);

    // Inspector 2 (English) confirms from their copy.
    const reply = (en as { response?: Json }).response!;
    const confirmed = await during(() =>
      h.slack.sendAction(
        { id: ORG.inspector2 },
        { action_id: "ab_proposal_confirm", value: String(record.id) },
        {
          channelId: String(reply.channel),
          message: { ts: String(reply.ts), blocks: en!.args.blocks as unknown[] },
        },
      ),
    );
    const replaced = confirmed.find((c) => c.method === "response_url")!.args as Json;
    expect(replaced.replace_original).toBe(true);
    expect(textOf(replaced)).toContain(`Confirmed by <@${ORG.inspector2}>; counts in 2026-07.`);
    expect(JSON.stringify(replaced.blocks)).not.toContain("ab_proposal_confirm");
    const after = await h.db.record.findUniqueOrThrow({ where: { id: record.id } });
    expect([after.state, after.filedBy]).toEqual(["active", ORG.inspector2]);
    // Inspector 1's copy now says who confirmed, in Chinese, buttons gone.
    const zhReply = (zh as { response?: Json }).response!;
    const updated = [...confirmed, ...(await during(() => sender.drain()))].find(
      (c) => c.method === "chat.update" && c.args.ts === zhReply.ts,
    );
    expect(textOf(updated!.args.blocks)).toContain(`<@${ORG.inspector2}> 已确认，计入 2026-07。`);
    expect(JSON.stringify(updated!.args.blocks)).not.toContain("ab_proposal_dismiss");

    // A late Dismiss on the old copy changes nothing and says why; the next tick proposes nothing more.
    const late = await during(() =>
      h.slack.sendAction(
        { id: ORG.inspector1 },
        { action_id: "ab_proposal_dismiss", value: String(record.id) },
        { channelId: String(zhReply.channel), message: { ts: String(zhReply.ts) } },
      ),
    );
    expect(textOf(late.map((c) => c.args))).toContain("这条拟扣分已确认，无需再操作。");
    expect((await h.db.record.findUniqueOrThrow({ where: { id: record.id } })).state).toBe("active");
    expect((await tick({ ctx: h.ctx, owner: "e2e", exportDir: h.exportDir })).abProposals).toBe(0);
  });
});
