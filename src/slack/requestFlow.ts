// What Slack shows after a request changes (RULES.md §3): the requester's status message (updated in
// place), a message per active step to whoever decides it (inspection steps to every member; the
// first to act decides and the others' copies update in place), filing notices, outcomes, and the
// cover and the window leader told. All of it is queued in the outbox inside the transaction that
// makes the change (the services' notify port, src/services/notify.ts): it commits with the change,
// and the outbox sender delivers it, in order per person, retried until Slack takes it (src/jobs/outbox.ts).
// A late or failed ack skips nothing. Languages come from the database only (src/slack/i18n/locale.ts).
import { type Logger, webApi } from "@slack/bolt";
import type { Db } from "../db/client.ts";
import { type OrgSnapshot, orgSnapshot, snapshotLocale } from "../db/orgCache.ts";
import { monthOf, shanghaiDate } from "../domain/dates.ts";
import type { RequestKind } from "../domain/routing.ts";
import {
  type DbTx,
  enqueue,
  enqueueMany,
  knownRefs,
  type OutboundInput,
  wakeOutbox,
} from "../jobs/outbox.ts";
import { abStepNote, suggestedCover } from "../services/abCover.ts";
import { recordsUnderAppeal } from "../services/appeals.ts";
import type { DecideOutcome, RequestRow, StepRow, WithdrawOutcome } from "../services/approvals.ts";
import { listAttachments } from "../services/attachments.ts";
import { isDirector } from "../services/closeMonth.ts";
import type { ServiceContext } from "../services/context.ts";
import { storedLocale } from "../services/locales.ts";
import { monthResult } from "../services/monthScores.ts";
import { recentMonthStates } from "../services/monthStates.ts";
import { type Notify, queueApart } from "../services/notify.ts";
import { inspectionMembers } from "../services/org.ts";
import { isPerson, personWindow } from "../services/orgLookups.ts";
import { requestFacts } from "../services/requestFacts.ts";
import {
  countWaitingFor,
  getRequestDetail,
  getStep,
  listMyRequests,
  listWaitingFor,
  namedCover,
} from "../services/requestQueries.ts";
import type { SubmitOutcome } from "../services/requests.ts";
import { abHomeSection } from "./abFlow.ts";
import { adminHomeSection } from "./adminFlow.ts";
import { appealSection } from "./appealFlow.ts";
import { type StepView, stepMessageBlocks, stepTitle } from "./blocks/approvals.ts";
import { coverAskMessage } from "./blocks/cover.ts";
import { escapeSlackText } from "./blocks/escape.ts";
import { type HomeData, homeView, scoreLines } from "./blocks/home.ts";
import { directorCloseBlocks } from "./blocks/reopen.ts";
import {
  type ModalView,
  mention,
  type PersonRef,
  personText,
  rejectedMessage,
  requestFormView,
  requestPeriod,
  statusBlocks,
  statusText,
} from "./blocks/requests.ts";
import { type Lang, langOf, t } from "./i18n/index.ts";
import { userLang } from "./i18n/locale.ts";
import { meetingHomeSection } from "./meetingFlow.ts";
import { queueShortened } from "./sickFlow.ts";

export interface FlowDeps {
  client: webApi.WebClient;
  ctx: ServiceContext;
  logger: Logger;
}

const langOfUser = (d: FlowDeps, userId: string): Promise<Lang> => userLang(d.client, d.ctx.db, userId);

/**
 * What one notify call reads, read once (issue #11: a decision used to read its request, steps, requester
 * and locales again for every message). A notify runs after its change's writes and only adds outbox rows,
 * so what it read stays true until it returns; a new Reads per call.
 */
interface Reads {
  /** The application's client: the org snapshot is its (src/db/orgCache.ts). */
  root: Db;
  memo: Map<string, Promise<unknown>>;
  /** The messages the notify queues, in order, stored together by `flush` (one INSERT, issue #11). */
  out: OutboundInput[];
}

