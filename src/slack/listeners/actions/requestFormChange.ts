// The form shows the fields of the chosen kind (trip details, certificate, explanation) and the late
// section when the start is before today: changing the kind or the start date rebuilds it in place.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { ServiceContext } from "../../../services/context.ts";
import { requestFormView } from "../../blocks/requests.ts";
import { userLang } from "../../i18n/locale.ts";
import { draftFromState, todayIn } from "../../requestForms.ts";

export function requestFormChangeAction(ctx: ServiceContext) {
  return async ({
    ack,
    body,
    client,
    logger,
  }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    const view = body.view;
    if (!view) return;
    const lang = await userLang(client, ctx.db, body.user.id);
    const draft = draftFromState(view.state?.values, "personal");
    // Moving the start past the end (the end defaults to the first day shown) moves the end with it.
    if (draft.startDate && (!draft.endDate || draft.endDate < draft.startDate))
      draft.endDate = draft.startDate;
    try {
      await client.views.update({
        view_id: view.id,
        hash: view.hash,
        view: requestFormView(lang, draft, todayIn(ctx)),
      });
    } catch (e) {
      // hash_conflict: the user changed something else meanwhile; that change triggers its own rebuild.
      logger.warn(`requests: form rebuild failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}
