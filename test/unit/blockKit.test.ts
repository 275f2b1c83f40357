// The strict stand-in's Block Kit checks: each limit Slack documents passes at the limit and is
// refused one over, with Slack's error (invalid_blocks for a message, invalid_arguments for a view).
import { describe, expect, test } from "vitest";
import { checkMessage, checkView, BLOCK_KIT_LIMITS as L } from "../../src/slack/standin/blockKit.ts";

type Block = Record<string, unknown>;

const s = (n: number, ch = "字") => ch.repeat(n);
const plain = (text: string) => ({ type: "plain_text", text });
const mrkdwn = (text: string) => ({ type: "mrkdwn", text });
const section = (text = "x"): Block => ({ type: "section", text: mrkdwn(text) });
const button = (o: Block = {}): Block => ({
  type: "button",
  text: plain("按钮"),
  action_id: "b",
  value: "v",
  ...o,
});
const actions = (elements: Block[], block_id?: string): Block => ({
  type: "actions",
  ...(block_id ? { block_id } : {}),
  elements,
});
const option = (text: string, value = "v") => ({ text: plain(text), value });
const select = (options: unknown[], o: Block = {}): Block => ({
  type: "static_select",
  action_id: "sel",
  placeholder: plain("选择"),
  options,
  ...o,
});
const input = (element: Block, o: Block = {}): Block => ({
  type: "input",
  block_id: "in",
  label: plain("标签"),
  element,
  ...o,
});
const modal = (o: Block = {}): Block => ({
  type: "modal",
  title: plain("标题"),
  submit: plain("提交"),
  close: plain("取消"),
  blocks: [section()],
  ...o,
});

const msg = (...blocks: Block[]) => checkMessage({ text: "t", blocks });
/** The message is accepted at `ok` and refused with invalid_blocks at `bad`. */
function messageLimit(ok: Block[], bad: Block[], pointer: string) {
  expect(checkMessage({ text: "t", blocks: ok })).toBeUndefined();
  const p = checkMessage({ text: "t", blocks: bad });
  expect(p?.error).toBe("invalid_blocks");
  expect(p?.detail).toContain(`[json-pointer:${pointer}]`);
}
/** The view is accepted at `ok` and refused with invalid_arguments at `bad`. */
function viewLimit(ok: Block, bad: Block, pointer: string) {
  expect(checkView(ok)).toBeUndefined();
  const p = checkView(bad);
  expect(p?.error).toBe("invalid_arguments");
  expect(p?.detail).toContain(`[json-pointer:${pointer}]`);
}
const times = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));

describe("message limits (invalid_blocks)", () => {
  test("50 blocks a message", () => {
    messageLimit(
      times(L.messageBlocks, () => section()),
      times(51, () => section()),
      "/blocks",
    );
  });
  test("section text 3,000 characters (Chinese counts one each)", () => {
    messageLimit([section(s(3000))], [section(s(3001))], "/blocks/0/text/text");
  });
  test("header text 150, plain_text only", () => {
    const header = (text: string) => ({ type: "header", text: plain(text) });
    messageLimit([header(s(150))], [header(s(151))], "/blocks/0/text/text");
    expect(msg({ type: "header", text: mrkdwn("x") })?.error).toBe("invalid_blocks");
  });
  test("section fields: at most 10, each 2,000", () => {
    const fields = (n: number, len = 1) => ({ type: "section", fields: times(n, () => mrkdwn(s(len))) });
    messageLimit([fields(10)], [fields(11)], "/blocks/0/fields");
    messageLimit([fields(1, 2000)], [fields(1, 2001)], "/blocks/0/fields/0/text");
  });
  test("context elements at most 10", () => {
    const context = (n: number) => ({ type: "context", elements: times(n, () => mrkdwn("c")) });
    messageLimit([context(10)], [context(11)], "/blocks/0/elements");
  });
  test("actions elements at most 25", () => {
    const acts = (n: number) => actions(times(n, (i) => button({ action_id: `b${i}` })));
    messageLimit([acts(25)], [acts(26)], "/blocks/0/elements");
  });
  test("button text 75", () => {
    messageLimit(
      [actions([button({ text: plain(s(75)) })])],
      [actions([button({ text: plain(s(76)) })])],
      "/blocks/0/elements/0/text/text",
    );
  });
  test("button value 2,000", () => {
    messageLimit(
      [actions([button({ value: s(2000, "v") })])],
      [actions([button({ value: s(2001, "v") })])],
      "/blocks/0/elements/0/value",
    );
  });
  test("action_id 255", () => {
    messageLimit(
      [actions([button({ action_id: s(255, "a") })])],
      [actions([button({ action_id: s(256, "a") })])],
      "/blocks/0/elements/0/action_id",
    );
  });
  test("block_id 255", () => {
    messageLimit(
      [{ ...section(), block_id: s(255, "b") }],
      [{ ...section(), block_id: s(256, "b") }],
      "/blocks/0/block_id",
    );
  });
  test("duplicate block_id in a message", () => {
    messageLimit(
      [
        { ...section(), block_id: "a" },
        { ...section(), block_id: "b" },
      ],
      [
        { ...section(), block_id: "a" },
        { ...section(), block_id: "a" },
      ],
      "/blocks/1/block_id",
    );
  });
  test("duplicate action_id within a block (unique per containing block)", () => {
    messageLimit(
      [actions([button({ action_id: "x" })]), actions([button({ action_id: "x" })])],
      [actions([button({ action_id: "x" }), button({ action_id: "x" })])],
      "/blocks/0/elements/1/action_id",
    );
  });
  test("unknown block type", () => {
    messageLimit([section()], [{ type: "sectoin", text: mrkdwn("x") }], "/blocks/0/type");
  });
  test("static_select: at most 100 options, option text 75, option value 150", () => {
    const sel = (n: number) => actions([select(times(n, (i) => option(`o${i}`, `v${i}`)))]);
    messageLimit([sel(100)], [sel(101)], "/blocks/0/elements/0/options");
    messageLimit(
      [actions([select([option(s(75))])])],
      [actions([select([option(s(76))])])],
      "/blocks/0/elements/0/options/0/text/text",
    );
    messageLimit(
      [actions([select([option("o", s(150, "v"))])])],
      [actions([select([option("o", s(151, "v"))])])],
      "/blocks/0/elements/0/options/0/value",
    );
  });
  test("empty text object is refused (min 1 character)", () => {
    expect(msg(section(""))?.error).toBe("invalid_blocks");
  });
  test("text over 40,000 characters is accepted (Slack truncates); blocks must be an array", () => {
    expect(checkMessage({ text: s(40_001) })).toBeUndefined();
    expect(checkMessage({ text: "t", blocks: "[not json" })?.error).toBe("invalid_blocks");
  });
});

