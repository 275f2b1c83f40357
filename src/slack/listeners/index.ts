// Every listener is registered here, through its folder's index (one named callback per file).
// A listener acks first, parses with zod, calls one service, renders with a builder from ../blocks/.
import type { App } from "@slack/bolt";
import type { ServiceContext } from "../../services/context.ts";
import { responseUrlGuard } from "../responseUrl.ts";
import { registerActions } from "./actions/index.ts";
import { registerCommands } from "./commands/index.ts";
import { registerEvents } from "./events/index.ts";
import { registerOptions } from "./options/index.ts";
import { registerViews } from "./views/index.ts";

export function registerListeners(
  app: App,
  ctx: ServiceContext,
  /** Where a month closed from the App Home writes its workbooks (default: the scheduler's). */
  opts: { exportDir?: string } = {},
): void {
  // Before any listener: a forged response_url is never posted to (issue #9, finding 7).
  app.use(responseUrlGuard());
  registerCommands(app, ctx);
  registerActions(app, ctx);
  registerViews(app, ctx, opts);
  registerOptions(app, ctx);
  registerEvents(app, ctx);
}
