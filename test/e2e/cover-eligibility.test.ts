// Issue #9, finding 3: the cover (顶岗, RULES.md §3 五) could be any Slack user, and someone outside the
// center got a DM with a colleague's leave. The cover must be an active person of the center, not the
// requester, and not away on those half days — wherever a cover is named: the leave form (the
// requester suggests), the leader's opinion with a cover, and the leader's "Name cover". End to end:
// the real app on 127.0.0.1, the Slack stand-in, signed HTTP. "Now" is Wednesday 2026-07-15 10:00.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { errorText } from "../../src/slack/i18n/index.ts";
import { type AppHarness, startAppHarness } from "../helpers/appHarness.ts";
import { ORG } from "../helpers/org.ts";
import type { SlackUserRef, ViewJson } from "../helpers/slackHttp.ts";
import type { StandInCall } from "../helpers/slackStandIn.ts";
import { button, callsDuring, lastView, submitQuick } from "../helpers/slackText.ts";

type Json = Record<string, unknown>;

let h: AppHarness;
const during = (fn: () => Promise<unknown>) => callsDuring(h, fn);
let awayId = 0;

beforeAll(async () => {
  h = await startAppHarness({
    // 郑三 left the center (inactive); 王二 is on approved annual leave all of Mon 07-20 … Fri 07-24.
    seed: async (db) => {
      await db.person.update({
        where: { id: ORG.estateStaff1 },
        data: { active: false, leftOn: "2026-07-10" },
      });
      awayId = (
        await db.request.create({
          data: {
            requesterId: ORG.taxStaff2,
            kind: "annual",
            startDate: "2026-07-20",
            startHalf: "am",
            endDate: "2026-07-24",
            endHalf: "pm",
            halfDays: 10,
            reason: "",
            state: "approved",
          },
        })
      ).id;
    },
  });
});
afterAll(async () => {
  await h?.close();
});

const u = (id: string): SlackUserRef => ({ id });

const posts = (calls: StandInCall[], channel: string) =>
  calls.filter((c) => c.method === "chat.postMessage" && c.args.channel === channel);
async function click(user: string, post: StandInCall, actionId: string) {
  const reply = (post as { response?: Json }).response ?? {};
  const b = button(post.args as Json, actionId);
  return during(() =>
    h.slack.sendAction(
      u(user),
      { action_id: actionId, value: String(b.value) },
      { channelId: String(reply.channel), message: { ts: String(reply.ts) } },
    ),
  );
}

const OUTSIDER = "<@U9OUTSIDER> 不是中心在册人员，不能顶岗。请选择中心的工作人员。";
const INACTIVE = `<@${ORG.estateStaff1}> 在中心的人员记录已停用，不能顶岗。`;
const away = () =>
  `<@${ORG.taxStaff2}> 这段时间自己也不在岗（年休假申请 #${awayId}，2026-07-20 上午 至 2026-07-24 下午），不能顶岗。`;

/** The leader's modal refuses the outsider, the one who left and the one away, on its cover field. */
async function refusesOnTheCoverField(modal: ViewJson, more: Record<string, null> = {}) {
  for (const [cover, text] of [
    [ORG.outsider, OUTSIDER],
    [ORG.estateStaff1, INACTIVE],
    [ORG.taxStaff2, away()],
  ] as const) {
    const calls = await during(async () => {
      const res = await h.slack.sendViewSubmission(u(ORG.taxLeader), modal, { cover, ...more });
      expect(res.json, cover).toEqual({ response_action: "errors", errors: { cover: text } });
    });
    expect(posts(calls, cover)).toEqual([]); // nobody outside hears of the leave
  }
}

