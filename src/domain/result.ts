// Expected failures are values with a code (turned into messages at the edge), not exceptions.

export type Ok<T> = { ok: true; value: T };
export type Err<C extends string = string> = { ok: false; code: C; detail?: Record<string, unknown> };
export type Result<T, C extends string = string> = Ok<T> | Err<C>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <C extends string>(code: C, detail?: Record<string, unknown>): Err<C> =>
  detail === undefined ? { ok: false, code } : { ok: false, code, detail };