const newReads = (root: Db): Reads => ({ root, memo: new Map(), out: [] });

/** Queues `m`: kept for the notify's `flush` when there is one, else stored now. */
async function put(tx: DbTx, reads: Reads | undefined, m: OutboundInput): Promise<void> {
  if (reads) reads.out.push(m);
  else await enqueue(tx, m);
}

/** Stores the messages kept so far, in their order (outbox.ts enqueueMany: as many enqueues in turn). */
async function flush(tx: DbTx, reads: Reads): Promise<void> {
  await enqueueMany(tx, reads.out.splice(0));
}

function once<T>(reads: Reads | undefined, key: string, read: () => Promise<T>): Promise<T> {
  if (!reads) return read();
  let p = reads.memo.get(key) as Promise<T> | undefined;
  if (!p) {
    p = read();
    reads.memo.set(key, p);
  }
  return p;
}

/** The organisation from memory (people, windows, roles, locales), taken once per notify; null: query. */
const orgOf = (reads?: Reads): Promise<OrgSnapshot | null> =>
  reads ? once(reads, "org", () => orgSnapshot(reads.root) ?? Promise.resolve(null)) : Promise.resolve(null);

/** A recipient's language inside a transaction: the stored Slack locale, Chinese when none is stored. */
export async function langIn(tx: DbTx, userId: string, reads?: Reads): Promise<Lang> {
  const org = await orgOf(reads);
  if (org) return langOf(snapshotLocale(org, userId));
  return once(reads, `lang:${userId}`, async () => langOf(await storedLocale(tx, userId)));
}

/** The requester and their window (shown as "<@U…>（税务窗口）"; Slack renders the mention as the name). */
export async function requesterLabel(db: DbTx, r: RequestRow, reads?: Reads): Promise<PersonRef> {
  const window = await windowOf(db, r.requesterId, reads);
  return { id: r.requesterId, window: window?.name ?? null };
}

/** The person's window: its name and its leader. */
async function windowOf(
  db: DbTx,
  id: string,
  reads?: Reads,
): Promise<{ name: string | null; leaderId: string | null } | null> {
  const org = await orgOf(reads);
  if (org) {
    const p = org.people.get(id);
    return p ? { name: p.windowName, leaderId: p.windowLeaderId } : null;
  }
  return personWindow(db, id);
}

const detailOf = (db: DbTx, requestId: number, reads?: Reads) =>
  once(reads, `request:${requestId}`, () => getRequestDetail(db, requestId));

// A listener's own Slack call (a modal, the App Home, the private reply to the clicker) answered 429
// is tried again after Retry-After, a bounded number of times: the WebClient neither retries nor waits
// (src/slack/app.ts slackClientOptions). Messages to other people go through the outbox, which retries.
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

/** What rendering reads besides the database: the calendar and settings (days, scoring, §3, §4). */
type RenderCtx = Pick<ServiceContext, "calendar" | "settings">;

/** `requestId`, when known, spares reading the step alone: it is one of its request's steps. */
async function stepViewIn(
  db: DbTx,
  ctx: RenderCtx,
  stepId: number,
  reads?: Reads,
  requestId?: number,
): Promise<StepView | null> {
  const known = requestId === undefined ? undefined : await detailOf(db, requestId, reads);
  const step = known?.steps.find((s) => s.id === stepId) ?? (await getStep(db, stepId));
  if (!step) return null;
  const request = known?.id === step.requestId ? known : await detailOf(db, step.requestId, reads);
  if (!request) return null;
  return {
    request,
    steps: request.steps,
    step,
    requester: await requesterLabel(db, request, reads),
    facts: await once(reads, `facts:${request.id}`, () => requestFacts(db, ctx, request)),
    // AB岗 (RULES.md §8): the window leader is told at their step when A and B are both away, or that a
    // one-person window's home unit sends cover; a chain without the leader's step (the leader's own
    // request, a one-person window's) says it at its first step. Shown while the step waits; a decided
    // step's message needs no warning, nor its reads.
    ab:
      step.id === (request.steps.find((s) => s.approver === "window_leader") ?? request.steps[0])?.id &&
      step.state === "pending" &&
      request.state === "pending"
        ? await once(reads, `ab:${request.id}`, () => abStepNote(db, request))
        : null,
    // Sick leave: the certificates attached, for every approver to open (RULES.md §3 二).
    attachments:
      request.kind === "sick"
        ? await once(reads, `attachments:${request.id}`, () => listAttachments(db, request.id))
        : [],
  };
}

