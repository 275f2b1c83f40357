// The Revoke button on a filing confirmation: opens a modal asking the reason (RULES.md §4: every
// change is explained). The trigger_id lives 3 s, so the modal opens before any lookup.
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { ServiceContext } from "../../../services/context.ts";
import { loadingModal, revokeModal } from "../../blocks/records.ts";
import { userLang } from "../../i18n/locale.ts";

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

export function recordRevoke(ctx: ServiceContext) {
  return async ({ ack, body, action, client }: Args): Promise<void> => {
    await ack();
    const id = Number(action.value);
    if (!Number.isSafeInteger(id)) return;
    const opened = await client.views.open({ trigger_id: body.trigger_id, view: loadingModal() });
    if (!opened.view?.id) return;
    const lang = await userLang(client, ctx.db, body.user.id);
    await client.views.update({ view_id: opened.view.id, view: revokeModal(lang, id, body.response_url) });
  };
}
