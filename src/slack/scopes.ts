// Which OAuth scope each Slack Web API method the bot (or its stand-in) calls needs, and the
// manifest's declared bot scopes. Slack answers `missing_scope` when a bot token lacks the scope a
// method requires; the manifest test holds every method the code calls against this table and the
// manifest, and the strict stand-in refuses a method whose scope the manifest does not declare.
// Source: each method's page at api.slack.com/methods/<name> ("Required scopes", bot token).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/**
 * Method → the bot-token scopes that allow it (any one of them suffices); `[]` = no scope needed.
 * `apps.connections.open` takes the app-level token (xapp-) with `connections:write`, not a bot scope.
 */
export const METHOD_SCOPES: Readonly<Record<string, readonly string[]>> = {
  "auth.test": [],
  "chat.postMessage": ["chat:write"],
  "chat.update": ["chat:write"],
  "chat.delete": ["chat:write"],
  "chat.postEphemeral": ["chat:write"],
  "chat.getPermalink": [],
  "conversations.open": ["im:write", "mpim:write", "channels:manage", "groups:write"],
  "users.info": ["users:read"],
  "users.list": ["users:read"],
  "views.open": [],
  "views.push": [],
  "views.update": [],
  "views.publish": [],
  "files.getUploadURLExternal": ["files:write"],
  "files.completeUploadExternal": ["files:write"],
  // A modal's file_input needs files:read too (docs.slack.dev/reference/block-kit/block-elements/file-input-element).
  "files.info": ["files:read"],
};

/**
 * Bot events → the bot scope Slack requires to subscribe to them (api.slack.com/events/<name>, "Required
 * scopes"); `[]` = none. A scope the manifest declares only for an event is still in use.
 */
export const EVENT_SCOPES: Readonly<Record<string, readonly string[]>> = {
  app_home_opened: [],
  "message.im": ["im:history"],
};

/** Slash commands need the `commands` scope (api.slack.com/scopes/commands), whatever they call. */
export const SLASH_COMMAND_SCOPE = "commands";

/** App-level token scopes (Socket Mode). */
export const APP_TOKEN_METHOD_SCOPES: Readonly<Record<string, readonly string[]>> = {
  "apps.connections.open": ["connections:write"],
};

/** The repository's manifest.yml (two levels above src/slack). */
export const MANIFEST_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../manifest.yml");

export interface ManifestSummary {
  botScopes: string[];
  commands: string[];
  botEvents: string[];
  interactivity: boolean;
  optionsUrl: boolean;
  socketMode: boolean;
  raw: Record<string, unknown>;
}

/** Reads the parts of manifest.yml the tests and the stand-in check against. */
export function readManifest(file: string = MANIFEST_PATH): ManifestSummary {
  const raw = parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  const m = raw as {
    oauth_config?: { scopes?: { bot?: string[] } };
    features?: { slash_commands?: Array<{ command: string }> };
    settings?: {
      event_subscriptions?: { bot_events?: string[] };
      interactivity?: { is_enabled?: boolean; message_menu_options_url?: unknown };
      socket_mode_enabled?: boolean;
    };
  };
  const settings = m.settings ?? {};
  return {
    botScopes: [...(m.oauth_config?.scopes?.bot ?? [])],
    commands: (m.features?.slash_commands ?? []).map((c) => c.command),
    botEvents: [...(settings.event_subscriptions?.bot_events ?? [])],
    interactivity: settings.interactivity?.is_enabled === true,
    optionsUrl: typeof settings.interactivity?.message_menu_options_url === "string",
    socketMode: settings.socket_mode_enabled === true,
    raw,
  };
}

/** True when one of `scopes` allows `method` (unknown methods: false). */
export function scopesAllow(method: string, scopes: readonly string[]): boolean {
  const needed = METHOD_SCOPES[method];
  if (needed === undefined) return false;
  return needed.length === 0 || needed.some((s) => scopes.includes(s));
}
