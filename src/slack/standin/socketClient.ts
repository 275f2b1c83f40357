// Drives the app over Socket Mode with the same calls as createSlackHttp (sendCommand, sendAction,
// sendViewSubmission, sendOptions, sendEvent …) and the same payloads: each goes out through the Socket
// Mode stand-in as an envelope, and the app's ack is the response. A view submission's response_action
// or an option list comes back as the ack's payload, exactly where Slack reads it.
import type { SlackStandIn } from "./index.ts";
import {
  createSlackHttp,
  type SendOptions,
  type SlackDelivery,
  type SlackHttpResponse,
} from "./slackHttp.ts";
import type { SocketModeStandIn } from "./socketMode.ts";

export interface SlackSocketOptions {
  socket: SocketModeStandIn;
  /** When given, commands and interactions carry a response_url the stand-in records. */
  standIn?: SlackStandIn;
  teamId?: string;
  /** Awaited after each ack, e.g. the app's idle(): listeners go on after their ack. */
  afterResponse?: () => Promise<void>;
}

/** The ack as createSlackHttp's response: 200, the payload as text and JSON (none for an empty ack). */
async function deliverOverSocket(
  socket: SocketModeStandIn,
  delivery: SlackDelivery,
  send: SendOptions,
): Promise<SlackHttpResponse> {
  // No signature or timestamp on a socket: the app-level token authenticated the connection. A retry
  // number becomes the envelope's retry_attempt, as Slack redelivers an event it got no ack for.
  const ack = await socket.send(
    delivery.type,
    delivery.payload,
    send.retryNum === undefined ? {} : { retryAttempt: send.retryNum, retryReason: "timeout" },
  );
  const text = ack.payload ? JSON.stringify(ack.payload) : "";
  return { status: 200, text, json: ack.payload };
}

export function createSlackSocket(opts: SlackSocketOptions) {
  const { socket, ...rest } = opts;
  return createSlackHttp({
    ...rest,
    // Only `post` and `sendUrlVerification` use these, and they have no Socket Mode equivalent.
    appUrl: "http://socket-mode.invalid",
    signingSecret: "unused-in-socket-mode",
    deliver: (delivery, send) => deliverOverSocket(socket, delivery, send),
  });
}

export type SlackSocket = ReturnType<typeof createSlackSocket>;
