// "录入中心评价分" in the App Home (inspection and the director, RULES.md §5, §7): opens the evaluation
// modal on the open quarter or year most likely wanted; a center with none open is told so.
import { evaluationCount, evaluationPeriods, requireAdmin } from "../../../services/admin.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { evaluationModal } from "../../blocks/admin.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { replaceView } from "../../requestFlow.ts";
import { type ButtonArgs, openModalFor } from "./shared.ts";

export function adminEvaluateAction(ctx: ServiceContext) {
  return async ({ ack, body, client, logger }: ButtonArgs) => {
    const opened = await openModalFor(ctx, { ack, body, client, logger });
    if (!opened) return;
    const { d, viewId, userId, lang } = opened;
    const refuse = (text: string) =>
      replaceView(d, viewId, messageView(lang, t(lang, "common.not_possible"), text));
    const role = await requireAdmin(ctx, userId);
    if (!role.ok) return refuse(errorText(lang, role));
    const periods = await evaluationPeriods(ctx);
    if (periods.length === 0) return refuse(t(lang, "manage.eval.none_open"));
    const count = await evaluationCount(ctx, periods[0]!);
    await replaceView(d, viewId, evaluationModal(lang, { periods, count }));
  };
}
