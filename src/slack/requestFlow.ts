// What Slack shows after a request changes (RULES.md §3): the requester's status message (updated in
// place), a message per active step to whoever decides it (inspection steps to every member; the
// first to act decides and the others' copies update in place), filing notices, outcomes, and the
// cover and the window leader told. The database is already written when these run: a Slack failure
// is logged and never undoes or repeats a decision.
import { type Logger, webApi } from "@slack/bolt";
import { monthOf, shanghaiDate } from "../domain/dates.ts";
import type { RequestKind } from "../domain/routing.ts";
import type { DecideOutcome, RequestRow, StepRow, WithdrawOutcome } from "../services/approvals.ts";
import { isDirector } from "../services/closeMonth.ts";
import type { ServiceContext } from "../services/context.ts";
import { monthResult } from "../services/monthScores.ts";
import { recentMonthStates } from "../services/monthStates.ts";
import { inspectionMembers } from "../services/org.ts";
import {
  countWaitingFor,
  getRequestDetail,
  listMyRequests,
  listWaitingFor,
  recordStepMessage,
  setStatusMessage,
  stepMessages,
} from "../services/requestQueries.ts";
import type { SubmitOutcome } from "../services/requests.ts";
import { type StepView, stepMessageBlocks, stepTitle } from "./blocks/approvals.ts";
import { escapeSlackText } from "./blocks/escape.ts";
import { type HomeData, homeView, scoreLines } from "./blocks/home.ts";
import { directorCloseBlocks } from "./blocks/reopen.ts";
import {
  type ModalView,
  mention,
  type PersonRef,
  personText,
  requestFormView,
  requestPeriod,
  statusBlocks,
  statusText,
} from "./blocks/requests.ts";
import { type Lang, t } from "./i18n/index.ts";
import { userLang } from "./i18n/locale.ts";

export interface FlowDeps {
  client: webApi.WebClient;
  ctx: ServiceContext;
  logger: Logger;
}

const langOfUser = (d: FlowDeps, userId: string): Promise<Lang> => userLang(d.client, d.ctx.db, userId);

/** The requester and their window (shown as "<@U…>（税务窗口）"; Slack renders the mention as the name). */
export async function requesterLabel(d: FlowDeps, r: RequestRow): Promise<PersonRef> {
  const person = await d.ctx.db.person.findUnique({
    where: { id: r.requesterId },
    include: { window: true },
  });
  return { id: r.requesterId, window: person?.window?.name ?? null };
}

// A listener's Slack call answered 429 is tried again after Retry-After, a bounded number of times:
// the WebClient neither retries nor waits (src/slack/app.ts slackClientOptions), and without this a
// step or status message stayed stale whenever a burst of decisions met chat.update's Tier 3 limit
// (found by the strict stand-in). The ack was sent already, so waiting costs the user nothing.
const RATE_LIMIT_TRIES = 3;
const RATE_LIMIT_MAX_WAIT_S = 30;

/** Runs `fn`, again after Slack's Retry-After when it was rate-limited (at most RATE_LIMIT_TRIES). */
export async function honouringRetryAfter<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const limited = e as { code?: string; retryAfter?: number };
      const wait = limited.retryAfter ?? 1;
      if (
        limited.code !== webApi.ErrorCode.RateLimitedError ||
        attempt >= RATE_LIMIT_TRIES ||
        wait > RATE_LIMIT_MAX_WAIT_S
      )
        throw e;
      await new Promise((r) => setTimeout(r, wait * 1000));
    }
  }
}

