// Turns what the Slack stand-in recorded into a readable transcript: who did what, then what each
// person saw in Slack (DMs, channel posts, ephemerals, modals, replies to a command), as they saw it.
import type { StandInCall } from "../slack/standin/index.ts";

export interface Who {
  name: string;
  title?: string;
}

export interface TranscriptStep {
  /** Shanghai wall-clock time of the step, e.g. "11-05 09:10". */
  at: string;
  actorId: string;
  /** What the actor did, e.g. "/qingjia 事假 …" or "点击「同意」". */
  action: string;
  /** The HTTP answer to the request (an ack with text, a response_action), if it carried anything. */
  reply?: unknown;
  /** Stand-in calls made while the step was handled. */
  calls: StandInCall[];
}

type Json = Record<string, unknown>;

export class Transcript {
  readonly steps: TranscriptStep[] = [];
  private readonly people: Map<string, Who>;
  private readonly dmOwner = new Map<string, string>();
  private readonly channelNames: Map<string, string>;
  /** What each posted message (channel/ts) last showed, so an update shows only what changed. */
  private readonly shown = new Map<string, string[]>();

  constructor(
    people: Map<string, Who>,
    dmChannel: (userId: string) => string,
    channels: Map<string, string>,
  ) {
    this.people = people;
    for (const id of people.keys()) this.dmOwner.set(dmChannel(id), id);
    this.channelNames = channels;
  }

  add(step: TranscriptStep): void {
    this.steps.push(step);
  }

  /** A user id as the transcript names them. */
  name(id: string): string {
    const p = this.people.get(id);
    return p ? p.name : id;
  }

  private label(id: string): string {
    const p = this.people.get(id);
    return p ? `${p.name}${p.title ? `（${p.title}）` : ""}` : id;
  }

  /** Where a message to `channel` lands, as its reader sees it. */
  private place(channel: string): string {
    if (/^[UW][A-Z0-9]+$/.test(channel)) return `${this.label(channel)} 的私信`;
    const owner = this.dmOwner.get(channel);
    if (owner) return `${this.label(owner)} 的私信`;
    const name = this.channelNames.get(channel);
    return name ? `#${name} 频道` : `频道 ${channel}`;
  }

