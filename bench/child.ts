// Starting and stopping the bench's server processes.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");

export interface Server {
  url: string;
  child: ChildProcess;
  /** What the server printed up to its "listening" line (bench/botServer.ts prints its stats port). */
  banner: string;
  stop(): Promise<void>;
}

/**
 * Spawns `node --import tsx <script> args…` (no tsx wrapper process, so signals reach the server) and
 * waits for its "listening <port>" line.
 */
export function startServer(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  nodeArgs: string[] = [],
): Promise<Server> {
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", path.join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    const onExit = (code: number | null) => reject(new Error(`${script} exited (${code}) before listening`));
    child.once("exit", onExit);
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening (\d+)/.exec(out);
      if (!m) return;
      child.off("exit", onExit);
      child.stdout!.removeAllListeners("data");
      child.stdout!.resume();
      resolve({
        url: `http://127.0.0.1:${m[1]}`,
        child,
        banner: out,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}
