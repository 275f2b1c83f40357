// The slash-command listeners: one named callback per file in this folder, registered here.
import type { App } from "@slack/bolt";
import type { ServiceContext } from "../../../services/context.ts";
import { leaveCommand } from "./leave.ts";
import { recordCommand } from "./record.ts";
import { scoreCommand } from "./score.ts";
import { tripCommand } from "./trip.ts";

export function registerCommands(app: App, ctx: ServiceContext): void {
  app.command("/deduct", recordCommand(ctx));
  app.command("/bonus", recordCommand(ctx));
  app.command("/leave", leaveCommand(ctx));
  app.command("/trip", tripCommand(ctx));
  app.command("/score", scoreCommand(ctx));
}