describe("who may cover", () => {
  test("the leave form: the requester's suggestion must be a person of the center who is there then", async () => {
    const opened = await during(() => h.slack.sendCommand("/qingjia", "", u(ORG.taxStaff1)));
    const form = lastView(opened);
    const submit = (cover: string) =>
      h.slack.sendViewSubmission(u(ORG.taxStaff1), form, {
        req_kind: "personal",
        req_start_date: "2026-07-21",
        req_start_half: "am",
        req_end_date: "2026-07-21",
        req_end_half: "pm",
        req_reason: "家中有事",
        req_cover: cover,
      });
    for (const [cover, text] of [
      [ORG.outsider, OUTSIDER],
      [ORG.estateStaff1, INACTIVE],
      [ORG.taxStaff2, away()],
      [ORG.taxStaff1, "顶岗人不能是申请人本人。"],
    ] as const) {
      const res = await submit(cover);
      expect(res.json, cover).toEqual({ response_action: "errors", errors: { req_cover: text } });
    }
    // Someone of the center who is there then: the preview is pushed (nothing written before Submit).
    expect((await submit(ORG.taxLeader)).json).toMatchObject({ response_action: "push" });
    expect(await h.db.request.count({ where: { requesterId: ORG.taxStaff1 } })).toBe(0);
  });

  test("the leader's opinion with a cover refuses the same people on the cover field", async () => {
    const { request, sent } = await submitQuick(h, ORG.taxStaff1, "事假 2026-07-22am 看牙");
    const [toLeader] = posts(sent, ORG.taxLeader);
    const modal = lastView(await click(ORG.taxLeader, toLeader!, "step_approve_note"));
    expect(modal.callback_id).toBe("step_approve_modal");
    await refusesOnTheCoverField(modal, { note: null });
    const after = await h.db.request.findUniqueOrThrow({
      where: { id: request.id },
      include: { steps: true },
    });
    expect([after.state, after.coverId, after.steps.map((s) => s.state).sort()]).toEqual([
      "pending",
      null,
      ["pending", "waiting"],
    ]);
    expect(await h.db.auditLog.count({ where: { action: { in: ["step.approve", "request.cover"] } } })).toBe(
      0,
    );

    // Another window's leader, at the center and there that morning, may cover.
    const res = await h.slack.sendViewSubmission(u(ORG.taxLeader), modal, {
      cover: ORG.hrssLeader,
      note: null,
    });
    expect(res.json).toEqual({ response_action: "clear" });
    expect((await h.db.request.findUniqueOrThrow({ where: { id: request.id } })).coverId).toBe(
      ORG.hrssLeader,
    );
  });

  test("the leader's Name cover: refused on the picker; nothing written", async () => {
    const { request } = await submitQuick(h, ORG.taxStaff1, "事假 2026-07-23 2026-07-23 家中有事");
    const opened = await during(() =>
      h.slack.sendAction(u(ORG.taxLeader), { action_id: "cover_name", value: String(request.id) }),
    );
    const modal = lastView(opened);
    expect(modal.callback_id).toBe("cover_name_modal");
    await refusesOnTheCoverField(modal);
    expect((await h.db.request.findUniqueOrThrow({ where: { id: request.id } })).coverId).toBeNull();
    expect(await h.db.auditLog.count({ where: { action: "request.cover" } })).toBe(1); // the previous test's

    const res = await h.slack.sendViewSubmission(u(ORG.taxLeader), modal, { cover: ORG.estateLeader });
    expect(res.json).toEqual({ response_action: "clear" });
    expect((await h.db.request.findUniqueOrThrow({ where: { id: request.id } })).coverId).toBe(
      ORG.estateLeader,
    );
  });

  test("the refusals read in English too", () => {
    expect(errorText("en", { code: "COVER.NOT_IN_CENTER", detail: { coverId: ORG.outsider } })).toBe(
      "<@U9OUTSIDER> is not on the center's staff list and cannot cover. Choose someone who works at the center.",
    );
    expect(errorText("en", { code: "COVER.INACTIVE", detail: { coverId: ORG.estateStaff1 } })).toBe(
      `<@${ORG.estateStaff1}> is no longer active at the center and cannot cover.`,
    );
    const detail = {
      coverId: ORG.taxStaff2,
      requestId: awayId,
      kind: "annual",
      start: { date: "2026-07-20", half: "am" },
      end: { date: "2026-07-24", half: "pm" },
    };
    expect(errorText("en", { code: "COVER.AWAY", detail })).toBe(
      `<@${ORG.taxStaff2}> is away then too (annual leave request #${awayId}, 2026-07-20 morning to 2026-07-24 afternoon) and cannot cover.`,
    );
  });
});
