// Every listener is registered here, through its folder's index (one named callback per file).
// A listener acks first, parses with zod, calls one service, renders with a builder from ../blocks/.
import type { App } from "@slack/bolt";
import type { ServiceContext } from "../../services/context.ts";
import { registerActions } from "./actions/index.ts";
import { registerCommands } from "./commands/index.ts";
import { registerEvents } from "./events/index.ts";
import { registerOptions } from "./options/index.ts";
import { registerViews } from "./views/index.ts";

export function registerListeners(app: App, ctx: ServiceContext): void {
  registerCommands(app, ctx);
  registerActions(app, ctx);
  registerViews(app, ctx);
  registerOptions(app, ctx);
  registerEvents(app, ctx);
}
