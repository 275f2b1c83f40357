// The first global middleware: every signed delivery is handled at most once and acknowledged
// exactly once, whatever it carries.
//
// 1. Malformed interactivity (a block_actions without a list of actions, no user id …) is refused with
//    an explanation in the HTTP answer before Bolt's routing can trip over it.
// 2. Replays. Slack retries Events API deliveries (x-slack-retry-num / x-slack-retry-reason) with the
//    same event_id; an interaction or slash command re-posted within the 5-minute signature window
//    carries the same trigger_id. The first delivery claims its key in InboundDelivery before any
//    listener runs; a second one finds the key taken, is acknowledged with an empty 200 and goes no
//    further, so it can neither decide a step nor file a request twice. A claim is released when the
//    listeners throw, so a genuine retry of a failed delivery is processed again.
// 3. Nobody answered: an action id, command or view no listener knows (a button from an older
//    version, a typo), or a listener that threw before its ack. Bolt would leave the request hanging
//    for 3 s and answer 404; here it is acknowledged at once and the person is told in their language.
//
// Wiring (src/slack/app.ts, first global middleware, before registerListeners):
//   app.use(replayGuard({ db: ctx.db, clock: ctx.clock }));
import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Db } from "../db/client.ts";
import {
  pruneReplayDeliveries,
  recordReplayDelivery,
  releaseReplayDelivery,
} from "../db/inboundDeliveries.ts";
import type { Clock } from "../services/clock.ts";
import { errorText } from "./i18n/index.ts";
import { userLang } from "./i18n/locale.ts";

/** How long a claim is kept: far beyond Slack's retry schedule (≈ 1 h) and the 5-minute signature window. */
export const DELIVERY_RETENTION_MS = 24 * 3600_000;
/** Old claims are pruned once every this many new claims. */
const PRUNE_EVERY = 500;

type Body = Record<string, unknown>;
type AckFn = (response?: unknown) => Promise<void>;

/**
 * The identity of a delivery, or undefined for deliveries that change nothing (options/suggestions,
 * view_closed without a trigger) and are safe to handle again.
 */
export function deliveryKey(body: Body): string | undefined {
  if (typeof body.event_id === "string") return `event:${body.event_id}`;
  if (body.type === "block_suggestion") return undefined;
  const trigger = typeof body.trigger_id === "string" && body.trigger_id !== "" ? body.trigger_id : undefined;
  if (typeof body.command === "string") return trigger ? `command:${body.command}:${trigger}` : undefined;
  if (typeof body.type !== "string" || !trigger) return undefined;
  if (body.type === "block_actions" && Array.isArray(body.actions)) {
    // One trigger per click; the action_ts keeps two actions of one payload apart all the same.
    const first = body.actions[0] as { action_id?: unknown; action_ts?: unknown } | undefined;
    return `block_actions:${trigger}:${String(first?.action_id ?? "")}:${String(first?.action_ts ?? "")}`;
  }
  return `${body.type}:${trigger}`;
}

const isObject = (v: unknown): v is Body => typeof v === "object" && v !== null && !Array.isArray(v);
const isId = (v: unknown) => typeof v === "string" && v.length > 0 && v.length <= 64;

/** What is wrong with an interactivity payload or slash command Slack would never send; undefined if nothing. */
export function malformed(body: Body): string | undefined {
  if (typeof body.command === "string") {
    if (!isId(body.user_id)) return "user_id must be a Slack user id";
    if (typeof body.text !== "string") return "text must be a string";
    return undefined;
  }
  if (body.type === "block_actions" || body.type === "view_submission" || body.type === "view_closed") {
    if (!isObject(body.user) || !isId(body.user.id)) return "user.id must be a Slack user id";
  }
  if (body.type === "block_actions") {
    const actions = body.actions;
    if (!Array.isArray(actions) || actions.length === 0) return "actions must be a non-empty list";
    if (!actions.every((a) => isObject(a) && typeof a.action_id === "string"))
      return "every action needs a string action_id";
  }
  if (body.type === "view_submission" || body.type === "view_closed") {
    if (!isObject(body.view)) return "view must be an object";
    if (body.type === "view_submission" && !(isObject(body.view.state) && isObject(body.view.state.values)))
      return "view.state.values must be an object";
  }
  return undefined;
}

function isMultipleAck(e: unknown): boolean {
  return (
    typeof e === "object" &&
    e !== null &&
    (e as { code?: unknown }).code === "slack_bolt_receiver_ack_multiple_error"
  );
}

/** Acks unless a listener already did; true when this call was the ack (nobody had answered). */
async function ackIfUnanswered(ack: AckFn | undefined, response?: unknown): Promise<boolean> {
  if (!ack) return false;
  try {
    await ack(response);
    return true;
  } catch (e) {
    if (isMultipleAck(e)) return false;
    throw e;
  }
}

export function replayGuard(deps: { db: Db; clock: Clock }): Middleware<AnyMiddlewareArgs> {
  let claims = 0;

  /** Acks what nobody acked and tells the person (in their language) through the response_url. */
  async function unanswered(args: AnyMiddlewareArgs & { client: unknown }, code: string): Promise<void> {
    if (!(await ackIfUnanswered((args as { ack?: AckFn }).ack))) return;
    const body = args.body as unknown as Body;
    const respond = (args as { respond?: (m: unknown) => Promise<unknown> }).respond;
    if (!respond || (typeof body.command !== "string" && body.type !== "block_actions")) return;
    const userId = typeof body.user_id === "string" ? body.user_id : (body.user as Body).id;
    const lang = await userLang(args.client as never, deps.db, String(userId)).catch(() => "zh" as const);
    await respond({ response_type: "ephemeral", replace_original: false, text: errorText(lang, { code }) });
  }

  return async (args) => {
    const { body, next, logger } = args;
    const ack = (args as { ack?: AckFn }).ack;
    const problem = malformed(body as unknown as Body);
    if (problem) {
      logger.warn(`malformed delivery refused: ${problem}`);
      await ackIfUnanswered(ack, { ok: false, error: "malformed_payload", detail: problem });
      return;
    }

    const key = deliveryKey(body as unknown as Body);
    if (key !== undefined) {
      if (!(await recordReplayDelivery(deps.db, key, deps.clock.now()))) {
        logger.info(`replayed delivery ignored: ${key}`);
        await ackIfUnanswered(ack);
        return;
      }
      claims += 1;
      if (claims % PRUNE_EVERY === 0) {
        await pruneReplayDeliveries(deps.db, new Date(deps.clock.now().getTime() - DELIVERY_RETENTION_MS));
      }
    }

    try {
      await next();
    } catch (e) {
      if (key !== undefined) await releaseReplayDelivery(deps.db, key);
      await unanswered(args, "internal").catch(() => undefined); // "error.internal"
      throw e; // still logged by app.error
    }
    await unanswered(args, "SLACK.UNHANDLED").catch((e: unknown) =>
      logger.warn(`unhandled delivery: ${String(e)}`),
    );
  };
}
