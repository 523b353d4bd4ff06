// GET /api/health and POST /api/system/queue-check.

/** GET /api/health: 200 when everything is `ok`, 503 (same body) otherwise. */
export interface Health {
  status: 'ok' | 'degraded';
  db: 'ok' | 'down';
  queue: 'ok' | 'down';
  mode: 'embedded' | 'server';
}

/** POST /api/system/queue-check (admin): which worker took the probe job. */
export interface QueueCheck {
  probeId: string;
  enqueuedBy: string;
  handledBy: string;
  latencyMs: number;
}
