// Reading what the bot sent, for assertions: every piece of text of a message, view or list of them.
// (test/e2e/requests.test.ts, cover-reminder.test.ts and reopen-month.test.ts still keep a copy each.)

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
