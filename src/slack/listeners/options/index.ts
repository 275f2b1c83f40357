// The options (block_suggestion) listeners: one named callback per file in this folder, registered here.
import type { App } from "@slack/bolt";
import type { ServiceContext } from "../../../services/context.ts";
import { EVAL_FIELDS } from "../../blocks/admin.ts";
import { RECORD_MODAL } from "../../blocks/records.ts";
import { catalogItems } from "./catalogItems.ts";
import { evaluationTargetOptions } from "./evaluationTargets.ts";

export function registerOptions(app: App, ctx: ServiceContext): void {
  app.options(RECORD_MODAL.item.action, catalogItems(ctx));
  app.options(EVAL_FIELDS.target.action, evaluationTargetOptions(ctx));
}
