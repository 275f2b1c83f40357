// A sick leave's certificate sent to the bot (RULES.md §3 二 "attach or confirm"): a photo or PDF shared
// in the DM (message.im, subtype file_share), or uploaded in the request form's file_input. The file's
// facts come from files.info (scope files:read); the service decides whether it may be attached
// (the requester's own upload, an image or PDF, size bound) and the approvers' messages then link it.
import type { webApi } from "@slack/bolt";
import { attachToRequest, type RequestAttachmentKind } from "../services/attachments.ts";
import type { ServiceContext } from "../services/context.ts";
import { escapeSlackText } from "./blocks/escape.ts";
import { errorText, type Lang, t } from "./i18n/index.ts";
import { attachNotices } from "./sickFlow.ts";
import { slackFileFacts } from "./slackFiles.ts";

/** The certificate files a request form carried to its Submit (private_metadata "files"). */
export function carriedFiles(metadata: string | undefined): string[] {
  try {
    const files = (JSON.parse(metadata ?? "{}") as { files?: unknown }).files;
    return Array.isArray(files)
      ? files.filter((f): f is string => typeof f === "string" && /^F[A-Z0-9]{1,30}$/.test(f)).slice(0, 10)
      : [];
  } catch {
    return [];
  }
}

/** Files taken from one message: Slack allows ten a message; a certificate is a page or a few. */
const FILES_PER_MESSAGE = 10;

/** "#12", "申请 12", "request 12", or a message that is only "12": the request it names, if any. */
export function namedRequestId(text: string): number | null {
  const m =
    /#\s*(\d{1,9})\b/.exec(text) ??
    /(?:申请|request)\s*(\d{1,9})\b/i.exec(text) ??
    /^\s*(\d{1,9})\s*$/.exec(text);
  return m ? Number(m[1]) : null;
}

/** The designated hospitals' form when the message says so ("证明表", "指定医院", "form"); else the certificate. */
export function namedKind(text: string): RequestAttachmentKind {
  return /证明表|指定医院|designated|\bform\b/i.test(text) ? "designated_form" : "certificate";
}

/** Attaches each file to the request the text names (or the requester's latest sick leave); one line each. */
export async function attachFiles(
  ctx: ServiceContext,
  client: webApi.WebClient,
  lang: Lang,
  userId: string,
  fileIds: readonly string[],
  text: string,
  requestId: number | null = namedRequestId(text),
  kind: RequestAttachmentKind = namedKind(text),
): Promise<string> {
  const lines: string[] = [];
  for (const fileId of fileIds.slice(0, FILES_PER_MESSAGE)) {
    const facts = await slackFileFacts(client, fileId);
    if (!facts.ok) {
      lines.push(errorText(lang, facts));
      continue;
    }
    const r = await attachToRequest(
      ctx,
      { requestId, actorId: userId, kind, file: facts.value },
      attachNotices(ctx),
    );
    const name = escapeSlackText(facts.value.name);
    if (!r.ok) lines.push(errorText(lang, { ...r, detail: { ...r.detail, name } }));
    else
      lines.push(
        t(lang, r.value.created ? "sick.dm.attached" : "sick.dm.already", {
          name,
          id: r.value.request.id,
          kind: r.value.attachment.kind,
        }),
      );
  }
  return lines.join("\n");
}
