// Block Kit as strict as Slack (issue #8): the limits Slack's Block Kit reference documents, checked on
// every message (chat.postMessage/update/postEphemeral, response_url posts) and view (views.open/push/
// update/publish) the stand-in receives. Slack refuses a message with `invalid_blocks` and a view with
// `invalid_arguments`, each with a `response_metadata.messages` line such as
// "[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]"; `detail` is that line.
//
// Sources (docs.slack.dev / api.slack.com): reference/block-kit/blocks (each block's fields and limits),
// reference/block-kit/block-elements, reference/block-kit/composition-objects, reference/views (modal
// and Home view payloads), reference/methods/chat.postMessage ("truncate messages containing more than
// 40,000 characters", `no_text`).
//
// Characters are counted as JS string length (UTF-16 code units). Slack does not document how it
// counts; for the Chinese text the bot sends (all in the Basic Multilingual Plane) both agree, and an
// emoji outside it counts 2 here, so we err on the strict side only for astral characters.

export interface BlockKitProblem {
  error: "invalid_blocks" | "invalid_arguments";
  detail: string;
}

/** Every number in one place, each as the Block Kit reference states it. */
export const BLOCK_KIT_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  /** Text object (plain_text / mrkdwn) text, section text, markdown block text is 12,000. */
  text: 3000,
  markdownBlockText: 12000,
  headerText: 150,
  sectionFields: 10,
  sectionFieldText: 2000,
  contextElements: 10,
  actionsElements: 25,
  blockId: 255,
  actionId: 255,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  imageAltText: 2000,
  imageTitle: 2000,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  plainTextInputLength: 3000,
  /** file_input max_files: "Minimum of 1, maximum of 10". */
  fileInputMaxFiles: 10,
  /** file_input filetypes: Slack states no number; one per extension Slack knows is plenty. */
  fileInputTypes: 100,
  selectOptions: 100,
  selectOptionGroups: 100,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  optionGroupLabel: 75,
  checkboxOptions: 10,
  radioOptions: 10,
  overflowOptions: 5,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  viewTitle: 24,
  viewSubmit: 24,
  viewClose: 24,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
} as const;

const L = BLOCK_KIT_LIMITS;

type Obj = Record<string, unknown>;

const MESSAGE_BLOCKS = new Set([
  "section",
  "divider",
  "image",
  "actions",
  "context",
  "header",
  "input",
  "rich_text",
  "file",
  "video",
  "markdown",
]);
// file and markdown blocks are messages only (Block Kit reference "Available in surfaces").
const VIEW_BLOCKS = new Set([
  "section",
  "divider",
  "image",
  "actions",
  "context",
  "header",
  "input",
  "rich_text",
  "video",
]);

// Interactive elements and where the reference allows them.
const SELECTS = new Set([
  "static_select",
  "external_select",
  "users_select",
  "conversations_select",
  "channels_select",
  "multi_static_select",
  "multi_external_select",
  "multi_users_select",
  "multi_conversations_select",
  "multi_channels_select",
]);
const INPUT_ONLY = new Set([
  "plain_text_input",
  "number_input",
  "email_text_input",
  "url_text_input",
  "datetimepicker",
  "file_input",
  "rich_text_input",
]);
const ACTION_ELEMENTS = new Set([
  "button",
  "checkboxes",
  "datepicker",
  "datetimepicker",
  "overflow",
  "radio_buttons",
  "timepicker",
  "workflow_button",
  "rich_text_input",
  ...SELECTS,
]);
const ACCESSORY_ELEMENTS = new Set([
  "button",
  "checkboxes",
  "datepicker",
  "image",
  "overflow",
  "radio_buttons",
  "timepicker",
  "workflow_button",
  ...SELECTS,
]);
const INPUT_ELEMENTS = new Set([
  "checkboxes",
  "datepicker",
  "radio_buttons",
  "timepicker",
  ...SELECTS,
  ...INPUT_ONLY,
]);

class Problem extends Error {
  constructor(readonly detail: string) {
    super(detail);
  }
}

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Walks one message or view, throwing a Problem at the first thing Slack would refuse. */
class Checker {
  private readonly blockIds = new Set<string>();

  constructor(private readonly allowed: Set<string>) {}

  private fail(msg: string, at: string): never {
    throw new Problem(`[ERROR] ${msg} [json-pointer:${at}]`);
  }

  private maxLen(v: unknown, max: number, at: string): void {
    if (typeof v === "string" && v.length > max) this.fail(`must be less than ${max + 1} characters`, at);
  }

  private required(o: Obj, key: string, at: string): unknown {
    if (o[key] === undefined || o[key] === null) this.fail(`missing required field: ${key}`, at);
    return o[key];
  }

