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
  /**
   * While it waits, how often the API reads the command row when an
   * announcement (a local worker, or NOTIFY in server mode) should arrive
   * first: the safety net for a lost notification.
   */
  commandPollMs: number;
  /** An unfinished Idempotency-Key older than this is taken over by a retry (its request died). */
  idempotencyLeaseMs: number;
  loginRateLimit: { max: number; windowMs: number };
  webhooks: WebhookConfig;
  files: FileConfig;
  http: HttpSecurityConfig;
}

export interface HttpSecurityConfig {
  /**
   * Browsers reach Baton over HTTPS (BATON_HTTPS): send Strict-Transport-Security
   * and ask the browser to upgrade insecure sub-requests. Off by default, since
   * an install on a plain-HTTP intranet address must keep working.
   */
  https: boolean;
  /** Max-age of Strict-Transport-Security, in seconds (BATON_HSTS_MAX_AGE). */
  hstsMaxAge: number;
  /**
   * Origins allowed to call the API from a browser (BATON_CORS_ORIGINS);
   * empty = CORS off (the web app is served from the API's own origin).
   */
  corsOrigins: string[];
}

export interface FileConfig {
  /** Largest upload accepted, in bytes (BATON_FILE_MAX_BYTES). */
  maxBytes: number;
  /** Media types accepted (BATON_FILE_TYPES); `image/*` admits every image type. */
  types: string[];
}

/** Images, PDF, Office documents, zip archives, plain text and CSV. */
export const DEFAULT_FILE_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/zip',
  'application/x-zip-compressed',
  'text/plain',
  'text/csv',
];

export interface WebhookConfig {
  /** Private hosts, IPs and CIDRs webhooks may reach (BATON_WEBHOOK_ALLOW; checked at boot). */
  allow: string[];
  /** Bound on one attempt. */
  timeoutMs: number;
  /** Runs per delivery, the first included. */
  attempts: number;
  /** Exponential backoff base between runs. */
  backoffMs: number;
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a whole number, got "${value}"`);
  return n;
}

/** `https://a.example, http://b.example:8080` → exact origins; anything else refuses to boot. */
export function parseOrigins(value: string | undefined, name: string): string[] {
  const origins: string[] = [];
  for (const raw of (value ?? '').split(/[\s,]+/).filter(Boolean)) {
    const candidate = raw.replace(/\/+$/, '');
    let origin: string | undefined;
    try {
      const url = new URL(candidate);
      // An origin is scheme://host[:port] exactly: no wildcard, path, query or credentials.
      if (
        (url.protocol === 'http:' || url.protocol === 'https:') &&
        !candidate.includes('*') &&
        url.pathname === '/' &&
        !url.search &&
        !url.hash &&
        !url.username &&
        !url.password &&
        /^https?:\/\/[^/?#]+$/i.test(candidate)
      )
        origin = url.origin;
    } catch {
      origin = undefined;
    }
    if (!origin)
      throw new Error(
        `${name} takes exact origins such as https://erp.example.com, comma separated; "${raw}" is not one`,
      );
    if (!origins.includes(origin)) origins.push(origin);
  }
  return origins;
}

function flagFrom(value: string | undefined): boolean {
  return value === '1' || value === 'true';
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
    commandPollMs: intFrom(env.BATON_COMMAND_POLL_MS, 100, 'BATON_COMMAND_POLL_MS'),
    idempotencyLeaseMs: intFrom(
      env.BATON_IDEMPOTENCY_LEASE_MS,
      intFrom(env.BATON_COMMAND_WAIT_MS, 2000, 'BATON_COMMAND_WAIT_MS') + 30_000,
      'BATON_IDEMPOTENCY_LEASE_MS',
    ),
    loginRateLimit: {
      max: intFrom(env.BATON_LOGIN_MAX_ATTEMPTS, 10, 'BATON_LOGIN_MAX_ATTEMPTS'),
      windowMs: intFrom(env.BATON_LOGIN_WINDOW_SECONDS, 300, 'BATON_LOGIN_WINDOW_SECONDS') * 1000,
    },
    webhooks: {
      allow: (env.BATON_WEBHOOK_ALLOW ?? '').split(/[\s,]+/).filter(Boolean),
      timeoutMs: intFrom(env.BATON_WEBHOOK_TIMEOUT_MS, 10000, 'BATON_WEBHOOK_TIMEOUT_MS'),
      attempts: Math.max(1, intFrom(env.BATON_WEBHOOK_ATTEMPTS, 5, 'BATON_WEBHOOK_ATTEMPTS')),
      backoffMs: intFrom(env.BATON_WEBHOOK_BACKOFF_MS, 2000, 'BATON_WEBHOOK_BACKOFF_MS'),
    },
    files: {
      maxBytes: intFrom(env.BATON_FILE_MAX_BYTES, 20 * 1024 * 1024, 'BATON_FILE_MAX_BYTES'),
      types: env.BATON_FILE_TYPES
        ? env.BATON_FILE_TYPES.split(/[\s,]+/)
            .filter(Boolean)
            .map((t) => t.toLowerCase())
        : DEFAULT_FILE_TYPES,
    },
    http: {
      https: flagFrom(env.BATON_HTTPS),
      hstsMaxAge: intFrom(env.BATON_HSTS_MAX_AGE, 365 * 24 * 3600, 'BATON_HSTS_MAX_AGE'),
      corsOrigins: parseOrigins(env.BATON_CORS_ORIGINS, 'BATON_CORS_ORIGINS'),
    },
  };
}

export const BATON_CONFIG = Symbol('BATON_CONFIG');
