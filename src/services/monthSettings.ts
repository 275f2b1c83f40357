// The settings of a period (RULES.md §8a "Rules by date"): a month is scored, and a request routed, under
// the settings in force in that month (a request: its start month), so reopening and re-closing an old
// month after a change gives the old answer.
//
// Two ways in, by cost:
//   - `atMonth` (no statement): resolves from the versions the context was built with (main.ts reads
//     them at start-up, with `ctx.settings`); the hot path (routing a request, a preview) uses it.
//   - `forMonth` (one read of the small Setting table): re-reads the versions first. The closes and the
//     export use it, so that a change made by the CLI while the bot runs is seen by the next close.
// Both keep the result per month (SettingsTimeline.resolved); a change writes a new version, never
// edits the versions a month already resolved from, and a fresh read starts a fresh timeline.
import type { ServiceContext } from "./context.ts";
import { currentMonth, loadSettingsTimeline, type SettingsTimeline, settingsIn } from "./settings.ts";

type WithSettings = Pick<ServiceContext, "settings" | "settingsTimeline">;

/** Contexts derived for a month (by either function), with that month. */
const derived = new WeakMap<object, string>();
/** Timelines forMonth read (one per close or export, dropped with its contexts). */
const reread = new WeakSet<SettingsTimeline>();

/** `ctx` with the settings in force in `month` (YYYY-MM), from the versions it was built with. */
export function atMonth<C extends WithSettings>(ctx: C, month: string): C {
  const timeline = ctx.settingsTimeline;
  if (!timeline || derived.get(ctx) === month) return ctx;
  const at = { ...ctx, settings: settingsIn(timeline, month) };
  derived.set(at, month);
  return at;
}

/**
 * `ctx` with the settings in force in `month`, the versions read from the database now (outside any
 * transaction: it reads through ctx.db). A context derived from such a read is not read again.
 */
export async function forMonth<C extends WithSettings & Pick<ServiceContext, "db">>(
  ctx: C,
  month: string,
): Promise<C> {
  if (!ctx.settingsTimeline) return ctx;
  // Within one close (the contexts derived from its read), no second read.
  if (reread.has(ctx.settingsTimeline)) return atMonth(ctx, month);
  const timeline = await loadSettingsTimeline(ctx.db);
  reread.add(timeline);
  const at = { ...ctx, settingsTimeline: timeline, settings: settingsIn(timeline, month) };
  derived.set(at, month);
  return at;
}

/**
 * Makes `ctx.settings` the settings of the clock's current month whenever it is read (the bot runs for
 * months: a change from next month applies to its UI and jobs once that month begins, without a restart).
 * One date computation per read; the month's settings are resolved once (SettingsTimeline.resolved).
 */
export function followClock<C extends WithSettings & Pick<ServiceContext, "clock">>(ctx: C): C {
  const timeline = ctx.settingsTimeline;
  if (!timeline) return ctx;
  Object.defineProperty(ctx, "settings", {
    get: () => settingsIn(timeline, currentMonth(ctx.clock)),
    enumerable: true,
    configurable: true,
  });
  return ctx;
}