  private string(v: unknown, at: string, { min = 1, max }: { min?: number; max: number }): void {
    if (typeof v !== "string") this.fail("must be a string", at);
    if (v.length < min) this.fail(`must be more than ${min - 1} characters`, at);
    this.maxLen(v, max, at);
  }

  private array(v: unknown, at: string, { min = 1, max }: { min?: number; max: number }): unknown[] {
    if (!Array.isArray(v)) this.fail("must be an array", at);
    if (v.length < min) this.fail(`must provide at least ${min} items`, at);
    if (v.length > max) this.fail(`no more than ${max} items allowed`, at);
    return v;
  }

  /** A composition text object; `plainOnly` when the field accepts only plain_text. */
  text(v: unknown, at: string, max: number = L.text, plainOnly = false): void {
    if (!isObj(v)) this.fail("must be a text object", at);
    if (v.type !== "plain_text" && (plainOnly || v.type !== "mrkdwn"))
      this.fail(`must be ${plainOnly ? "plain_text" : "plain_text or mrkdwn"}`, `${at}/type`);
    this.string(v.text, `${at}/text`, { max });
  }

  private option(o: unknown, at: string, plainOnly: boolean): void {
    if (!isObj(o)) this.fail("must be an option object", at);
    this.text(this.required(o, "text", at), `${at}/text`, L.optionText, plainOnly);
    this.string(this.required(o, "value", at), `${at}/value`, { max: L.optionValue });
    if (o.description !== undefined)
      this.text(o.description, `${at}/description`, L.optionDescription, plainOnly);
    this.maxLen(o.url, L.url, `${at}/url`);
  }

  private options(v: unknown, at: string, max: number, plainOnly: boolean, min = 1): void {
    this.array(v, at, { min, max }).forEach((o, i) => {
      this.option(o, `${at}/${i}`, plainOnly);
    });
  }

  private confirm(v: unknown, at: string): void {
    if (!isObj(v)) this.fail("must be a confirm object", at);
    this.text(this.required(v, "title", at), `${at}/title`, L.confirmTitle, true);
    this.text(this.required(v, "text", at), `${at}/text`, L.confirmText);
    this.text(this.required(v, "confirm", at), `${at}/confirm`, L.confirmButton, true);
    this.text(this.required(v, "deny", at), `${at}/deny`, L.confirmButton, true);
  }

