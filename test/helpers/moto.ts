/**
 * A real moto_server (AWS IAM/STS/S3 emulator) on a loopback port for integration tests. moto is part of this
 * machine image, so tests that need it must not skip here; `MOTO_AVAILABLE` tells a test file whether it can run
 * elsewhere (skip with a one-line reason).
 *
 * With `enforceAuth`, moto checks IAM policies after the first `initialNoAuthCount` requests (its
 * INITIAL_NO_AUTH_ACTION_COUNT), which is how tests set up users with the root credentials and then act as them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export const MOTO_AVAILABLE = spawnSync('sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' }).status === 0;
export const MOTO_SKIP_REASON = 'moto_server is not on PATH (pip install "moto[server]")';

export interface Moto {
  endpoint: string;
  port: number;
  /** environment for the AWS CLI / SDK pointing at this server with dummy root credentials */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once('exit', () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error('moto_server exited during start-up');
    try {
      const r = await fetch(`${endpoint}/moto-api/`);
      if (r.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`moto_server did not answer on ${endpoint} within ${timeoutMs} ms`);
}

export async function startMoto(options: { enforceAuth?: boolean; initialNoAuthCount?: number } = {}): Promise<Moto> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (options.enforceAuth) env.INITIAL_NO_AUTH_ACTION_COUNT = String(options.initialNoAuthCount ?? 0);
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { env, stdio: 'ignore', detached: false });
  const endpoint = `http://127.0.0.1:${port}`;
  await waitUntilUp(endpoint, child, 30_000);
  return {
    endpoint,
    port,
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_SESSION_TOKEN: '',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: endpoint,
      AWS_PAGER: '',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      HTTPS_PROXY: '',
      HTTP_PROXY: '',
      NO_PROXY: '127.0.0.1,localhost',
    },
    async stop() {
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      });
    },
  };
}
