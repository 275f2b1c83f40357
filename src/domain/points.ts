// Exact points (RULES.md §4): integer hundredths, never floats. Money: integer fen.

/** Integer hundredths of a point: 92.95 points is 9295. */
export type Hundredths = number;

const DECIMAL = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/** Parses "92.95", "0.5", "3" (or a JSON number with ≤ 2 decimals) into hundredths; null if not exact. */
export function parseHundredths(input: string | number): Hundredths | null {
  const text = typeof input === "number" ? numberText(input) : input.trim();
  if (text === null) return null;
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const whole = Number(m[2]);
  const frac = Number((m[3] ?? "").padEnd(2, "0"));
  const value = whole * 100 + frac;
  if (!Number.isSafeInteger(value)) return null;
  return m[1] ? -value : value;
}

function numberText(n: number): string | null {
  if (!Number.isFinite(n)) return null;
  // Round-trip through a 2-decimal string, then check nothing was lost (0.1+0.2 style inputs fail).
  const fixed = n.toFixed(2);
  return Math.abs(Number(fixed) - n) < 1e-9 ? fixed.replace(/\.?0+$/, "") || "0" : null;
}

/** 9295 → "92.95", 9250 → "92.5", 9200 → "92", -30 → "-0.3". */
export function formatHundredths(h: Hundredths): string {
  const sign = h < 0 ? "-" : "";
  const a = Math.abs(h);
  const whole = Math.floor(a / 100);
  const frac = a % 100;
  if (frac === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(frac).padStart(2, "0").replace(/0$/, "")}`;
}

/** Hundredths as a JSON number (exact to 2 decimals in its printed form). */
export function hundredthsToNumber(h: Hundredths): number {
  return Number(formatHundredths(h));
}

/** Integer division rounding half away from zero: the 四舍五入 of the rules. */
export function divRoundHalfUp(numerator: number, denominator: number): number {
  if (denominator <= 0 || !Number.isInteger(denominator))
    throw new RangeError("denominator must be a positive integer");
  const sign = numerator < 0 ? -1 : 1;
  const n = Math.abs(numerator);
  return sign * Math.floor((2 * n + denominator) / (2 * denominator));
}

/** Mean of hundredths values, rounded half-up to hundredths (RULES.md §4 "Means"). */
export function meanHundredths(values: readonly Hundredths[]): Hundredths {
  if (values.length === 0) throw new RangeError("mean of no values");
  return divRoundHalfUp(
    values.reduce((s, v) => s + v, 0),
    values.length,
  );
}

/** Fen (1/100 yuan) as a JSON number of yuan: 38636 → 386.36. */
export function fenToYuan(fen: number): number {
  return hundredthsToNumber(fen);
}