  /** An element of any kind; `actionIds` holds the ids already used in the containing block. */
  element(e: unknown, at: string, allowed: Set<string>, actionIds: Set<string>): void {
    if (!isObj(e)) this.fail("must be an element object", at);
    const type = e.type;
    if (typeof type !== "string" || !allowed.has(type))
      this.fail(`unsupported type: ${String(type)}`, `${at}/type`);
    if (type === "image") {
      this.string(this.required(e, "image_url", at), `${at}/image_url`, { max: L.url });
      this.string(this.required(e, "alt_text", at), `${at}/alt_text`, { max: L.imageAltText });
      return;
    }
    if (e.action_id !== undefined) {
      this.string(e.action_id, `${at}/action_id`, { max: L.actionId });
      // "Should be unique among all other action_ids in the containing block" (block-elements).
      if (actionIds.has(e.action_id as string)) this.fail("duplicate action_id", `${at}/action_id`);
      actionIds.add(e.action_id as string);
    }
    if (e.confirm !== undefined) this.confirm(e.confirm, `${at}/confirm`);
    if (e.placeholder !== undefined) this.text(e.placeholder, `${at}/placeholder`, L.placeholder, true);
    switch (type) {
      case "button":
        this.text(this.required(e, "text", at), `${at}/text`, L.buttonText, true);
        this.maxLen(e.value, L.buttonValue, `${at}/value`);
        this.maxLen(e.url, L.url, `${at}/url`);
        if (e.style !== undefined && e.style !== "primary" && e.style !== "danger")
          this.fail("must be primary or danger", `${at}/style`);
        return;
      case "static_select":
      case "multi_static_select": {
        const plain = true;
        if (e.options !== undefined && e.option_groups !== undefined)
          this.fail("must provide either options or option_groups, not both", at);
        if (e.option_groups !== undefined) {
          this.array(e.option_groups, `${at}/option_groups`, { max: L.selectOptionGroups }).forEach(
            (g, i) => {
              const gAt = `${at}/option_groups/${i}`;
              if (!isObj(g)) this.fail("must be an option group", gAt);
              this.text(this.required(g, "label", gAt), `${gAt}/label`, L.optionGroupLabel, true);
              this.options(g.options, `${gAt}/options`, L.selectOptions, plain);
            },
          );
        } else {
          this.options(this.required(e, "options", at), `${at}/options`, L.selectOptions, plain);
          this.initialOptions(e, at);
        }
        return;
      }
      case "checkboxes":
        this.options(this.required(e, "options", at), `${at}/options`, L.checkboxOptions, false);
        this.initialOptions(e, at);
        return;
      case "radio_buttons":
        this.options(this.required(e, "options", at), `${at}/options`, L.radioOptions, false);
        this.initialOptions(e, at);
        return;
      case "overflow":
        this.options(this.required(e, "options", at), `${at}/options`, L.overflowOptions, true, 1);
        return;
      case "datepicker":
        if (e.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(e.initial_date)))
          this.fail("must be in the format YYYY-MM-DD", `${at}/initial_date`);
        return;
      case "timepicker":
        if (e.initial_time !== undefined && !/^\d{2}:\d{2}$/.test(String(e.initial_time)))
          this.fail("must be in the format HH:mm", `${at}/initial_time`);
        return;
      case "plain_text_input":
        // min_length 0–3000, max_length 1–3000 inclusive (plain-text input element reference).
        for (const [k, min] of [
          ["min_length", 0],
          ["max_length", 1],
        ] as const) {
          const n = e[k];
          if (n === undefined) continue;
          if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > L.plainTextInputLength)
            this.fail(`must be an integer from ${min} to ${L.plainTextInputLength}`, `${at}/${k}`);
        }
        if (
          typeof e.min_length === "number" &&
          typeof e.max_length === "number" &&
          e.min_length > e.max_length
        )
          this.fail("min_length must not exceed max_length", `${at}/min_length`);
        this.maxLen(e.initial_value, L.plainTextInputLength, `${at}/initial_value`);
        return;
      case "file_input":
        // filetypes: extensions (strings); max_files: 1–10, default 10 (file input element reference).
        if (e.filetypes !== undefined)
          this.array(e.filetypes, `${at}/filetypes`, { max: L.fileInputTypes }).forEach((ft, i) => {
            this.string(ft, `${at}/filetypes/${i}`, { max: 255 });
          });
        if (
          e.max_files !== undefined &&
          (typeof e.max_files !== "number" ||
            !Number.isInteger(e.max_files) ||
            e.max_files < 1 ||
            e.max_files > L.fileInputMaxFiles)
        )
          this.fail(`must be an integer from 1 to ${L.fileInputMaxFiles}`, `${at}/max_files`);
        return;
      case "number_input":
        if (typeof e.is_decimal_allowed !== "boolean")
          this.fail("missing required field: is_decimal_allowed", `${at}/is_decimal_allowed`);
        return;
      default:
        return;
    }
  }

  /** An initial option must be one of the element's options (Slack compares value and text). */
  private initialOptions(e: Obj, at: string): void {
    const opts = (Array.isArray(e.options) ? e.options : []) as Obj[];
    const has = (o: unknown) =>
      isObj(o) &&
      opts.some(
        (x) =>
          isObj(x) && x.value === o.value && isObj(x.text) && isObj(o.text) && x.text.text === o.text.text,
      );
    if (e.initial_option !== undefined && !has(e.initial_option))
      this.fail("must match one of the options", `${at}/initial_option`);
    if (Array.isArray(e.initial_options))
      e.initial_options.forEach((o, i) => {
        if (!has(o)) this.fail("must match one of the options", `${at}/initial_options/${i}`);
      });
  }

  block(b: unknown, at: string): void {
    if (!isObj(b)) this.fail("must be a block object", at);
    const type = b.type;
    if (typeof type !== "string" || !this.allowed.has(type))
      this.fail(`unsupported type: ${String(type)}`, `${at}/type`);
    if (b.block_id !== undefined) {
      this.string(b.block_id, `${at}/block_id`, { max: L.blockId });
      // block_id: "should be unique for each message and each iteration of a message" (blocks reference).
      if (this.blockIds.has(b.block_id as string)) this.fail("duplicate block_id", `${at}/block_id`);
      this.blockIds.add(b.block_id as string);
    }
    const ids = new Set<string>();
    switch (type) {
      case "section":
        if (b.text === undefined && b.fields === undefined)
          this.fail("must provide either text or fields", at);
        if (b.text !== undefined) this.text(b.text, `${at}/text`);
        if (b.fields !== undefined)
          this.array(b.fields, `${at}/fields`, { max: L.sectionFields }).forEach((f, i) => {
            this.text(f, `${at}/fields/${i}`, L.sectionFieldText);
          });
        if (b.accessory !== undefined) this.element(b.accessory, `${at}/accessory`, ACCESSORY_ELEMENTS, ids);
        return;
      case "header":
        this.text(this.required(b, "text", at), `${at}/text`, L.headerText, true);
        return;
      case "divider":
        return;
      case "image":
        this.string(this.required(b, "image_url", at), `${at}/image_url`, { max: L.url });
        this.string(this.required(b, "alt_text", at), `${at}/alt_text`, { max: L.imageAltText });
        if (b.title !== undefined) this.text(b.title, `${at}/title`, L.imageTitle, true);
        return;
      case "context":
        this.array(this.required(b, "elements", at), `${at}/elements`, { max: L.contextElements }).forEach(
          (e, i) => {
            const eAt = `${at}/elements/${i}`;
            if (isObj(e) && e.type === "image") this.element(e, eAt, new Set(["image"]), ids);
            else this.text(e, eAt);
          },
        );
        return;
      case "actions":
        this.array(this.required(b, "elements", at), `${at}/elements`, { max: L.actionsElements }).forEach(
          (e, i) => {
            this.element(e, `${at}/elements/${i}`, ACTION_ELEMENTS, ids);
          },
        );
        return;
      case "input":
        this.text(this.required(b, "label", at), `${at}/label`, L.inputLabel, true);
        this.element(this.required(b, "element", at), `${at}/element`, INPUT_ELEMENTS, ids);
        if (b.hint !== undefined) this.text(b.hint, `${at}/hint`, L.inputHint, true);
        return;
      case "markdown":
        this.string(this.required(b, "text", at), `${at}/text`, { max: L.markdownBlockText });
        return;
      default:
        // rich_text, file, video: the bot sends none; their inner structure is not checked here.
        return;
    }
  }

  blocks(v: unknown, at: string, max: number): void {
    this.array(v, at, { min: 0, max }).forEach((b, i) => {
      this.block(b, `${at}/${i}`);
    });
  }
}