describe("view limits (invalid_arguments)", () => {
  test("100 blocks a modal and a Home tab", () => {
    const many = (n: number) => times(n, () => section());
    viewLimit(modal({ blocks: many(100) }), modal({ blocks: many(101) }), "/view/blocks");
    viewLimit({ type: "home", blocks: many(100) }, { type: "home", blocks: many(101) }, "/view/blocks");
  });
  test("modal title 24, plain_text required", () => {
    viewLimit(modal({ title: plain(s(24)) }), modal({ title: plain(s(25)) }), "/view/title/text");
    expect(checkView(modal({ title: mrkdwn("x") }))?.error).toBe("invalid_arguments");
    const { title: _t, ...untitled } = modal();
    expect(checkView(untitled)?.error).toBe("invalid_arguments");
  });
  test("modal submit 24", () => {
    viewLimit(modal({ submit: plain(s(24)) }), modal({ submit: plain(s(25)) }), "/view/submit/text");
  });
  test("modal close 24", () => {
    viewLimit(modal({ close: plain(s(24)) }), modal({ close: plain(s(25)) }), "/view/close/text");
  });
  test("private_metadata 3,000", () => {
    viewLimit(
      modal({ private_metadata: s(3000, "m") }),
      modal({ private_metadata: s(3001, "m") }),
      "/view/private_metadata",
    );
  });
  test("callback_id 255", () => {
    viewLimit(modal({ callback_id: s(255, "c") }), modal({ callback_id: s(256, "c") }), "/view/callback_id");
  });
  test("input label 2,000", () => {
    const text = { type: "plain_text_input", action_id: "t" };
    viewLimit(
      modal({ blocks: [input(text, { label: plain(s(2000)) })] }),
      modal({ blocks: [input(text, { label: plain(s(2001)) })] }),
      "/view/blocks/0/label/text",
    );
  });
  test("placeholder 150", () => {
    const text = (n: number) => ({ type: "plain_text_input", action_id: "t", placeholder: plain(s(n)) });
    viewLimit(
      modal({ blocks: [input(text(150))] }),
      modal({ blocks: [input(text(151))] }),
      "/view/blocks/0/element/placeholder/text",
    );
  });
  test("plain_text_input max_length at most 3,000", () => {
    const text = (n: number) => ({ type: "plain_text_input", action_id: "t", max_length: n });
    viewLimit(
      modal({ blocks: [input(text(3000))] }),
      modal({ blocks: [input(text(3001))] }),
      "/view/blocks/0/element/max_length",
    );
  });
  test("duplicate block_id in a view", () => {
    const text = { type: "plain_text_input", action_id: "t" };
    viewLimit(
      modal({ blocks: [input(text, { block_id: "a" }), input(text, { block_id: "b" })] }),
      modal({ blocks: [input(text, { block_id: "a" }), input(text, { block_id: "a" })] }),
      "/view/blocks/1/block_id",
    );
  });
  test("file_input in a modal's input block: max_files 1–10, filetypes strings", () => {
    const file = (o: Block) => ({ type: "file_input", action_id: "f", ...o });
    viewLimit(
      modal({ blocks: [input(file({ max_files: 10, filetypes: ["csv"] }))] }),
      modal({ blocks: [input(file({ max_files: 11 }))] }),
      "/view/blocks/0/element/max_files",
    );
    viewLimit(
      modal({ blocks: [input(file({ max_files: 1 }))] }),
      modal({ blocks: [input(file({ max_files: 0 }))] }),
      "/view/blocks/0/element/max_files",
    );
    viewLimit(
      modal({ blocks: [input(file({ filetypes: ["csv", "xlsx"] }))] }),
      modal({ blocks: [input(file({ filetypes: [""] }))] }),
      "/view/blocks/0/element/filetypes/0",
    );
    // Only in an input block (a file_input is never an actions element or an accessory).
    expect(checkView(modal({ blocks: [actions([file({})])] }))?.error).toBe("invalid_arguments");
  });
  test("an input block needs a submit button", () => {
    const { submit: _s, ...noSubmit } = modal({
      blocks: [input({ type: "plain_text_input", action_id: "t" })],
    });
    expect(checkView(noSubmit)?.error).toBe("invalid_arguments");
  });
  test("an unknown view type", () => {
    expect(checkView({ type: "dialog", blocks: [] })?.error).toBe("invalid_arguments");
  });
});
