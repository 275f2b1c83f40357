// Text people typed is echoed back only through here (docs/architecture.md "Slack app"): Slack reads
// <…> as mentions and links (<!channel>, <!here>, <@U…>, <https://…|label>) and & starts an entity,
// so escaping the three control characters makes echoed text inert. Slack's own rule:
// https://api.slack.com/reference/surfaces/formatting#escaping
import { cleanText } from "../../domain/text.ts";

export function escapeSlackText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Undoes Slack's escaping of what a person typed (slash-command text arrives with &amp; &lt; &gt;). */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/**
 * What a person typed, from text Slack escaped: slash-command text and message events arrive with
 * & < > as &amp; &lt; &gt; (even with should_escape off), so the entities are undone here, once, and the
 * invisible and control characters taken out (cleanText). Modal values (view_submission) arrive as
 * typed: they go through cleanText alone. Length limits then count what the person typed.
 */
export function typedText(slackText: string, opts: { multiline?: boolean } = {}): string {
  return cleanText(unescapeSlackText(slackText), opts);
}
