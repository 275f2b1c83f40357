// "申诉 / Appeal" on a deduction's private notice, /score or App Home (RULES.md §8a): opens the modal
// asking the reason. The modal opens at once (a trigger_id lives 3 s); someone who may not appeal the
// record (not its target, past the deadline, appealed already) is told why instead of a form.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { appealable } from "../../../services/appeals.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { orgUserNames } from "../../../services/org.ts";
import { appealModal } from "../../blocks/appeals.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { replaceView } from "../../requestFlow.ts";
import { buttonId, openModalFor } from "./shared.ts";

export function appealOpenAction(ctx: ServiceContext) {
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
    const r = await appealable(ctx, userId, buttonId(action));
    if (!r.ok)
      return replaceView(d, viewId, messageView(lang, t(lang, "common.not_possible"), errorText(lang, r)));
    const filer = (await orgUserNames(ctx.db)).get(r.value.record.filedBy);
    await replaceView(d, viewId, appealModal(lang, r.value.record, filer));
  };
}