function run(error: BlockKitProblem["error"], fn: () => void): BlockKitProblem | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    if (e instanceof Problem) return { error, detail: e.detail };
    throw e;
  }
}

/**
 * A message's text/blocks/attachments as chat.postMessage, chat.update, chat.postEphemeral and a
 * response_url take them. Text over 40,000 characters is accepted (Slack truncates it). Whether
 * text or blocks are present at all (`no_text`) is the caller's business (the stand-in answers it).
 */
export function checkMessage(args: {
  text?: unknown;
  blocks?: unknown;
  attachments?: unknown;
}): BlockKitProblem | undefined {
  return run("invalid_blocks", () => {
    const c = new Checker(MESSAGE_BLOCKS);
    if (args.blocks !== undefined) {
      // A blocks argument that is not JSON reaches us as a string: Slack answers invalid_blocks_format,
      // which we report as invalid_blocks.
      if (!Array.isArray(args.blocks)) throw new Problem("[ERROR] must be an array [json-pointer:/blocks]");
      c.blocks(args.blocks, "/blocks", L.messageBlocks);
    }
    if (args.attachments !== undefined) {
      if (!Array.isArray(args.attachments))
        throw new Problem("[ERROR] must be an array [json-pointer:/attachments]");
      args.attachments.forEach((a, i) => {
        if (isObj(a) && a.blocks !== undefined)
          c.blocks(a.blocks, `/attachments/${i}/blocks`, L.messageBlocks);
      });
    }
  });
}

/** A view as views.open/push/update (type "modal") or views.publish (type "home") take it. */
export function checkView(view: unknown): BlockKitProblem | undefined {
  return run("invalid_arguments", () => {
    if (!isObj(view)) throw new Problem("[ERROR] must be a view object [json-pointer:/view]");
    const c = new Checker(VIEW_BLOCKS);
    const at = "/view";
    if (view.type !== "modal" && view.type !== "home")
      throw new Problem("[ERROR] must be modal or home [json-pointer:/view/type]");
    if (view.type === "modal") {
      if (view.title === undefined)
        throw new Problem("[ERROR] missing required field: title [json-pointer:/view]");
      c.text(view.title, `${at}/title`, L.viewTitle, true);
      if (view.submit !== undefined) c.text(view.submit, `${at}/submit`, L.viewSubmit, true);
      if (view.close !== undefined) c.text(view.close, `${at}/close`, L.viewClose, true);
      // "submit is required when an input block is within the blocks array" (reference/views).
      if (
        view.submit === undefined &&
        Array.isArray(view.blocks) &&
        view.blocks.some((b) => isObj(b) && b.type === "input")
      )
        throw new Problem("[ERROR] missing required field: submit [json-pointer:/view]");
    }
    if (view.blocks === undefined)
      throw new Problem("[ERROR] missing required field: blocks [json-pointer:/view]");
    c.blocks(view.blocks, `${at}/blocks`, L.viewBlocks);
    for (const [k, max] of [
      ["private_metadata", L.privateMetadata],
      ["callback_id", L.callbackId],
      ["external_id", L.externalId],
    ] as const) {
      const v = view[k];
      if (v === undefined) continue;
      if (typeof v !== "string") throw new Problem(`[ERROR] must be a string [json-pointer:${at}/${k}]`);
      if (v.length > max)
        throw new Problem(`[ERROR] must be less than ${max + 1} characters [json-pointer:${at}/${k}]`);
    }
  });
}
