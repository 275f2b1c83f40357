// What every button listener needs besides its own work: who clicked, their language, how to answer them
// privately, and the button's value parsed (an id, or JSON checked with zod). The ack stays with the
// listener: Slack is answered at the ack (src/slack/inFlight.ts), so one whose write must not be lost
// can ack after it. A button that opens a modal writes nothing first and acks at once (openModalFor).
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { z } from "zod";
import type { ServiceContext } from "../../../services/context.ts";
import { errorText, type Lang } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";
import { type FlowDeps, openLoading, tell } from "../../requestFlow.ts";

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export interface Click {
  userId: string;
  d: FlowDeps;
  /** The clicker's language, looked up once, when first needed. */
  lang(): Promise<Lang>;
  /** Tells the clicker privately (ephemeral; a DM for App Home clicks); the message stays as it is. */
  tell(text: string): Promise<void>;
  /** Tells the clicker, in their language, why nothing changed. */
  refuse(failure: { code: string; detail?: Record<string, unknown> }): Promise<void>;
}

/** Who clicked, and how to answer them. */
export function clickOf(ctx: ServiceContext, args: ButtonArgs): Click {
  const { body, client, respond, logger } = args;
  const userId = body.user.id;
  const d: FlowDeps = { client, ctx, logger };
  let lang: Promise<Lang> | undefined;
  const langOnce = () => {
    lang ??= userLang(client, ctx.db, userId);
    return lang;
  };
  const say = (text: string) => tell(d, userId, text, body.response_url ? respond : undefined);
  return {
    userId,
    d,
    lang: langOnce,
    tell: say,
    refuse: async (failure) => say(errorText(await langOnce(), failure)),
  };
}

/**
 * What every button that opens a modal starts with: the ack (nothing is written before the modal, and
 * the trigger_id is good for 3 s only), the loading modal opened on the trigger, then who clicked and
 * their language. Undefined when Slack refused the modal (logged by openLoading): nothing more to do.
 */
export async function openModalFor(
  ctx: ServiceContext,
  args: Pick<ButtonArgs, "ack" | "body" | "client" | "logger">,
): Promise<{ d: FlowDeps; viewId: string; userId: string; lang: Lang } | undefined> {
  const { ack, body, client, logger } = args;
  await ack();
  const d: FlowDeps = { client, ctx, logger };
  const viewId = await openLoading(d, body.trigger_id);
  if (!viewId) return undefined;
  const userId = body.user.id;
  const lang = await userLang(client, ctx.db, userId);
  return { d, viewId, userId, lang };
}

/**
 * Runs the listener's write, then acks: Slack hears the 200 only once the write is saved (Slack is
 * answered at the ack, src/slack/inFlight.ts). A write that throws is not acked here: the replay guard
 * answers it and releases the delivery for a retry. An ack that comes too late (past Slack's 3 s Bolt
 * has answered the request itself, and ack() throws) is logged and the listener goes on: what the write
 * brings for others is queued with it (src/jobs/outbox.ts), and the clicker still gets their reply.
 */
export async function ackAfter<T>(args: ButtonArgs, work: () => Promise<T>): Promise<T> {
  const result = await work();
  try {
    await args.ack();
  } catch (e) {
    args.logger.warn(`late ack after the write: ${e instanceof Error ? e.message : String(e)}`);
  }
  return result;
}

/** A button value that carries a row id; -1 (which no row has: the service says not found) otherwise. */
export function buttonId(action: ButtonAction): number {
  const id = Number(action.value);
  return Number.isSafeInteger(id) ? id : -1;
}

/** A button value that carries JSON, checked with `schema`; undefined when it is not that shape. */
export function buttonJson<T>(schema: z.ZodType<T>, value: string | undefined): T | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(value ?? "");
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