export async function stepView(d: FlowDeps, stepId: number): Promise<StepView | null> {
  return stepViewIn(d.ctx.db, d.ctx, stepId);
}

/** Who gets a step's decision message: its assignee, or every inspection member (never the requester). */
async function recipients(db: DbTx, step: StepRow, request: RequestRow, reads?: Reads): Promise<string[]> {
  const ids = step.assigneeId
    ? [step.assigneeId]
    : ((await orgOf(reads))?.roles.get("inspection") ?? (await inspectionMembers(db)));
  return ids.filter((id) => id !== request.requesterId);
}

// Outbox names (src/jobs/outbox.ts): a step's message to one approver, and a request's status message.
const stepRefPrefix = (stepId: number) => `step:${stepId}:`;
const statusRef = (requestId: number) => `status:${requestId}`;

/** A plain DM, queued; `key` makes it once. */
async function dm(tx: DbTx, key: string, userId: string, text: string, reads?: Reads): Promise<void> {
  await put(tx, reads, { key, channel: userId, text });
}

/** Each newly active step's message to whoever decides it, named so it can be updated in place. */
async function queueStepMessages(
  tx: DbTx,
  ctx: RenderCtx,
  steps: readonly StepRow[],
  reads?: Reads,
): Promise<void> {
  for (const s of steps) {
    const v = await stepViewIn(tx, ctx, s.id, reads, s.requestId);
    if (!v) continue;
    for (const userId of await recipients(tx, v.step, v.request, reads)) {
      const lang = await langIn(tx, userId, reads);
      await put(tx, reads, {
        key: `step:${s.id}:ask:${userId}`,
        channel: userId,
        ref: `${stepRefPrefix(s.id)}${userId}`,
        text: stepTitle(lang, v),
        blocks: stepMessageBlocks(lang, v),
      });
    }
  }
}

/**
 * Every copy of these steps' messages (sent, or still queued) shows the step's current state: buttons
 * gone once decided. `because` names the change, so each change updates each copy once.
 */
async function queueStepUpdates(
  tx: DbTx,
  ctx: RenderCtx,
  stepIds: readonly number[],
  because: string,
  reads?: Reads,
  /** The request these steps belong to, when known. */
  requestId?: number,
): Promise<void> {
  for (const stepId of stepIds) {
    const refs = await knownRefs(tx, stepRefPrefix(stepId));
    if (refs.length === 0) continue;
    const v = await stepViewIn(tx, ctx, stepId, reads, requestId);
    if (!v) continue;
    for (const ref of refs) {
      // The recipient's user id (the conversation its post went to); a message posted before the
      // outbox named it may carry its channel id instead (migration 20261201224000_outbox_refs).
      const who = ref.slice(stepRefPrefix(stepId).length);
      const lang = /^[UW][A-Z0-9]+$/.test(who) ? await langIn(tx, who, reads) : "zh";
      await put(tx, reads, {
        key: `${because}:update:${ref}`,
        channel: who,
        update: true,
        ref,
        text: stepTitle(lang, v),
        blocks: stepMessageBlocks(lang, v),
      });
    }
  }
}

