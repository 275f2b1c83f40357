// Reading a file a person uploaded in a modal (a file_input): Slack hands the view_submission the file
// ids; files.info (scope files:read) gives the file's name, size and url_private_download, and the
// bytes are fetched from that URL with the bot token in the Authorization header
// (docs.slack.dev/messaging/working-with-files "Downloading files"). Without the token Slack answers
// no error but a redirect to its sign-in page, so anything but a 200 with the file is refused rather
// than read as a CSV. The token goes only to Slack's file host (or the stand-in's, which SLACK_API_URL
// names), never to a URL from anywhere else; the size is bounded before and during the download.
import type { webApi } from "@slack/bolt";
import { err, ok, type Result } from "../domain/result.ts";
import { tooLarge } from "../services/admin.ts";
import type { FileFacts } from "../services/attachments.ts";
import { honouringRetryAfter } from "./requestFlow.ts";

/** Where Slack serves url_private / url_private_download. */
export const SLACK_FILES_HOST = new URL("https://files.slack.com/").host;
/** A download that takes longer than this is given up (the person is told to try again). */
const DOWNLOAD_TIMEOUT_MS = 15_000;

export interface SlackFile {
  id: string;
  name: string;
  /** Who uploaded it. */
  user: string;
  bytes: Uint8Array;
}

/** Is `url` on Slack's file host (or the stand-in's, the host of `slackApiUrl`)? No credentials in it. */
export function isSlackFileUrl(url: unknown, slackApiUrl: string): boolean {
  if (typeof url !== "string" || url.length > 3000) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (u.protocol === "https:" && u.host === SLACK_FILES_HOST) return true;
  try {
    const api = new URL(slackApiUrl);
    return u.protocol === api.protocol && u.host === api.host;
  } catch {
    return false;
  }
}

/** What files.info says of a file (the fields read here), "missing", or why Slack could not say. */
async function filesInfo(
  client: webApi.WebClient,
  fileId: string,
): Promise<{ info: FileInfoFields } | "missing" | { reason: string }> {
  try {
    const info = (await honouringRetryAfter(() => client.files.info({ file: fileId }))).file;
    return info ? { info } : "missing";
  } catch (e) {
    const code = (e as { data?: { error?: string } }).data?.error;
    if (code === "file_not_found" || code === "file_deleted") return "missing";
    return { reason: code ?? (e instanceof Error ? e.message : String(e)) };
  }
}

interface FileInfoFields {
  name?: string;
  filetype?: string;
  mimetype?: string;
  size?: number;
  user?: string;
  url_private_download?: string;
  url_private?: string;
  permalink?: string;
}

const unreadable = (reason: string) => err("ADMIN.FILE_UNREADABLE", { reason });

/**
 * The CSV file `fileId` with its bytes. Codes: ADMIN.FILE_NOT_FOUND, ADMIN.NOT_CSV {name},
 * ADMIN.FILE_TOO_LARGE {name, sizeMb, maxMb}, ADMIN.FILE_UNREADABLE {reason}.
 */
export async function fetchSlackFile(
  client: webApi.WebClient,
  token: string | undefined,
  fileId: string,
  maxBytes: number,
): Promise<Result<SlackFile>> {
  const found = await filesInfo(client, fileId);
  if (found === "missing") return err("ADMIN.FILE_NOT_FOUND");
  if ("reason" in found) return unreadable(found.reason);
  const { info } = found;
  const name = info.name ?? fileId;
  // file_input's filetypes is "for convenience only": the type is checked here (Block Kit reference).
  if (info.filetype !== "csv" && !/\.csv$/i.test(name)) return err("ADMIN.NOT_CSV", { name });
  if ((info.size ?? 0) > maxBytes) return err("ADMIN.FILE_TOO_LARGE", tooLarge({ name, size: info.size }));
  const url = info.url_private_download ?? info.url_private;
  if (!isSlackFileUrl(url, client.slackApiUrl)) return unreadable("not a Slack file address");
  if (!token) return unreadable("no bot token");
  let res: Response;
  try {
    res = await fetch(url as string, {
      headers: { authorization: `Bearer ${token}` },
      // A redirect is Slack's sign-in page, not the file: never followed.
      redirect: "manual",
      signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
    });
  } catch (e) {
    return unreadable(e instanceof Error ? e.message : String(e));
  }
  const type = res.headers.get("content-type") ?? "";
  if (res.status !== 200 || type.startsWith("text/html")) {
    await res.body?.cancel();
    return unreadable(res.status === 200 ? "sign-in page" : `HTTP ${res.status}`);
  }
  // Read at most maxBytes (files.info's size could be stale or wrong).
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = res.body?.getReader();
  for (;;) {
    const r = reader ? await reader.read() : { done: true as const, value: undefined };
    if (r.done) break;
    length += r.value.length;
    if (length > maxBytes) {
      await reader?.cancel();
      return err("ADMIN.FILE_TOO_LARGE", tooLarge({ name, size: length }));
    }
    chunks.push(r.value);
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return ok({ id: fileId, name, user: info.user ?? "", bytes });
}

/**
 * What files.info says about `fileId`, without its bytes (a certificate is linked, not read): name, type,
 * size, uploader and permalink (docs.slack.dev/reference/objects/file-object). Codes: ATTACH.FILE_NOT_FOUND,
 * ATTACH.FILE_UNREADABLE {reason}.
 */
export async function slackFileFacts(client: webApi.WebClient, fileId: string): Promise<Result<FileFacts>> {
  const found = await filesInfo(client, fileId);
  if (found === "missing") return err("ATTACH.FILE_NOT_FOUND");
  if ("reason" in found) return err("ATTACH.FILE_UNREADABLE", { reason: found.reason });
  const { info } = found;
  return ok({
    id: fileId,
    name: info.name ?? fileId,
    mimetype: info.mimetype ?? "",
    filetype: info.filetype ?? "",
    size: info.size ?? 0,
    user: info.user ?? "",
    permalink: info.permalink ?? "",
  });
}
