// Tracks listener work still running after the ack. The HTTP receiver answers Slack as soon as a
// listener acks (processBeforeResponse: false), so a listener that must not lose its write acks after
// it (write → ack → notify). Shutdown and the tests wait here for the notifications to finish.
import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";

export interface InFlight {
  middleware: Middleware<AnyMiddlewareArgs>;
  /** Resolves once no listener is running (including ones that start while waiting). */
  idle(): Promise<void>;
}

export function createInFlight(): InFlight {
  const running = new Set<Promise<unknown>>();
  return {
    middleware: async ({ next }) => {
      const work = next();
      running.add(work);
      try {
        await work;
      } finally {
        running.delete(work);
      }
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