/** The requester's status message: posted once (`because` null), then updated in place. */
async function queueStatus(
  tx: DbTx,
  requestId: number,
  because: string | null,
  reads?: Reads,
): Promise<void> {
  const r = await detailOf(tx, requestId, reads);
  if (!r) return;
  const lang = await langIn(tx, r.requesterId, reads);
  const message = {
    channel: r.requesterId,
    ref: statusRef(r.id),
    text: statusText(lang, r),
    blocks: statusBlocks(lang, r, r.steps),
  };
  if (because === null) await put(tx, reads, { key: `request:${r.id}:status`, ...message });
  else await put(tx, reads, { key: `${because}:status:${r.id}`, update: true, ...message });
}

async function windowLeaderOf(db: DbTx, requesterId: string, reads?: Reads): Promise<string | null> {
  const leader = (await windowOf(db, requesterId, reads))?.leaderId ?? null;
  return leader && leader !== requesterId ? leader : null;
}

/**
 * Approved: the requester, the cover and the window leader are told (§3 五: cover is the leader's to
 * arrange; their notice carries the [指定顶岗人] button). `decided` is the step whose decision ended the
 * chain; its note (审批意见) reaches the requester. The leader is not told twice: not when their own
 * decision ended the chain (their message says so), nor when they already acted on the request (gave
 * the opinion, named the cover) and the cover is named — the notice would only repeat what they did.
 */
async function announceApproved(
  tx: DbTx,
  request: RequestRow,
  because: string,
  decided: StepRow | null,
  reads?: Reads,
): Promise<void> {
  const requester = await requesterLabel(tx, request, reads);
  const leader = await windowLeaderOf(tx, request.requesterId, reads);
  const tellOne = async (who: string, userId: string, message: (l: Lang) => string) =>
    dm(tx, `${because}:approved:${who}:${userId}`, userId, message(await langIn(tx, userId, reads)), reads);
  await tellOne("requester", request.requesterId, (l) =>
    t(l, "req.notify.approved", {
      kind: request.kind,
      id: request.id,
      period: requestPeriod(l, request),
      who: decided?.decidedBy ? mention(decided.decidedBy) : "",
      note: decided?.note ? escapeSlackText(decided.note) : "",
    }),
  );
  if (request.coverId)
    await tellOne("cover", request.coverId, (l) =>
      t(l, "req.notify.cover", {
        requester: personText(l, requester),
        kind: request.kind,
        period: requestPeriod(l, request),
      }),
    );
  if (leader && leader !== request.coverId && !(await leaderKnows(tx, request, leader, decided, reads))) {
    const l = await langIn(tx, leader, reads);
    const text = t(l, "req.notify.leader_approved", {
      requester: personText(l, requester),
      kind: request.kind,
      period: requestPeriod(l, request),
      cover: request.coverId ? mention(request.coverId) : t(l, "req.notify.no_cover"),
    });
    await put(tx, reads, {
      key: `${because}:approved:leader:${leader}`,
      channel: leader,
      ...coverAskMessage(l, text, request.id),
    });
  }
}

/** The leader decided the last step, or acted on the request and its cover is named (announceApproved). */
async function leaderKnows(
  tx: DbTx,
  request: RequestRow,
  leader: string,
  decided: StepRow | null,
  reads?: Reads,
): Promise<boolean> {
  if (decided?.decidedBy === leader) return true;
  if (!request.coverId) return false;
  // The steps are in hand (the request as read or as the decision left it): only the audit log is read.
  const steps = (await detailOf(tx, request.id, reads))?.steps ?? [];
  return steps.some((s) => s.decidedBy === leader) || (await namedCover(tx, request.id, leader));
}

