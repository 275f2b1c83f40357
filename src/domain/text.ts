// Free text a person types (leave reasons, notes, places, decision notes …) is stored and shown to
// others, so characters that are invisible or that change how the text around them is drawn are taken
// out once, where the input is read (issue #9 finding 9). Stripped, not refused: a person cannot see
// them to remove them (they come from a paste), and everything visible — CJK, emoji, punctuation —
// stays exactly as typed.
//   - ANSI escape sequences (ESC [ … final byte; ESC ] … BEL): whole, so no "[31m" is left behind;
//   - C0 and C1 control characters (NUL, BEL, ESC, DEL, U+0080–U+009F), except tab and newline in
//     multi-line fields (CR LF and CR become LF); a single-line field turns tab and newline into a space;
//   - bidirectional controls: U+202A–U+202E (embeddings, overrides: the "RLO" of spoofed text),
//     U+2066–U+2069 (isolates), U+200E, U+200F, U+061C (marks);
//   - zero-width and invisible characters: U+200B, U+200C, U+2060–U+2064, U+FEFF, U+180E, and U+200D
//     unless it joins two emoji (👨‍👩‍👧 is one emoji drawn from three);
//   - lone UTF-16 surrogates (not text; JSON can carry them).

const ESC = 0x1b;
const BEL = 0x07;
/** Bidi controls and zero-width or invisible characters (the list above; U+200D is judged apart). */
const INVISIBLE = new Set([
  0x061c, 0x180e, 0x200b, 0x200c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2060, 0x2061,
  0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff,
]);
const ZWJ = 0x200d;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
/** What may come right before a joiner inside one emoji: the emoji, its U+FE0F, or a skin tone. */
const joinsAfter = (cp: number | undefined) =>
  cp !== undefined &&
  (cp === 0xfe0f || (cp >= 0x1f3fb && cp <= 0x1f3ff) || PICTOGRAPHIC.test(String.fromCodePoint(cp)));
const isControl = (cp: number) => cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);

/** Index just past the escape sequence starting with ESC at cps[i] (CSI, OSC, or a two-character one). */
function skipEscape(cps: readonly number[], i: number): number {
  const next = cps[i + 1];
  if (next === 0x5b) {
    // CSI: ESC [ parameters (0x30–0x3F) intermediates (0x20–0x2F) final (0x40–0x7E).
    let j = i + 2;
    while (j < cps.length && cps[j]! >= 0x20 && cps[j]! <= 0x3f) j++;
    return j < cps.length && cps[j]! >= 0x40 && cps[j]! <= 0x7e ? j + 1 : j;
  }
  if (next === 0x5d) {
    // OSC: ESC ] … ended by BEL or ESC \ (or the end of the text).
    let j = i + 2;
    while (j < cps.length && cps[j] !== BEL && cps[j] !== ESC) j++;
    if (cps[j] === BEL) return j + 1;
    return cps[j] === ESC && cps[j + 1] === 0x5c ? j + 2 : j;
  }
  return next !== undefined && next >= 0x40 && next <= 0x5f ? i + 2 : i + 1;
}

/**
 * The text without the characters above. `multiline` (default true) keeps tabs and newlines, as in a
 * reason or note; false is for one-line fields (place, phone, names), where they become spaces.
 * Does not trim: callers trim where they always have.
 */
export function cleanText(text: string, opts: { multiline?: boolean } = {}): string {
  const multiline = opts.multiline ?? true;
  // Code points; a lone surrogate stays a single unit here and is dropped below.
  const cps = Array.from(text, (ch) => ch.codePointAt(0)!);
  const out: number[] = [];
  for (let i = 0; i < cps.length; ) {
    const cp = cps[i]!;
    if (cp === ESC) {
      i = skipEscape(cps, i);
      continue;
    }
    i++;
    if (cp === 0x0d) {
      if (cps[i] !== 0x0a) out.push(multiline ? 0x0a : 0x20); // CR alone is a line break; CR LF keeps the LF
    } else if (cp === 0x0a || cp === 0x09) out.push(multiline ? cp : 0x20);
    else if (isControl(cp) || INVISIBLE.has(cp) || (cp >= 0xd800 && cp <= 0xdfff)) continue;
    else if (cp === ZWJ) {
      const next = cps[i];
      if (joinsAfter(out.at(-1)) && next !== undefined && PICTOGRAPHIC.test(String.fromCodePoint(next)))
        out.push(cp);
    } else out.push(cp);
  }
  // In slices: a spread of a very long text would pass too many arguments.
  let result = "";
  for (let k = 0; k < out.length; k += 8192) result += String.fromCodePoint(...out.slice(k, k + 8192));
  return result;
}
