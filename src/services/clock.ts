// Time enters the services only through a Clock, so tests and jobs can fix it.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(
  at: Date | string,
): Clock & { set(at: Date | string): void; advance(ms: number): void } {
  let t = new Date(at);
  return {
    now: () => new Date(t),
    set(next) {
      t = new Date(next);
    },
    advance(ms) {
      t = new Date(t.getTime() + ms);
    },
  };
}
