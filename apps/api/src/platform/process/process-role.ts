import os from 'node:os';

/** What this process does: serve HTTP, run queue workers, or both (embedded). */
export interface ProcessRole {
  http: boolean;
  worker: boolean;
  /** Names this process in logs and in the rows its workers write. */
  id: string;
}

export const PROCESS_ROLE = Symbol('PROCESS_ROLE');

export function processRole(http: boolean, worker: boolean): ProcessRole {
  const kind = http && worker ? 'all' : http ? 'api' : 'worker';
  return { http, worker, id: `${kind}@${os.hostname()}:${process.pid}` };
}
