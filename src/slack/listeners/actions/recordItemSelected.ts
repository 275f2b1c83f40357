// In the filing modal, choosing a catalog item shows its description before saving: value or range,
// the linked window item it also files (RULES.md §6) and any leader charge; range inputs get bounds.
import type {
  AllMiddlewareArgs,
  BlockAction,
  ExternalSelectAction,
  SlackActionMiddlewareArgs,
} from "@slack/bolt";
import { catalogItem } from "../../../domain/catalog.ts";
import { shanghaiDate } from "../../../domain/dates.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { activeWindows } from "../../../services/org.ts";
import { decodeMetadata, recordModal } from "../../blocks/records.ts";
import { userLang } from "../../i18n/locale.ts";

type Args = SlackActionMiddlewareArgs<BlockAction<ExternalSelectAction>> & AllMiddlewareArgs;

export function recordItemSelected(ctx: ServiceContext) {
  return async ({ ack, body, action, client }: Args): Promise<void> => {
    await ack();
    const view = body.view;
    const item = catalogItem(action.selected_option?.value ?? "");
    if (!view || !item) return;
    const linked =
      item.linkedWindowCode && ctx.settings.scoring.linkWindowItems
        ? catalogItem(item.linkedWindowCode)
        : undefined;
    const lang = await userLang(client, ctx.db, body.user.id);
    const windows = await activeWindows(ctx.db);
    await client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: recordModal({
        lang,
        metadata: decodeMetadata(view.private_metadata),
        windows,
        today: shanghaiDate(ctx.clock.now()),
        item,
        linked,
      }),
    });
  };
}