async function safely(d: FlowDeps, what: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    await honouringRetryAfter(fn);
  } catch (e) {
    d.logger.warn(`requests: ${what} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function dm(d: FlowDeps, userId: string, text: string): Promise<void> {
  await safely(d, `DM to ${userId}`, () => d.client.chat.postMessage({ channel: userId, text }));
}

export async function stepView(d: FlowDeps, stepId: number): Promise<StepView | null> {
  const step = await d.ctx.db.approvalStep.findUnique({ where: { id: stepId } });
  if (!step) return null;
  const request = await getRequestDetail(d.ctx.db, step.requestId);
  if (!request) return null;
  return { request, steps: request.steps, step, requester: await requesterLabel(d, request) };
}

/** Who gets a step's decision message: its assignee, or every inspection member (never the requester). */
async function recipients(d: FlowDeps, step: StepRow, request: RequestRow): Promise<string[]> {
  const ids = step.assigneeId ? [step.assigneeId] : await inspectionMembers(d.ctx.db);
  return ids.filter((id) => id !== request.requesterId);
}

export async function postStepMessages(d: FlowDeps, steps: readonly StepRow[]): Promise<void> {
  await all(
    steps.map(async (s) => {
      const v = await stepView(d, s.id);
      if (!v) return;
      await all(
        (await recipients(d, v.step, v.request)).map((userId) =>
          safely(d, `step ${s.id} message to ${userId}`, async () => {
            const lang = await langOfUser(d, userId);
            const res = await d.client.chat.postMessage({
              channel: userId,
              text: stepTitle(lang, v),
              blocks: stepMessageBlocks(lang, v),
            });
            if (res.channel && res.ts) {
              await recordStepMessage(d.ctx.db, { stepId: s.id, channelId: res.channel, ts: res.ts, userId });
            }
          }),
        ),
      );
    }),
  );
}

/** Every copy of these steps' messages shows the step's current state (buttons gone once decided). */
export async function updateStepMessages(d: FlowDeps, stepIds: readonly number[]): Promise<void> {
  const messages = await stepMessages(d.ctx.db, stepIds);
  const views = new Map<number, StepView | null>();
  for (const id of new Set(messages.map((m) => m.stepId))) views.set(id, await stepView(d, id));
  await all(
    messages.map((m) =>
      safely(d, `update of step ${m.stepId} message`, async () => {
        const v = views.get(m.stepId);
        if (!v) return;
        const lang = m.userId ? await langOfUser(d, m.userId) : "zh";
        await d.client.chat.update({
          channel: m.channelId,
          ts: m.ts,
          text: stepTitle(lang, v),
          blocks: stepMessageBlocks(lang, v),
        });
      }),
    ),
  );
}

/** The requester's status message: posted once, then updated in place. */
export async function postStatus(d: FlowDeps, requestId: number): Promise<void> {
  const r = await getRequestDetail(d.ctx.db, requestId);
  if (!r) return;
  await safely(d, `status of request ${requestId}`, async () => {
    const lang = await langOfUser(d, r.requesterId);
    const res = await d.client.chat.postMessage({
      channel: r.requesterId,
      text: statusText(lang, r),
      blocks: statusBlocks(lang, r, r.steps),
    });
    if (res.channel && res.ts) await setStatusMessage(d.ctx.db, r.id, res.channel, res.ts);
  });
}

export async function refreshStatus(d: FlowDeps, requestId: number): Promise<void> {
  const r = await getRequestDetail(d.ctx.db, requestId);
  if (!r?.statusChannelId || !r.statusTs) return;
  const channel = r.statusChannelId;
  const ts = r.statusTs;
  await safely(d, `status update of request ${requestId}`, async () => {
    const lang = await langOfUser(d, r.requesterId);
    await d.client.chat.update({
      channel,
      ts,
      text: statusText(lang, r),
      blocks: statusBlocks(lang, r, r.steps),
    });
  });
}

/** `file` steps need no decision: inspection members are informed (§3 filing-only). */
async function informFiled(d: FlowDeps, request: RequestRow, filed: readonly StepRow[]): Promise<void> {
  if (filed.length === 0) return;
  const requester = await requesterLabel(d, request);
  const members = (await inspectionMembers(d.ctx.db)).filter((id) => id !== request.requesterId);
  await all(
    members.map(async (userId) => {
      const lang = await langOfUser(d, userId);
      const period = requestPeriod(lang, request);
      await dm(
        d,
        userId,
        t(lang, "req.step.filed_info", {
          requester: personText(lang, requester),
          kind: request.kind,
          id: request.id,
          period,
        }),
      );
    }),
  );
}

async function windowLeaderOf(d: FlowDeps, requesterId: string): Promise<string | null> {
  const person = await d.ctx.db.person.findUnique({ where: { id: requesterId }, include: { window: true } });
  const leader = person?.window?.leaderId ?? null;
  return leader && leader !== requesterId ? leader : null;
}

/** Approved: the requester, the cover and the window leader are told (§3 五: cover is the leader's to arrange). */
async function announceApproved(d: FlowDeps, request: RequestRow): Promise<void> {
  const requester = await requesterLabel(d, request);
  const leader = await windowLeaderOf(d, request.requesterId);
  const tellOne = async (userId: string, message: (l: Lang) => string) =>
    dm(d, userId, message(await langOfUser(d, userId)));
  await all([
    tellOne(request.requesterId, (l) =>
      t(l, "req.notify.approved", { kind: request.kind, id: request.id, period: requestPeriod(l, request) }),
    ),
    request.coverId
      ? tellOne(request.coverId, (l) =>
          t(l, "req.notify.cover", {
            requester: personText(l, requester),
            kind: request.kind,
            period: requestPeriod(l, request),
          }),
        )
      : null,
    leader && leader !== request.coverId
      ? tellOne(leader, (l) =>
          t(l, "req.notify.leader_approved", {
            requester: personText(l, requester),
            kind: request.kind,
            period: requestPeriod(l, request),
            cover: request.coverId ? mention(request.coverId) : t(l, "req.notify.no_cover"),
          }),
        )
      : null,
  ]);
}

/** Runs independent Slack calls together: the HTTP answer waits for them (3-second budget). */
async function all(work: readonly (Promise<unknown> | null)[]): Promise<void> {
  await Promise.all(work);
}

export async function afterSubmit(d: FlowDeps, s: SubmitOutcome): Promise<void> {
  // A staff chain without the leader's opinion (sick leave): the leader still arranges cover (§3 二).
  const tellLeader = async () => {
    if (s.preview.role !== "staff" || s.steps.some((x) => x.approver === "window_leader")) return;
    const leader = await windowLeaderOf(d, s.request.requesterId);
    if (!leader) return;
    const l = await langOfUser(d, leader);
    const requester = await requesterLabel(d, s.request);
    await dm(
      d,
      leader,
      t(l, "req.notify.leader_arrange", {
        requester: personText(l, requester),
        kind: s.request.kind,
        id: s.request.id,
        period: requestPeriod(l, s.request),
      }),
    );
  };
  await all([
    postStatus(d, s.request.id),
    postStepMessages(d, s.activated),
    informFiled(d, s.request, s.filed),
    tellLeader(),
    s.final === "approved" ? announceApproved(d, s.request) : null,
  ]);
}

export async function afterDecision(d: FlowDeps, o: DecideOutcome): Promise<void> {
  const tellCover = async (to: string) => {
    const l = await langOfUser(d, to);
    const requester = await requesterLabel(d, o.request);
    await dm(
      d,
      to,
      t(l, "req.notify.cover_named", {
        leader: mention(o.step.decidedBy ?? ""),
        requester: personText(l, requester),
        period: requestPeriod(l, o.request),
      }),
    );
  };
  const tellRejected = async () => {
    const lang = await langOfUser(d, o.request.requesterId);
    await dm(
      d,
      o.request.requesterId,
      t(lang, "req.notify.rejected", {
        kind: o.request.kind,
        id: o.request.id,
        period: requestPeriod(lang, o.request),
        who: mention(o.step.decidedBy ?? ""),
        note: escapeSlackText(o.step.note ?? ""),
      }),
    );
  };
  await all([
    updateStepMessages(d, [o.step.id, ...o.cancelled.map((s) => s.id)]),
    postStepMessages(d, o.activated),
    informFiled(d, o.request, o.filed),
    refreshStatus(d, o.request.id),
    o.coverChanged && o.final !== "approved" ? tellCover(o.coverChanged.to) : null,
    o.final === "approved" ? announceApproved(d, o.request) : null,
    o.final === "rejected" ? tellRejected() : null,
  ]);
}

export async function afterWithdraw(d: FlowDeps, o: WithdrawOutcome): Promise<void> {
  await all([
    updateStepMessages(
      d,
      o.cancelled.map((s) => s.id),
    ),
    refreshStatus(d, o.request.id),
  ]);
}

// A stale click's re-render, per database and step: running now, or when the last one finished. A
// burst of stale clicks (a double click, several approvers at once, retried deliveries) shares one
// re-render instead of one chat.update per click and copy: chat.update is Tier 3 (50 a minute,
// docs.slack.dev/reference/methods/chat.update), and a burst of refreshes got the decision's own
// update refused with 429 (found by the strict stand-in). A re-render that finished within the last
// few seconds already shows what the click found (the step decided or no longer active).
const REFRESH_QUIET_MS = 10_000;
const refreshes = new WeakMap<object, Map<number, { running?: Promise<void>; doneAt?: number }>>();

/** Re-renders a step message that a stale click came from (in case it still showed buttons). */
export async function refreshStepMessage(d: FlowDeps, stepId: number): Promise<void> {
  let byStep = refreshes.get(d.ctx.db);
  if (!byStep) {
    byStep = new Map();
    refreshes.set(d.ctx.db, byStep);
  }
  const last = byStep.get(stepId) ?? {};
  if (last.running) return last.running;
  if (last.doneAt !== undefined && performance.now() - last.doneAt < REFRESH_QUIET_MS) return;
  const steps = byStep;
  const running = updateStepMessages(d, [stepId]).finally(() =>
    steps.set(stepId, { doneAt: performance.now() }),
  );
  steps.set(stepId, { running });
  return running;
}

// ---------------------------------------------------------------------------------------------
// Modals, App Home, score.

/** A placeholder modal opened at once (a trigger_id lives 3 s), replaced by views.update once built. */
export function loadingView(title = "⏳"): ModalView {
  return {
    type: "modal",
    title: { type: "plain_text", text: title },
    close: { type: "plain_text", text: "✕" },
    blocks: [
      {
        type: "section",
        text: { type: "plain_text", text: `${t("zh", "common.loading")} / ${t("en", "common.loading")}` },
      },
    ],
  };
}

/** Opens the loading modal and returns its id (null when Slack refused, e.g. an expired trigger). */
export async function openLoading(d: FlowDeps, triggerId: string): Promise<string | null> {
  try {
    const res = await d.client.views.open({ trigger_id: triggerId, view: loadingView() });
    return res.view?.id ?? null;
  } catch (e) {
    d.logger.warn(`requests: views.open failed: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}

export async function replaceView(d: FlowDeps, viewId: string, view: ModalView): Promise<void> {
  await safely(d, "views.update", () => d.client.views.update({ view_id: viewId, view }));
}

/** The request form: opened first (trigger), filled in once the user's language is known. */
export async function openRequestForm(
  d: FlowDeps,
  triggerId: string,
  userId: string,
  kind: RequestKind,
): Promise<void> {
  const viewId = await openLoading(d, triggerId);
  if (!viewId) return;
  const lang = await langOfUser(d, userId);
  await replaceView(d, viewId, requestFormView(lang, { kind }, shanghaiDate(d.ctx.clock.now())));
}

/** Month so far for the person (RULES.md §4): null when the month cannot be scored now. */
export async function monthScoreLines(d: FlowDeps, lang: Lang, personId: string): Promise<string[] | null> {
  const month = monthOf(shanghaiDate(d.ctx.clock.now()));
  try {
    const result = await monthResult(d.ctx, month);
    return scoreLines(
      lang,
      month,
      result.headCount,
      result.people.find((p) => p.id === personId),
    );
  } catch (e) {
    d.logger.warn(`requests: month score failed: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}

const HOME_MINE_LIMIT = 10;
// Two blocks each: no more than this fits in the Home tab's 100 blocks (blocks/home.ts counts the rest).
const HOME_WAITING_LIMIT = 48;

export async function publishHome(d: FlowDeps, userId: string): Promise<void> {
  const lang = await langOfUser(d, userId);
  const [mine, waitingSteps, waitingTotal] = await Promise.all([
    listMyRequests(d.ctx.db, userId, HOME_MINE_LIMIT),
    listWaitingFor(d.ctx.db, userId, HOME_WAITING_LIMIT),
    countWaitingFor(d.ctx.db, userId),
  ]);
  const waiting: HomeData["waiting"] = [];
  for (const s of waitingSteps) waiting.push({ ...s, requester: await requesterLabel(d, s.request) });
  const isPerson = (await d.ctx.db.person.count({ where: { id: userId } })) > 0;
  // Someone not evaluated (the director, an inspector) is told so, not that scores are unavailable.
  const lines = isPerson ? await monthScoreLines(d, lang, userId) : [t(lang, "req.score.not_person")];
  const month = monthOf(shanghaiDate(d.ctx.clock.now()));
  // The director may reopen a closed month for a correction (RULES.md §4(4)).
  const director = (await isDirector(d.ctx, userId))
    ? directorCloseBlocks(lang, await recentMonthStates(d.ctx.db))
    : undefined;
  await safely(d, `home of ${userId}`, () =>
    d.client.views.publish({
      user_id: userId,
      view: homeView(lang, {
        mine,
        waiting,
        waitingTotal,
        mineLimit: HOME_MINE_LIMIT,
        score: lines ? { month, lines } : null,
        ...(director ? { director } : {}),
      }),
    }),
  );
}

/**
 * A short answer only the clicking user sees: ephemeral through the response_url for messages; a DM
 * for clicks in the App Home or a modal (they have no response_url).
 */
export async function tell(
  d: FlowDeps,
  userId: string,
  text: string,
  respond?: (m: { text: string; response_type: "ephemeral"; replace_original: false }) => Promise<unknown>,
): Promise<void> {
  if (respond) {
    await safely(d, "respond", () => respond({ text, response_type: "ephemeral", replace_original: false }));
    return;
  }
  await dm(d, userId, text);
}
