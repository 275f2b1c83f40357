// The events listeners: one named callback per file in this folder, registered here.
import type { App } from "@slack/bolt";
import type { ServiceContext } from "../../../services/context.ts";
import { appHomeOpenedEvent } from "./appHomeOpened.ts";
import { directMessageEvent } from "./directMessage.ts";

export function registerEvents(app: App, ctx: ServiceContext): void {
  app.event("app_home_opened", appHomeOpenedEvent(ctx));
  app.event("message", directMessageEvent(ctx));
}
