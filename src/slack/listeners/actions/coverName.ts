// "Name cover" on the window leader's cover reminder (RULES.md §3 五) opens the person picker. The modal
// opens at once (a trigger_id lives 3 s); a click that cannot name anyone (not the leader, the request
// ended, the absence is over) gets the reason in the modal instead.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { ServiceContext } from "../../../services/context.ts";
import { checkCoverNamer } from "../../../services/cover.ts";
import { type CoverModalMeta, coverNameModal } from "../../blocks/cover.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { replaceView, requesterLabel } from "../../requestFlow.ts";
import { openModalFor } from "./shared.ts";

export function coverNameAction(ctx: ServiceContext) {
  return async ({
    ack,
    body,
    action,
    client,
    logger,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    const opened = await openModalFor(ctx, { ack, body, client, logger });
    if (!opened) return;
    const { d, viewId, userId, lang } = opened;
    const requestId = Number(action.value);
    const check = await checkCoverNamer(ctx, Number.isSafeInteger(requestId) ? requestId : -1, userId);
    if (!check.ok) {
      await replaceView(d, viewId, messageView(lang, t(lang, "common.not_possible"), errorText(lang, check)));
      return;
    }
    const { request } = check.value;
    const meta: CoverModalMeta = { requestId: request.id };
    if (body.container?.type === "message" && body.channel?.id && body.message?.ts) {
      meta.channel = body.channel.id;
      meta.ts = body.message.ts;
    }
    await replaceView(d, viewId, coverNameModal(lang, request, await requesterLabel(ctx.db, request), meta));
  };
}
