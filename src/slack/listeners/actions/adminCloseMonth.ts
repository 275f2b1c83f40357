// "结算月份" in the App Home, and "再次结算" beside a reopened month in the director's list (RULES.md
// §4(4), issue #10): opens the close modal with the months that may be closed now (the button's value
// preselects one). Inspection and the director only; with nothing to close, says why.
import { requireAdmin } from "../../../services/admin.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { closableMonthsNow } from "../../adminFlow.ts";
import { closeMonthModal } from "../../blocks/admin.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { replaceView } from "../../requestFlow.ts";
import { type ButtonArgs, openModalFor } from "./shared.ts";

export function adminCloseMonthAction(ctx: ServiceContext) {
  return async ({ ack, body, action, client, logger }: ButtonArgs) => {
    const opened = await openModalFor(ctx, { ack, body, client, logger });
    if (!opened) return;
    const { d, viewId, userId, lang } = opened;
    const refuse = (text: string) =>
      replaceView(d, viewId, messageView(lang, t(lang, "common.not_possible"), text));
    const role = await requireAdmin(ctx, userId);
    if (!role.ok) return refuse(errorText(lang, role));
    const modal = closeMonthModal(lang, await closableMonthsNow(ctx), String(action.value ?? ""));
    await replaceView(
      d,
      viewId,
      modal ?? messageView(lang, t(lang, "manage.close.title"), t(lang, "manage.close.none")),
    );
  };
}
