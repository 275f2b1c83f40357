// Submission of the "Name cover" modal (RULES.md §3 五): the window leader names who covers the post;
// the service writes it with an AuditLog row, then the cover is told and the messages updated.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import type { ServiceContext } from "../../../services/context.ts";
import { nameCover } from "../../../services/cover.ts";
import { messageView } from "../../blocks/requests.ts";
import { afterCoverNamed } from "../../coverFlow.ts";
import { errorText, t } from "../../i18n/index.ts";
import { userLang } from "../../i18n/locale.ts";

const metaSchema = z.object({
  requestId: z.number().int(),
  channel: z.string().optional(),
  ts: z.string().optional(),
});

/** Codes pinned to the person picker; any other refusal replaces the modal with the reason. */
const FIELD_CODES = new Set(["COVER.REQUIRED", "REQUEST.COVER_SELF"]);

export function coverNameSubmission(ctx: ServiceContext) {
  return async ({
    ack,
    body,
    view,
    client,
    logger,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const userId = body.user.id;
    const lang = await userLang(client, ctx.db, userId);
    const meta = metaSchema.safeParse(
      (() => {
        try {
          return JSON.parse(view.private_metadata);
        } catch {
          return null;
        }
      })(),
    );
    if (!meta.success) {
      await ack({
        response_action: "update",
        view: messageView(lang, t(lang, "common.not_possible"), t(lang, "error.internal")),
      });
      return;
    }
    const r = await nameCover(ctx, {
      requestId: meta.data.requestId,
      actorId: userId,
      coverId: view.state.values.cover?.cover?.selected_user ?? null,
    });
    if (!r.ok) {
      if (FIELD_CODES.has(r.code))
        await ack({ response_action: "errors", errors: { cover: errorText(lang, r) } });
      else
        await ack({
          response_action: "update",
          view: messageView(lang, t(lang, "common.not_possible"), errorText(lang, r)),
        });
      return;
    }
    await ack({ response_action: "clear" });
    await afterCoverNamed({ client, ctx, logger }, r.value, userId, meta.data);
  };
}
