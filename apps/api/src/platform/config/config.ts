// Configuration is read from the environment once, at boot, and passed
// around as a plain object: the table in README.md lists every variable.
import path from 'node:path';

export interface BatonConfig {
  port: number;
  host: string;
  /** Unset in embedded mode: the process then starts PGlite itself. */
  databaseUrl?: string;
  /** Unset in embedded mode: the in-process queue driver is used. */
  redisUrl?: string;
  /** Redis key prefix of the queues: installations sharing one Redis need different ones. */
  queuePrefix: string;
  dataDir: string;
  adminPassword?: string;
  demo: boolean;
  demoPassword?: string;
  tokenTtlSeconds: number;
  logLevel: string;
  /** Folder of the built web app served by the API; absent = API only. */
  webDist?: string;
  /** How long an API call waits for its queued command before answering 202. */
  commandWaitMs: number;
  loginRateLimit: { max: number; windowMs: number };
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): BatonConfig {
  const dataDir = path.resolve(env.BATON_DATA_DIR || './data');
  return {
    port: intFrom(env.PORT, 3000, 'PORT'),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    queuePrefix: env.BATON_QUEUE_PREFIX || 'baton',
    dataDir,
    adminPassword: env.BATON_ADMIN_PASSWORD || undefined,
    demo: env.BATON_DEMO === '1' || env.BATON_DEMO === 'true',
    demoPassword: env.BATON_DEMO_PASSWORD || undefined,
    tokenTtlSeconds: intFrom(env.BATON_TOKEN_TTL_SECONDS, 12 * 3600, 'BATON_TOKEN_TTL_SECONDS'),
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'warn' : 'info'),
    webDist: env.BATON_WEB_DIST || undefined,
    commandWaitMs: intFrom(env.BATON_COMMAND_WAIT_MS, 2000, 'BATON_COMMAND_WAIT_MS'),
    loginRateLimit: {
      max: intFrom(env.BATON_LOGIN_MAX_ATTEMPTS, 10, 'BATON_LOGIN_MAX_ATTEMPTS'),
      windowMs: intFrom(env.BATON_LOGIN_WINDOW_SECONDS, 300, 'BATON_LOGIN_WINDOW_SECONDS') * 1000,
    },
  };
}

export const BATON_CONFIG = Symbol('BATON_CONFIG');
