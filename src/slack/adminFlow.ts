// The Slack side of monthly administration (issue #10; services in src/services/admin.ts, blocks in
// ./blocks/admin.ts): the App Home section for inspection and the director, and answering a modal
// whose work (a download and a check, a close) may take longer than Slack waits.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { installedSince } from "../jobs/scheduler.ts";
import { adminOverview, adminRole, type ClosableMonth, closableMonths } from "../services/admin.ts";
import type { ServiceContext } from "../services/context.ts";
import { adminHomeBlocks } from "./blocks/admin.ts";
import type { KnownBlock, ModalView } from "./blocks/requests.ts";
import type { Lang } from "./i18n/index.ts";
import { type FlowDeps, replaceView } from "./requestFlow.ts";

/** Inspection's and the director's App Home section; undefined for everyone else. */
export async function adminHomeSection(
  ctx: ServiceContext,
  lang: Lang,
  userId: string,
): Promise<KnownBlock[] | undefined> {
  if (!(await adminRole(ctx, userId))) return undefined;
  const [overview, months] = await Promise.all([adminOverview(ctx), closableMonthsNow(ctx)]);
  return adminHomeBlocks(lang, {
    overview,
    reopened: months.filter((m) => m.state === "reopened").map((m) => m.month),
  });
}

/**
 * The months a person may close now, from the scheduler's first month (earlier ones were never the
 * bot's; before its first tick, only reopened months).
 */
export async function closableMonthsNow(ctx: ServiceContext): Promise<ClosableMonth[]> {
  const installed = await installedSince(ctx);
  return closableMonths(ctx, { since: installed?.since ?? null });
}

/** A view_submission's answer: the view to show, or errors on fields (shown only if in time). */
export interface SubmissionAnswer {
  view: ModalView;
  errors?: Record<string, string>;
}

/**
 * Slack waits 3 seconds for a view_submission's answer (docs.slack.dev/surfaces/modals "Responding
 * to view_submission"); past it the person sees "We had some trouble connecting". Work that may take
 * longer (a file downloaded and checked, a month closed) is answered with `working` when it has not
 * finished within this much, and its view replaces that one (views.update) once it has.
 */
export const SUBMISSION_ANSWER_MS = 2000;

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export async function answerSubmission(
  args: Pick<SubmitArgs, "ack" | "body" | "client" | "logger">,
  d: FlowDeps,
  working: ModalView,
  work: Promise<SubmissionAnswer>,
): Promise<SubmissionAnswer> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), SUBMISSION_ANSWER_MS);
  });
  const first = await Promise.race([work, late]);
  clearTimeout(timer);
  if (first) {
    await args.ack(
      first.errors
        ? { response_action: "errors", errors: first.errors }
        : { response_action: "update", view: first.view },
    );
    return first;
  }
  await args.ack({ response_action: "update", view: working });
  const answer = await work;
  // A view updated by response_action keeps its id.
  await replaceView(d, args.body.view.id, answer.view);
  return answer;
}

/** A view's input value by action_id, whatever block it is in (block ids change to clear an input). */
export function stateValue<T = Record<string, unknown>>(
  values: Record<string, Record<string, unknown>>,
  actionId: string,
): (T & { block: string }) | undefined {
  for (const [block, byAction] of Object.entries(values)) {
    const v = byAction[actionId];
    if (v && typeof v === "object") return { ...(v as T), block };
  }
  return undefined;
}

/** The block id of the input with `actionId` in `view` (for response_action errors). */
export function blockOf(view: { blocks: readonly unknown[] }, actionId: string): string | undefined {
  for (const b of view.blocks as Array<{ block_id?: string; element?: { action_id?: string } }>)
    if (b.element?.action_id === actionId) return b.block_id;
  return undefined;
}
