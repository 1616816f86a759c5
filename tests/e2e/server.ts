// Starts the real server (tsx server/main.ts) on a free port with a fresh embedded database holding
// the small 'test' demo, for the browser tests and the screenshot script.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UNTHROTTLED } from '../helpers/env.ts';

export interface RunningServer {
  baseUrl: string;
  stop(): Promise<void>;
}

const repoRoot = join(import.meta.dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** Throws a clear message when the web apps have not been built (npm run build:web). */
export function assertWebBuilt(): void {
  for (const page of ['web/dist/index.html', 'web/dist/console/index.html']) {
    if (!existsSync(join(repoRoot, page))) {
      throw new Error(`${page} is missing: build the web apps first with \`npm run build:web\``);
    }
  }
}

export async function startServer(timeoutMs = 120_000): Promise<RunningServer> {
  assertWebBuilt();
  const dataDir = await mkdtemp(join(tmpdir(), 'gonghui-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(join(repoRoot, 'node_modules', '.bin', 'tsx'), ['server/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      GONGHUI_DEMO_SCALE: 'test',
      GONGHUI_MODE: 'demo',
      LOG_LEVEL: 'warn',
      // every browser of the suite comes from 127.0.0.1
      ...UNTHROTTLED,
    },
    // Its own process group, so stopping it also stops the node process tsx starts.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const stop = async () => {
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5000);
      await exited(child);
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the server exited with code ${child.exitCode} before it was ready:\n${output}`);
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) return { baseUrl, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error(`the server did not answer /healthz within ${timeoutMs / 1000} s:\n${output}`);
}
