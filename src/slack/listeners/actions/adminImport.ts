// "导入评价器数据" / "导入考勤数据" / "导入抽调记录" / "导入中心评价分表" in the App Home (inspection and the
// director, issue #10): opens the upload modal for that kind. The modal opens at once (a trigger_id
// lives 3 s); anyone else is told politely that monthly administration is not theirs.

import { isUploadKind, requireAdmin } from "../../../services/admin.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { ADMIN_IMPORT_PATTERN, importModal } from "../../blocks/admin.ts";
import { messageView } from "../../blocks/requests.ts";
import { errorText, t } from "../../i18n/index.ts";
import { replaceView } from "../../requestFlow.ts";
import { type ButtonArgs, openModalFor } from "./shared.ts";

export function adminImportAction(ctx: ServiceContext) {
  return async ({ ack, body, action, client, logger }: ButtonArgs) => {
    const opened = await openModalFor(ctx, { ack, body, client, logger });
    if (!opened) return;
    const { d, viewId, userId, lang } = opened;
    const role = await requireAdmin(ctx, userId);
    if (!role.ok)
      return replaceView(d, viewId, messageView(lang, t(lang, "common.not_possible"), errorText(lang, role)));
    const kind = ADMIN_IMPORT_PATTERN.exec(action.action_id)?.[1];
    if (!isUploadKind(kind)) return;
    await replaceView(d, viewId, importModal(lang, kind));
  };
}
