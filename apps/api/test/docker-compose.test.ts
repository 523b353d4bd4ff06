// There is no Docker engine on our machines: this checks the shape of the
// compose file our users run (services, commands, environment, health).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../../..');
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'));

describe('docker-compose.yml', () => {
  it('has postgres, redis, api and worker services, each with a healthcheck or a dependency on healthy services', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'postgres', 'redis', 'worker']);
    for (const name of ['postgres', 'redis', 'api'])
      expect(compose.services[name].healthcheck?.test).toBeDefined();
    for (const name of ['api', 'worker']) {
      expect(compose.services[name].depends_on).toEqual({
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
    }
  });

  it('runs the two entry points in server mode against the compose postgres and redis', () => {
    for (const [name, entry] of [
      ['api', 'main.js'],
      ['worker', 'worker.js'],
    ]) {
      const svc = compose.services[name];
      expect(svc.command.join(' ')).toContain(`apps/api/dist/${entry}`);
      expect(svc.environment.DATABASE_URL).toMatch(/^postgres:\/\/baton:.*@postgres:5432\/baton$/);
      expect(svc.environment.REDIS_URL).toBe('redis://redis:6379');
      expect(fs.existsSync(path.join(root, 'apps/api/src', entry.replace('.js', '.ts')))).toBe(
        true,
      );
    }
    expect(compose.services.api.ports).toContain('3000:3000');
    expect(compose.services.worker.deploy.replicas).toBeGreaterThanOrEqual(2);
  });

  it('keeps data in named volumes', () => {
    expect(Object.keys(compose.volumes).sort()).toEqual(['files', 'pgdata', 'redisdata']);
    expect(compose.services.postgres.volumes).toContain('pgdata:/var/lib/postgresql/data');
  });

  it('builds from a Dockerfile that installs with the lockfile and builds every package', () => {
    const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('pnpm install --frozen-lockfile');
    expect(dockerfile).toContain('pnpm -r run build');
  });
});
