// Server mode with separate processes: one `start:api` and two
// `start:worker` against the same PostgreSQL and Redis. A job queued by the
// API process must be run by a worker process.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ADMIN_PASSWORD,
  createTestDatabase,
  testMode,
  type TestDatabase,
} from './support/test-app.js';
import { apiDist, freePort, run, type Proc } from './support/processes.js';

const serverMode = testMode() === 'server';
const built = fs.existsSync(path.join(apiDist, 'main.js'));

(serverMode && built ? describe : describe.skip)(
  'start:api + two start:worker processes (server mode, built dist)',
  () => {
    let db: TestDatabase;
    let api: Proc;
    let workers: Proc[];
    let base: string;

    beforeAll(async () => {
      db = await createTestDatabase();
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      const env = {
        DATABASE_URL: db.url,
        REDIS_URL: process.env.REDIS_URL,
        BATON_ADMIN_PASSWORD: ADMIN_PASSWORD,
      };
      api = run('main.js', { ...env, PORT: String(port), HOST: '127.0.0.1' });
      workers = [run('worker.js', env), run('worker.js', env)];
      await api.waitFor('Baton API listening');
      await Promise.all(workers.map((w) => w.waitFor('ready')));
    }, 60000);

    afterAll(async () => {
      await Promise.all([api, ...workers].filter(Boolean).map((p) => p.stop()));
      await db?.drop();
    });

    it('reports health from the API process', async () => {
      const res = await fetch(`${base}/api/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        status: 'ok',
        db: 'ok',
        queue: 'ok',
        mode: 'server',
      });
    });

    it('has every probe job queued by the API run by a worker process, never by the API', async () => {
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const workerPids = workers.map((w) => w.child.pid);
      const handledBy = new Set<string>();
      for (let i = 0; i < 12; i++) {
        const res = await fetch(`${base}/api/system/queue-check`, {
          method: 'POST',
          headers: { authorization: `Bearer ${accessToken}` },
        });
        expect(res.status).toBe(200);
        const body = (await res.json()) as { handledBy: string; enqueuedBy: string };
        expect(body.enqueuedBy).toMatch(new RegExp(`^api@.*:${api.child.pid}$`));
        expect(body.handledBy).toMatch(/^worker@/);
        handledBy.add(body.handledBy);
      }
      for (const id of handledBy) expect(workerPids).toContain(Number(id.split(':').pop()));
    });

    it('stops gracefully on SIGTERM', async () => {
      expect(await workers[1].stop('SIGTERM')).toBe(0);
    });
  },
);