  /** Slack mrkdwn to plain reading text: mentions to names, links to their labels. */
  plain(text: string): string {
    return text
      .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (_, id: string) => `@${this.name(id)}`)
      .replace(
        /<#(C[A-Z0-9]+)(?:\|([^>]*))?>/g,
        (_, id: string, n?: string) => `#${n ?? this.channelNames.get(id) ?? id}`,
      )
      .replace(/<!(here|channel|everyone)>/g, "@$1")
      .replace(/<(https?:[^|>]+)\|([^>]+)>/g, "$2")
      .replace(/<(https?:[^>]+)>/g, "$1")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  }

  private textOf(t: unknown): string {
    if (!t || typeof t !== "object") return typeof t === "string" ? this.plain(t) : "";
    const o = t as Json;
    return typeof o.text === "string" ? this.plain(o.text) : "";
  }

  private element(el: Json): string {
    switch (el.type) {
      case "button":
        return `[${this.textOf(el.text)}]`;
      case "static_select":
      case "external_select":
      case "users_select":
      case "conversations_select":
      case "channels_select":
      case "multi_static_select":
      case "multi_users_select":
        return `‹${this.textOf(el.placeholder) || "选择…"}${el.initial_option ? `: ${this.textOf((el.initial_option as Json).text)}` : ""}${el.initial_user ? `: ${this.name(String(el.initial_user))}` : ""}›`;
      case "datepicker":
        return `‹📅 ${String(el.initial_date ?? this.textOf(el.placeholder) ?? "")}›`;
      case "plain_text_input":
      case "number_input":
        return `‹${String(el.initial_value ?? "") || this.textOf(el.placeholder) || "＿＿"}›`;
      case "radio_buttons":
      case "checkboxes": {
        const opts = (el.options ?? []) as Json[];
        return opts.map((o) => `○ ${this.textOf(o.text)}`).join("  ");
      }
      case "image":
        return `[图片 ${String(el.alt_text ?? "")}]`;
      case "mrkdwn":
      case "plain_text":
        return this.textOf(el);
      default:
        return `‹${String(el.type)}›`;
    }
  }

  /** Block Kit blocks as indented reading lines. */
  blocks(blocks: unknown): string[] {
    if (!Array.isArray(blocks)) return [];
    const out: string[] = [];
    for (const b of blocks as Json[]) {
      switch (b.type) {
        case "header":
          out.push(`【${this.textOf(b.text)}】`);
          break;
        case "divider":
          out.push("――――");
          break;
        case "section": {
          const text = this.textOf(b.text);
          if (text) out.push(...text.split("\n"));
          for (const f of (b.fields ?? []) as Json[]) out.push(`  ${this.textOf(f)}`.replace(/\n/g, " "));
          if (b.accessory) out.push(`  ${this.element(b.accessory as Json)}`);
          break;
        }
        case "context":
          for (const line of ((b.elements ?? []) as Json[])
            .map((e) => this.element(e))
            .join(" · ")
            .split("\n"))
            out.push(`  ${line}`);
          break;
        case "actions":
          out.push(((b.elements ?? []) as Json[]).map((e) => this.element(e)).join(" "));
          break;
        case "input": {
          const opt = b.optional ? "（选填）" : "";
          out.push(`${this.textOf(b.label)}${opt}：${this.element((b.element ?? {}) as Json)}`);
          break;
        }
        case "rich_text":
          out.push(JSON.stringify(b.elements ?? []).replace(/.*?"text":"([^"]*)".*?/g, "$1"));
          break;
        default:
          out.push(`‹${String(b.type)}›`);
      }
    }
    return out;
  }

  private message(args: Json): string[] {
    const lines = this.blocks(args.blocks);
    if (lines.length) return lines;
    return typeof args.text === "string" ? this.plain(args.text).split("\n") : [];
  }

  private view(view: Json): string[] {
    const title = this.textOf(view.title);
    const submit = view.submit ? `  [${this.textOf(view.submit)}]` : "";
    return [`┌ 弹窗「${title}」${submit}`, ...this.blocks(view.blocks).map((l) => `│ ${l}`), "└"];
  }

  /** The lines a step produced, one block per reader. */
  private seen(step: TranscriptStep): { who: string; how: string; lines: string[] }[] {
    const out: { who: string; how: string; lines: string[] }[] = [];
    const actor = this.label(step.actorId);
    const reply = step.reply as Json | string | undefined;
    if (typeof reply === "string" && reply.trim()) {
      out.push({ who: actor, how: "即时回复", lines: this.plain(reply).split("\n") });
    } else if (reply && typeof reply === "object") {
      if (reply.response_action === "errors" && reply.errors) {
        out.push({
          who: actor,
          how: "弹窗提示",
          lines: Object.values(reply.errors as Json).map((e) => `⚠ ${String(e)}`),
        });
      } else if (reply.response_action === "update" || reply.response_action === "push") {
        out.push({ who: actor, how: "弹窗更新", lines: this.view((reply.view ?? {}) as Json) });
      } else if (reply.text || reply.blocks) {
        out.push({ who: actor, how: "即时回复", lines: this.message(reply) });
      }
    }
    for (const c of step.calls) {
      const a = c.args;
      if (c.failed) continue;
      switch (c.method) {
        case "chat.postMessage": {
          const lines = this.message(a);
          const r = c.response;
          if (r?.ok) this.shown.set(`${String(r.channel)}/${String(r.ts)}`, lines);
          out.push({ who: this.place(String(a.channel)), how: "新消息", lines });
          break;
        }
        case "chat.update": {
          const lines = this.message(a);
          const key = `${String(c.response?.channel ?? a.channel)}/${String(a.ts)}`;
          const before = this.shown.get(key);
          this.shown.set(key, lines);
          if (!before) {
            out.push({ who: this.place(String(a.channel)), how: "消息更新为", lines });
            break;
          }
          // Only the lines that changed: the rest of the message stays as it was.
          const old = new Set(before);
          const changed = lines.filter((l) => !old.has(l));
          out.push({
            who: this.place(String(a.channel)),
            how: "原消息更新（只列出变化的行）",
            lines: changed.length ? changed : ["（内容未变）"],
          });
          break;
        }
        case "chat.postEphemeral":
          out.push({ who: this.label(String(a.user)), how: "仅自己可见", lines: this.message(a) });
          break;
        case "response_url":
          out.push({
            who: actor,
            how: a.replace_original === true || a.replace_original === "true" ? "原消息改为" : "仅自己可见",
            lines: this.message(a),
          });
          break;
        case "views.open":
        case "views.push": {
          out.push({ who: actor, how: "打开弹窗", lines: this.view((a.view ?? {}) as Json) });
          break;
        }
        case "views.update":
          out.push({
            who: actor,
            how: "弹窗更新",
            lines: this.view((a.view ?? {}) as Json),
          });
          break;
        case "views.publish":
          out.push({
            who: this.label(String(a.user_id)),
            how: "首页更新",
            lines: this.view((a.view ?? {}) as Json),
          });
          break;
        case "files.completeUploadExternal": {
          const files = ((a.files ?? []) as Json[]).map((f) => String(f.title ?? f.id)).join("、");
          out.push({
            who: this.place(String(a.channel_id ?? "")),
            how: "文件",
            lines: [
              `📎 ${files}`,
              ...(a.initial_comment ? this.plain(String(a.initial_comment)).split("\n") : []),
            ],
          });
          break;
        }
        default:
          break; // users.info, conversations.open, auth.test … are not seen by anyone
      }
    }
    return out;
  }

  render(): string {
    const lines: string[] = [];
    for (const step of this.steps) {
      lines.push(`### ${step.at}  ${this.label(step.actorId)}：${step.action}`);
      const seen = this.seen(step);
      if (seen.length === 0) lines.push("  （Slack 中无可见变化）");
      for (const s of seen) {
        lines.push(`  → ${s.who} · ${s.how}`);
        for (const l of s.lines) if (l.trim()) lines.push(`      ${l}`);
      }
      lines.push("");
    }
    return lines.join("\n");
  }
}
