// A view's private_metadata comes back in the view_submission as the app set it, but a signed request
// can carry anything there (issue #9, finding 8: a malformed one closed the revoke form silently).
// Every submission listener parses it with a schema; malformed or forged metadata is answered with an
// error view in the person's language and logged, and nothing is written.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { z } from "zod";
import type { ServiceContext } from "../../../services/context.ts";
import { messageView } from "../../blocks/requests.ts";
import { type Lang, t } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";
import { buttonJson } from "../actions/shared.ts";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** The view's private_metadata as JSON checked with `schema`; undefined when it is not that shape. */
export function viewMetadata<T>(schema: z.ZodType<T>, view: { private_metadata?: string }): T | undefined {
  return buttonJson(schema, view.private_metadata);
}

/** Answers a submission whose metadata is malformed or forged: an error view, a log line, no write. */
export async function refuseMetadata(args: Pick<Args, "ack" | "body" | "view" | "logger">, lang: Lang) {
  const { ack, body, view, logger } = args;
  logger.warn(
    `view_submission ${JSON.stringify(view.callback_id).slice(0, 80)} from ${body.user.id}: ` +
      `malformed private_metadata (${(view.private_metadata ?? "").length} chars) refused, nothing written`,
  );
  await ack({
    response_action: "update",
    view: messageView(lang, t(lang, "common.not_possible"), t(lang, "error.bad_metadata")),
  });
}

/**
 * What every submission listener starts with: who submitted, their language, and the view's metadata
 * checked with `schema`. Malformed or forged metadata is refused here (refuseMetadata: acked with an
 * error view, logged) and undefined returned: the listener returns without writing anything.
 */
export async function submissionOf<T>(
  ctx: ServiceContext,
  args: Pick<Args, "ack" | "body" | "view" | "client" | "logger">,
  schema: z.ZodType<T>,
): Promise<{ userId: string; lang: Lang; meta: T } | undefined> {
  const { ack, body, view, client, logger } = args;
  const userId = body.user.id;
  const lang = await userLang(client, ctx.db, userId);
  const meta = viewMetadata(schema, view);
  if (!meta) {
    await refuseMetadata({ ack, body, view, logger }, lang);
    return undefined;
  }
  return { userId, lang, meta };
}