/** What a submitted request queues (submitRequest's notify): status, the first approvers, notices. */
export function submitNotices(ctx: ServiceContext): Notify<SubmitOutcome> {
  return async (tx, s) => {
    const because = `request:${s.request.id}:submitted`;
    const reads = newReads(ctx.db);
    await queueStatus(tx, s.request.id, null, reads);
    await queueStepMessages(tx, ctx, s.activated, reads);
    // A filing (备案) tells nobody now: inspection reads the day's filings in one summary (scheduler.ts).
    // A staff chain without the leader's opinion (sick leave): the leader still arranges cover (§3 二).
    const leader =
      s.preview.role === "staff" && !s.steps.some((x) => x.approver === "window_leader")
        ? await windowLeaderOf(tx, s.request.requesterId, reads)
        : null;
    if (leader) {
      const l = await langIn(tx, leader, reads);
      const requester = await requesterLabel(tx, s.request, reads);
      const text = t(l, "req.notify.leader_arrange", {
        requester: personText(l, requester),
        kind: s.request.kind,
        id: s.request.id,
        period: requestPeriod(l, s.request),
      });
      await put(tx, reads, {
        key: `${because}:leader:${leader}`,
        channel: leader,
        ...coverAskMessage(l, text, s.request.id),
      });
    }
    if (s.final === "approved") await announceApproved(tx, s.request, because, null, reads);
    await flush(tx, reads);
    wakeOutbox(ctx.db);
  };
}

/** What a decision queues (decideStep's notify): updated step messages, the next approvers, outcomes. */
export function decisionNotices(ctx: ServiceContext): Notify<DecideOutcome> {
  return async (tx, o) => {
    // A step is decided once: its id and new state name the change.
    const because = `step:${o.step.id}:${o.step.state}`;
    const reads = newReads(ctx.db);
    // The request and its steps as the decision left them, from the decision (not read again).
    reads.memo.set(`request:${o.request.id}`, Promise.resolve({ ...o.request, steps: o.steps }));
    const stepIds = [o.step.id, ...o.cancelled.map((s) => s.id)];
    await queueStepUpdates(tx, ctx, stepIds, because, reads, o.request.id);
    await queueStepMessages(tx, ctx, o.activated, reads);
    await queueStatus(tx, o.request.id, because, reads);
    // The deputy director approved a shorter sick leave (§3 二): the requester and the cover are told.
    if (o.sick?.shortened) {
      // Stored after what is queued so far (queueShortened stores its own messages): the same order.
      await flush(tx, reads);
      await queueShortened(tx, o, because, reads);
    }
    if (o.coverChanged && o.final !== "approved") {
      const to = o.coverChanged.to;
      const l = await langIn(tx, to, reads);
      const requester = await requesterLabel(tx, o.request, reads);
      await dm(
        tx,
        `${because}:cover:${to}`,
        to,
        t(l, "req.notify.cover_named", {
          leader: mention(o.step.decidedBy ?? ""),
          requester: personText(l, requester),
          period: requestPeriod(l, o.request),
        }),
        reads,
      );
    }
    if (o.final === "approved") await announceApproved(tx, o.request, because, o.step, reads);
    if (o.final === "rejected") {
      const lang = await langIn(tx, o.request.requesterId, reads);
      await put(tx, reads, {
        key: `${because}:rejected:${o.request.requesterId}`,
        channel: o.request.requesterId,
        ...rejectedMessage(lang, o.request, o.step),
      });
    }
    await flush(tx, reads);
    wakeOutbox(ctx.db);
  };
}

/** What a withdrawal queues (withdrawRequest's notify): the approvers' messages and the status updated. */
export function withdrawNotices(ctx: ServiceContext): Notify<WithdrawOutcome> {
  return async (tx, o) => {
    const because = `request:${o.request.id}:withdrawn`;
    const reads = newReads(ctx.db);
    const stepIds = o.cancelled.map((s) => s.id);
    await queueStepUpdates(tx, ctx, stepIds, because, reads, o.request.id);
    await queueStatus(tx, o.request.id, because, reads);
    await flush(tx, reads);
    wakeOutbox(ctx.db);
  };
}

/** Queues updates of messages whose state may be stale, in a transaction of their own (a stale click). */
async function queueRefresh(db: Db, what: (tx: DbTx, because: string) => Promise<void>): Promise<void> {
  // Unique per refresh; a newer update of the same message supersedes an older queued one.
  const because = `refresh:${Date.now()}:${Math.random().toString(36).slice(2, 8)}`;
  await queueApart(db, (tx) => what(tx, because));
  wakeOutbox(db);
}

