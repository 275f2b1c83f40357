// Text people typed is echoed back only through here (docs/architecture.md "Slack app"): Slack reads
// <…> as mentions and links (<!channel>, <!here>, <@U…>, <https://…|label>) and & starts an entity,
// so escaping the three control characters makes echoed text inert. Slack's own rule:
// https://api.slack.com/reference/surfaces/formatting#escaping
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Undoes Slack's escaping of what a person typed (slash-command text arrives with &amp; &lt; &gt;). */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}
