// Runs the compiled entry points (dist/main.js, dist/worker.js) as separate
// OS processes, the way server mode runs them in production.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const apiDist = path.resolve(import.meta.dirname, '../../dist');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface Proc {
  child: ChildProcess;
  output: () => string;
  /** Resolves when the output contains `text`. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function run(script: string, env: Record<string, string | undefined>): Proc {
  const child = spawn(process.execPath, [path.join(apiDist, script)], {
    env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return {
    child,
    output: () => out,
    async waitFor(text, timeoutMs = 30000) {
      const start = Date.now();
      while (!(typeof text === 'string' ? out.includes(text) : text.test(out))) {
        if (child.exitCode !== null)
          throw new Error(`${script} exited with ${child.exitCode}:\n${out}`);
        if (Date.now() - start > timeoutMs)
          throw new Error(`${script} did not print ${text} in ${timeoutMs} ms:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