/** The requester's status message shows the request's real state (a stale Withdraw click). */
export async function refreshStatus(d: FlowDeps, requestId: number): Promise<void> {
  await queueRefresh(d.ctx.db, (tx, because) => queueStatus(tx, requestId, because));
}

// A stale click's re-render, per database and step: queued now, or not again within a few seconds. A
// burst of stale clicks (a double click, several approvers at once, retried deliveries) shares one
// re-render instead of one chat.update per click and copy: chat.update is Tier 3 (50 a minute,
// docs.slack.dev/reference/methods/chat.update), and a burst of refreshes got the decision's own
// update refused with 429 (found by the strict stand-in). A re-render queued within the last few
// seconds already shows what the click found (the step decided or no longer active).
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
  const running = queueRefresh(d.ctx.db, (tx, because) =>
    queueStepUpdates(tx, d.ctx, [stepId], because),
  ).finally(() => steps.set(stepId, { doneAt: performance.now() }));
  steps.set(stepId, { running });
  return running;
}

/** Queues updates of these steps' messages and the request's status (a cover named apart from a decision). */
export async function queueRequestUpdates(
  tx: DbTx,
  ctx: RenderCtx,
  requestId: number,
  stepIds: readonly number[],
  because: string,
): Promise<void> {
  await queueStatus(tx, requestId, because);
  await queueStepUpdates(tx, ctx, stepIds, because);
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
  // AB岗 (RULES.md §8): the requester's B post is the suggested cover, filled in; they may change it.
  const { backupId } = await suggestedCover(d.ctx.db, userId);
  const draft = { kind, ...(backupId ? { coverId: backupId } : {}) };
  await replaceView(d, viewId, requestFormView(lang, draft, shanghaiDate(d.ctx.clock.now())));
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
      await recordsUnderAppeal(d.ctx.db),
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
  for (const s of waitingSteps) waiting.push({ ...s, requester: await requesterLabel(d.ctx.db, s.request) });
  // Someone not evaluated (the director, an inspector) is told so, not that scores are unavailable.
  const lines = (await isPerson(d.ctx.db, userId))
    ? await monthScoreLines(d, lang, userId)
    : [t(lang, "req.score.not_person")];
  const month = monthOf(shanghaiDate(d.ctx.clock.now()));
  // The director may reopen a closed month for a correction (RULES.md §4(4)).
  const director = (await isDirector(d.ctx, userId))
    ? directorCloseBlocks(lang, await recentMonthStates(d.ctx.db))
    : undefined;
  // Inspection and the director: uploads, evaluations, closing a month, jobs and messages (issue #10).
  const admin = await adminHomeSection(d.ctx, lang, userId);
  // AB岗 (RULES.md §8): the coming week's absences nobody covers, for their window leader and the center.
  const ab = await abHomeSection(d.ctx, lang, userId);
  // Window leaders' meetings (RULES.md §8): a leader's answers, inspection's attendance to take.
  const meetings = await meetingHomeSection(d.ctx, lang, userId);
  // Appeals (申诉, RULES.md §8a): the deductions the person can appeal or has under appeal.
  const appeals = await appealSection(d.ctx, lang, userId);
  await safely(d, `home of ${userId}`, () =>
    d.client.views.publish({
      user_id: userId,
      view: homeView(lang, {
        mine,
        waiting,
        waitingTotal,
        mineLimit: HOME_MINE_LIMIT,
        score: lines ? { month, lines } : null,
        ...(admin ? { admin } : {}),
        ...(director ? { director } : {}),
        ...(ab ? { ab } : {}),
        ...(meetings ? { meetings } : {}),
        ...(appeals.length > 0 ? { appeals } : {}),
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
  // The clicker's own reply stays inline (it answers them now); everything for others is queued.
  await safely(d, `DM to ${userId}`, () => d.client.chat.postMessage({ channel: userId, text }));
}
