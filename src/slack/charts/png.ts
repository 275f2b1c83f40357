// SVG → PNG without a browser (issue #13 part 3): resvg compiled to WebAssembly (@resvg/resvg-wasm,
// MPL-2.0: no native binary, the same on every platform). Text is drawn with Noto Sans SC Regular (SIL
// Open Font License 1.1, the TTF shipped in @expo-google-fonts/noto-sans-sc), handed over as bytes:
// system fonts are never looked at, so a machine with no fonts at all renders Chinese the same way.
// Why the wasm build and font bytes rather than the native @resvg/resvg-js with a font path: the native
// build re-reads the 10 MB font file for every text element (measured: ~15 ms per label, 630 ms for a
// chart of 40 labels on this machine), while font bytes held in memory cost one copy per chart.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { initWasm, Resvg } from "@resvg/resvg-wasm";
import { CHART_FONT_FAMILY } from "./svg.ts";

const require = createRequire(import.meta.url);

/** The font file every chart is drawn with (its family is CHART_FONT_FAMILY). */
export const CHART_FONT_FILE: string = require.resolve(
  "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
);

let ready: Promise<Uint8Array> | null = null;

/** Loads the renderer and the font once per process (initWasm may run only once). */
function renderer(): Promise<Uint8Array> {
  ready ??= (async () => {
    await initWasm(fs.readFileSync(require.resolve("@resvg/resvg-wasm/index_bg.wasm")));
    return new Uint8Array(fs.readFileSync(CHART_FONT_FILE));
  })();
  return ready;
}

export interface RenderedChart {
  png: Buffer;
  width: number;
  height: number;
  /** RGBA, row by row (tests count what is not background); asked for with `{ pixels: true }`. */
  pixels?: Buffer;
}

/** Renders `svg` to PNG: synchronous work of ~50 ms once the renderer is loaded. */
export async function renderChart(svg: string, want: { pixels?: boolean } = {}): Promise<RenderedChart> {
  const font = await renderer();
  const resvg = new Resvg(svg, {
    font: { fontBuffers: [font], defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY },
    background: "#ffffff",
  });
  try {
    const img = resvg.render();
    try {
      return {
        png: Buffer.from(img.asPng()),
        width: img.width,
        height: img.height,
        ...(want.pixels ? { pixels: Buffer.from(img.pixels) } : {}),
      };
    } finally {
      img.free();
    }
  } finally {
    // wasm memory is not the garbage collector's: 5,000 charts would otherwise keep 5,000 images.
    resvg.free();
  }
}

/** Renders `svg` to the PNG `file` (its folder made if need be). */
export async function writeChartPng(file: string, svg: string): Promise<void> {
  const { png } = await renderChart(svg);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, png);
}
