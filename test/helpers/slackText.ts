// Reading what the bot sent, for assertions: the stand-in calls one act led to, every piece of text of a
// message, view or list of them, and the modal a click opened. Shared by the e2e tests.
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
