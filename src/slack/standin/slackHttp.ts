// Sends requests to the app exactly as Slack does: signed with the v0 signature
// (HMAC-SHA256 of `v0:${timestamp}:${body}` with the signing secret), slash commands form-encoded,
// interactivity as form-encoded `payload=<json>`, events as JSON.
import { createHmac, randomUUID } from "node:crypto";
import { type SlackStandIn, STANDIN_BOT_USER_ID, STANDIN_TEAM_ID } from "./index.ts";

export interface SlackHttpOptions {
  /** The app's base URL, e.g. http://127.0.0.1:51234 (requests go to /slack/events). */
  appUrl: string;
  signingSecret: string;
  /** When given, commands and interactions carry a response_url and trigger_id the stand-in issued. */
  standIn?: SlackStandIn;
  teamId?: string;
  /** Awaited after each response, e.g. the app's idle(): listeners go on after their ack. */
  afterResponse?: () => Promise<void>;
  /**
   * Delivers commands, interactions and events some other way than a signed POST to /slack/events —
   * Socket Mode (socketClient.ts): the same payloads as envelopes, the ack as the response.
   */
  deliver?: (delivery: SlackDelivery, send: SendOptions) => Promise<SlackHttpResponse>;
}

/** What Slack sends, by the name Socket Mode gives it: form fields, interaction payload, event callback. */
export type SlackDelivery =
  | { type: "slash_commands"; payload: Record<string, string> }
  | { type: "interactive"; payload: Record<string, unknown> }
  | { type: "events_api"; payload: Record<string, unknown> };

export interface SendOptions {
  /** Sign with a wrong secret: the app must answer 401. */
  badSignature?: boolean;
  /** Override the request timestamp (epoch seconds), e.g. a stale one. */
  timestamp?: number;
  /** Sets x-slack-retry-num, as Slack does when it redelivers an event. */
  retryNum?: number;
}

export interface SlackHttpResponse {
  status: number;
  text: string;
  /** The body parsed as JSON when it is JSON (an ack with a payload, response_action …). */
  json: unknown;
}

export interface SlackUserRef {
  id: string;
  name?: string;
}

/** A value to put into a view's state for an input whose action_id is the key (see fillViewState). */
export type StateInput =
  | string
  | string[]
  | { selected_option: { value: string; text?: string } }
  | { selected_user: string }
  | null;
// A file_input takes the ids of files put into the stand-in with addFile (string[]).

export type ViewJson = {
  id?: string;
  type?: string;
  callback_id?: string;
  private_metadata?: string;
  hash?: string;
  blocks?: Array<Record<string, unknown>>;
  [k: string]: unknown;
};

