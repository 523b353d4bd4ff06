// The start command's promise: one process with no services to install,
// whose data survives a restart and a SIGKILL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { testMode } from './support/test-app.js';
import { apiDist, freePort, run, type Proc } from './support/processes.js';

const built = fs.existsSync(path.join(apiDist, 'embedded.js'));

(testMode() === 'embedded' && built ? describe : describe.skip)(
  'embedded mode: dist/embedded.js (run once, in the embedded pass)',
  () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-embedded-'));
    let proc: Proc | undefined;
    afterAll(async () => {
      await proc?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    async function boot(port: number) {
      proc = run('embedded.js', {
        PORT: String(port),
        HOST: '127.0.0.1',
        BATON_DATA_DIR: dataDir,
        DATABASE_URL: '',
        REDIS_URL: '',
        BATON_ADMIN_PASSWORD: '',
      });
      await proc.waitFor('Baton is running at', 60000);
      return `http://127.0.0.1:${port}`;
    }

    it('prints a generated admin password once, serves health, docs and the web app, and keeps data across SIGKILL and restart', async () => {
      const port = await freePort();
      let base = await boot(port);
      const password = proc!.output().match(/admin \/ (\S+)/)?.[1];
      expect(password).toBeTruthy();
      const health = await fetch(`${base}/api/health`);
      expect(await health.json()).toMatchObject({
        status: 'ok',
        db: 'ok',
        queue: 'ok',
        mode: 'embedded',
      });
      expect((await fetch(`${base}/api/docs`)).status).toBe(200);

      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const created = await fetch(`${base}/api/departments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ name: '售后部' }),
      });
      expect(created.status).toBe(201);

      await proc!.stop('SIGKILL');
      base = await boot(port);
      expect(proc!.output()).not.toMatch(/admin \/ /); // the first user exists: no new password
      const again = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      expect(again.status).toBe(200);
      const token = ((await again.json()) as { accessToken: string }).accessToken;
      // A token issued before the crash is still accepted: the secret is in the database.
      expect(
        (await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } }))
          .status,
      ).toBe(200);
      const depts = (await (
        await fetch(`${base}/api/departments`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as { name: string }[];
      expect(depts.map((d) => d.name)).toContain('售后部');

      expect(await proc!.stop('SIGTERM')).toBe(0);
    }, 120000);
  },
);
