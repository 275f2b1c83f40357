// "修改后重新提交" on a rejected request's status message or rejection notice: the request form opens
// filled in as the request was, to change and submit as a new request (the rejected one is kept, §3 五).
// The modal opens at once (a trigger_id lives 3 s); a click that cannot (not the requester's) says why.
import { shanghaiDate } from "../../../domain/dates.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { requestToResubmit } from "../../../services/requestQueries.ts";
import { draftOf, messageView, requestFormView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { replaceView } from "../../requestFlow.ts";
import { type ButtonArgs, buttonId, openModalFor } from "./shared.ts";

export function requestResubmitAction(ctx: ServiceContext) {
  return async (args: ButtonArgs) => {
    const opened = await openModalFor(ctx, args);
    if (!opened) return;
    const { d, viewId, userId, lang } = opened;
    const found = await requestToResubmit(ctx.db, buttonId(args.action), userId);
    const view = found.ok
      ? requestFormView(lang, draftOf(found.value), shanghaiDate(ctx.clock.now()))
      : messageView(lang, t(lang, "common.not_possible"), errorText(lang, found));
    await replaceView(d, viewId, view);
  };
}