export function signSlackRequest(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/**
 * Builds a view's `state.values` the way Slack reports it on submission: for each block of `view`
 * whose element's action_id is a key of `inputs`, the value in the shape of that element's type.
 * A plain string fits text/number inputs, datepickers, users_select (the user id) and selects
 * (the option value; its text is taken from the view's options when present).
 */
export function fillViewState(
  view: ViewJson,
  inputs: Record<string, StateInput>,
): Record<string, Record<string, unknown>> {
  const values: Record<string, Record<string, unknown>> = {};
  const left = new Set(Object.keys(inputs));
  for (const block of view.blocks ?? []) {
    const elements: Array<Record<string, unknown>> = [];
    if (block.element) elements.push(block.element as Record<string, unknown>);
    if (Array.isArray(block.elements)) elements.push(...(block.elements as Array<Record<string, unknown>>));
    for (const el of elements) {
      const actionId = el.action_id as string | undefined;
      if (!actionId || !(actionId in inputs)) continue;
      left.delete(actionId);
      const blockId = String(block.block_id ?? actionId);
      values[blockId] ??= {};
      values[blockId][actionId] = stateFor(el, inputs[actionId]!);
    }
  }
  if (left.size)
    throw new Error(`fillViewState: no input with action_id ${[...left].join(", ")} in the view`);
  return values;
}

function optionText(el: Record<string, unknown>, value: string): string {
  const opts = (el.options ?? []) as Array<{ value: string; text: { text: string } }>;
  return opts.find((o) => o.value === value)?.text.text ?? value;
}

function stateFor(el: Record<string, unknown>, input: StateInput): Record<string, unknown> {
  const type = String(el.type);
  if (input !== null && typeof input === "object" && !Array.isArray(input)) return { type, ...input };
  switch (type) {
    case "datepicker":
      return { type, selected_date: input };
    case "timepicker":
      return { type, selected_time: input };
    case "users_select":
      return { type, selected_user: input };
    case "multi_users_select":
      return { type, selected_users: input ?? [] };
    case "conversations_select":
      return { type, selected_conversation: input };
    case "channels_select":
      return { type, selected_channel: input };
    case "static_select":
    case "external_select":
    case "radio_buttons":
      return {
        type,
        selected_option:
          input === null
            ? null
            : { value: input, text: { type: "plain_text", text: optionText(el, String(input)) } },
      };
    case "checkboxes":
    case "multi_static_select":
    case "multi_external_select":
      return {
        type,
        selected_options: ((input ?? []) as string[]).map((v) => ({
          value: v,
          text: { type: "plain_text", text: optionText(el, v) },
        })),
      };
    case "file_input":
      // The uploaded files' ids; createSlackHttp fills in the file objects the stand-in knows.
      return { type, files: ((input ?? []) as string[]).map((id) => ({ id })) };
    default:
      // plain_text_input, number_input, email_text_input, url_text_input
      return { type, value: input };
  }
}

export function createSlackHttp(opts: SlackHttpOptions) {
  const teamId = opts.teamId ?? STANDIN_TEAM_ID;
  const team = { id: teamId, domain: "standin" };
  const responseUrl = () => opts.standIn?.responseUrl() ?? "https://hooks.slack.invalid/commands/none";
  // Slack issues a trigger_id per payload, good for one views.open within 3 s: the stand-in issues
  // them so it can refuse a late or reused one. Without a stand-in the id is one no Slack knows.
  const triggerId = () => opts.standIn?.newTrigger() ?? `${Date.now()}.0.${randomUUID().slice(0, 8)}`;
  const userOf = (u: SlackUserRef) => ({
    id: u.id,
    username: u.name ?? u.id.toLowerCase(),
    name: u.name ?? u.id.toLowerCase(),
    team_id: teamId,
  });

  async function post(body: string, contentType: string, send: SendOptions = {}): Promise<SlackHttpResponse> {
    const ts = send.timestamp ?? Math.floor(Date.now() / 1000);
    const secret = send.badSignature ? `${opts.signingSecret}-wrong` : opts.signingSecret;
    const headers: Record<string, string> = {
      "content-type": contentType,
      "x-slack-request-timestamp": String(ts),
      "x-slack-signature": signSlackRequest(secret, ts, body),
    };
    if (send.retryNum !== undefined) {
      headers["x-slack-retry-num"] = String(send.retryNum);
      headers["x-slack-retry-reason"] = "http_timeout";
    }
    const res = await fetch(`${opts.appUrl}/slack/events`, { method: "POST", headers, body });
    const text = await res.text();
    // The app answers at ack; its listener may still be notifying people. Wait for it, so a test sees
    // every effect of the request once the send resolves.
    await opts.afterResponse?.();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json };
  }

  const delivered = async (delivery: SlackDelivery, send: SendOptions = {}) => {
    const res = await opts.deliver!(delivery, send);
    await opts.afterResponse?.();
    return res;
  };
  const postForm = (fields: Record<string, string>, send?: SendOptions) =>
    opts.deliver
      ? delivered({ type: "slash_commands", payload: fields }, send)
      : post(new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded", send);
  const postPayload = (payload: Record<string, unknown>, send?: SendOptions) =>
    opts.deliver
      ? delivered({ type: "interactive", payload }, send)
      : postForm({ payload: JSON.stringify(payload) }, send);

  return {
    post,

    /** A slash command, e.g. sendCommand("/deduct", "<@U1|li> S-ATT-LATE", { id: "U0INSPECT1" }). */
    sendCommand(
      command: string,
      text: string,
      user: SlackUserRef,
      more: {
        channelId?: string;
        channelName?: string;
        responseUrl?: string;
        triggerId?: string;
      } & SendOptions = {},
    ) {
      const fields = {
        token: "verification-token-unused",
        team_id: teamId,
        team_domain: team.domain,
        channel_id: more.channelId ?? "C0GENERAL",
        channel_name: more.channelName ?? "general",
        user_id: user.id,
        user_name: user.name ?? user.id.toLowerCase(),
        command,
        text,
        api_app_id: "A0STANDIN",
        is_enterprise_install: "false",
        response_url: more.responseUrl ?? responseUrl(),
        trigger_id: more.triggerId ?? triggerId(),
      };
      return postForm(fields, more);
    },

    /**
     * A block_actions payload: a button or select in a message (give `message`/`channelId`) or in a
     * view (give `view`). `action` needs at least action_id; value/selected_option as Slack sends them.
     */
    sendAction(
      user: SlackUserRef,
      action: { action_id: string; block_id?: string; value?: string; type?: string; [k: string]: unknown },
      more: {
        view?: ViewJson;
        channelId?: string;
        message?: { ts: string; text?: string; blocks?: unknown[] };
        isEphemeral?: boolean;
        responseUrl?: string;
      } & SendOptions = {},
    ) {
      const container = more.view
        ? { type: "view", view_id: more.view.id }
        : {
            type: "message",
            message_ts: more.message?.ts ?? "1700000000.000001",
            channel_id: more.channelId ?? "C0GENERAL",
            is_ephemeral: more.isEphemeral ?? false,
          };
      const payload: Record<string, unknown> = {
        type: "block_actions",
        user: userOf(user),
        api_app_id: "A0STANDIN",
        token: "verification-token-unused",
        container,
        trigger_id: triggerId(),
        team,
        enterprise: null,
        is_enterprise_install: false,
        actions: [
          {
            type: "button",
            block_id: action.block_id ?? "actions",
            action_ts: String(Date.now() / 1000),
            ...action,
          },
        ],
      };
      if (more.view) payload.view = { team_id: teamId, state: { values: {} }, ...more.view };
      else {
        payload.channel = { id: more.channelId ?? "C0GENERAL", name: "general" };
        payload.message = { type: "message", text: "", ...more.message };
        payload.response_url = more.responseUrl ?? responseUrl();
      }
      return postPayload(payload, more);
    },

    /**
     * A view_submission of `view` (e.g. the view the app opened: standIn.callsTo("views.open")[0].args.view
     * plus the id the stand-in gave it). `values` is keyed by action_id (see fillViewState), or pass
     * `stateValues` to give Slack's raw state.values.
     */
    sendViewSubmission(
      user: SlackUserRef,
      view: ViewJson,
      values: Record<string, StateInput> = {},
      more: { stateValues?: Record<string, Record<string, unknown>> } & SendOptions = {},
    ) {
      const state = more.stateValues ?? fillViewState(view, values);
      // A file_input's value is Slack's file objects, as files.info describes them (bolt's ViewStateValue.files).
      for (const block of Object.values(state))
        for (const v of Object.values(block) as Array<{ files?: Array<{ id: string }> }>)
          if (Array.isArray(v.files))
            v.files = v.files.map((f) => opts.standIn?.fileInfo(f.id) ?? f) as typeof v.files;
      const payload = {
        type: "view_submission",
        team,
        user: userOf(user),
        api_app_id: "A0STANDIN",
        token: "verification-token-unused",
        trigger_id: triggerId(),
        view: {
          id: view.id ?? "V0SUBMIT",
          team_id: teamId,
          type: "modal",
          hash: view.hash ?? "h0",
          private_metadata: view.private_metadata ?? "",
          callback_id: view.callback_id ?? "",
          ...view,
          state: { values: state },
        },
        response_urls: [],
        is_enterprise_install: false,
        enterprise: null,
      };
      return postPayload(payload, more);
    },

    /** A view_closed (notify_on_close) payload. */
    sendViewClosed(user: SlackUserRef, view: ViewJson, send?: SendOptions) {
      return postPayload({ type: "view_closed", team, user: userOf(user), view, is_cleared: false }, send);
    },

    /**
     * A block_suggestion (external_select options) request: what Slack sends while the user types.
     * Bolt answers it in the HTTP response body: `json.options` / `json.option_groups`.
     */
    sendOptions(
      user: SlackUserRef,
      actionId: string,
      value: string,
      more: { blockId?: string; view?: ViewJson } & SendOptions = {},
    ) {
      const payload: Record<string, unknown> = {
        type: "block_suggestion",
        user: userOf(user),
        team,
        api_app_id: "A0STANDIN",
        token: "verification-token-unused",
        action_id: actionId,
        block_id: more.blockId ?? actionId,
        value,
        container: more.view ? { type: "view", view_id: more.view.id } : { type: "message" },
      };
      if (more.view) payload.view = { team_id: teamId, state: { values: {} }, ...more.view };
      return postPayload(payload, more);
    },

    /** An Events API event wrapped as Slack does (event_callback with authorizations). */
    sendEvent(event: Record<string, unknown>, send?: SendOptions) {
      const body = {
        token: "verification-token-unused",
        team_id: teamId,
        api_app_id: "A0STANDIN",
        event: { event_ts: String(Date.now() / 1000), ...event },
        type: "event_callback",
        event_id: `Ev${randomUUID().replace(/-/g, "").slice(0, 10).toUpperCase()}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [
          { team_id: teamId, user_id: STANDIN_BOT_USER_ID, is_bot: true, is_enterprise_install: false },
        ],
        is_ext_shared_channel: false,
      };
      return opts.deliver
        ? delivered({ type: "events_api", payload: body }, send)
        : post(JSON.stringify(body), "application/json", send);
    },

    /** A direct message to the bot (message.im). */
    sendMessageIm(user: SlackUserRef, text: string, channel?: string, send?: SendOptions) {
      const ts = `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
      return this.sendEvent(
        {
          type: "message",
          channel_type: "im",
          channel: channel ?? `D${user.id.slice(1)}`,
          user: user.id,
          text,
          ts,
        },
        send,
      );
    },

    /** The user opened the app's Home tab. */
    sendAppHomeOpened(user: SlackUserRef, send?: SendOptions) {
      return this.sendEvent(
        { type: "app_home_opened", user: user.id, channel: `D${user.id.slice(1)}`, tab: "home" },
        send,
      );
    },

    /** Slack's URL verification handshake; the app must echo the challenge. */
    sendUrlVerification(challenge: string, send?: SendOptions) {
      return post(
        JSON.stringify({ token: "verification-token-unused", challenge, type: "url_verification" }),
        "application/json",
        send,
      );
    },
  };
}

export type SlackHttp = ReturnType<typeof createSlackHttp>;
