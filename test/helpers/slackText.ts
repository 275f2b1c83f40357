// Reading what the bot sent, for assertions: the stand-in calls one act led to, every piece of text of a
// message, view or list of them, and the modal a click opened. Shared by the e2e tests.
import type { AppHarness } from "./appHarness.ts";
import type { ViewJson } from "./slackHttp.ts";
import type { SlackStandIn, StandInCall } from "./slackStandIn.ts";

/** The stand-in calls made while `fn` ran (the harness awaits the app's follow-up work per request). */
export async function callsDuring(
  h: { standIn: Pick<SlackStandIn, "calls"> },
  fn: () => Promise<unknown>,
): Promise<StandInCall[]> {
  const from = h.standIn.calls.length;
  await fn();
  return h.standIn.calls.slice(from);
}

/** The modal a click opened, as it stands after the loading view was replaced. */
export function lastView(calls: StandInCall[]): ViewJson {
  const c = calls.filter((x) => x.method === "views.update" || x.method === "views.open").at(-1);
  const view = (c as { response?: { view?: ViewJson } } | undefined)?.response?.view;
  if (!view) throw new Error("no view opened");
  return view;
}

/** Every `text` string found anywhere in `x` (a message's text and all its block texts), one a line. */
export function textOf(x: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      for (const [k, w] of Object.entries(v as Record<string, unknown>)) {
        if (k === "text" && typeof w === "string") out.push(w);
        else walk(w);
      }
    }
  };
  walk(x);
  return out.join("\n");
}

type Json = Record<string, unknown>;

/** What the app sent to response_urls among `calls` (previews, ephemeral replies), as sent. */
export function responses(calls: StandInCall[]): Json[] {
  return calls.filter((c) => c.method === "response_url").map((c) => c.args);
}

/** The button `actionId` of a message (in an actions block or as a section's accessory), if it has one. */
export function buttonIn(message: Json, actionId: string): Json | undefined {
  return ((message.blocks as Json[]) ?? [])
    .flatMap((b) => [...((b.elements as Json[]) ?? []), ...(b.accessory ? [b.accessory as Json] : [])])
    .find((e) => e.action_id === actionId);
}

/** The button `actionId` of a message; fails naming the message when it has none. */
export function button(message: Json, actionId: string): Json {
  const found = buttonIn(message, actionId);
  if (!found) throw new Error(`no ${actionId} button in ${JSON.stringify(message).slice(0, 500)}`);
  return found;
}

/** A /qingjia one-liner, then Submit on its preview: the preview, the calls the submission made, the request. */
export async function submitQuick(h: AppHarness, user: string, text: string) {
  const [preview] = responses(
    await callsDuring(h, () => h.slack.sendCommand("/qingjia", text, { id: user })),
  );
  if (!preview) throw new Error(`no preview for /qingjia ${text}`);
  const submit = button(preview, "req_submit");
  const sent = await callsDuring(h, () =>
    h.slack.sendAction(
      { id: user },
      { action_id: "req_submit", value: String(submit.value) },
      { isEphemeral: true },
    ),
  );
  const request = await h.db.request.findFirstOrThrow({
    where: { requesterId: user },
    orderBy: { id: "desc" },
  });
  return { preview, sent, request };
}
