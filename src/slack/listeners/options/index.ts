// The options (block_suggestion) listeners: one named callback per file in this folder, registered here.
import type { App } from "@slack/bolt";
import type { ServiceContext } from "../../../services/context.ts";
import { RECORD_MODAL } from "../../blocks/records.ts";
import { catalogItems } from "./catalogItems.ts";

export function registerOptions(app: App, ctx: ServiceContext): void {
  app.options(RECORD_MODAL.item.action, catalogItems(ctx));
}
