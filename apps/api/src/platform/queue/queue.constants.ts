// Every queue Baton uses, in one place, so producers, workers, health checks
// and dashboards agree on the names. BullMQ forbids ':' in queue names.
export const QUEUES = {
  /** Process commands (start, completeTask, ...) to apply to an instance. */
  commands: 'baton-commands',
  /** Outbox rows to hand over after commit. */
  outbox: 'baton-outbox',
  /** Flow timers, as delayed jobs. */
  timers: 'baton-timers',
  /** Outgoing webhook calls of automation nodes. */
  webhooks: 'baton-webhooks',
  /** Housekeeping: sweeper, cleanups. */
  system: 'baton-system',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const ALL_QUEUES: readonly QueueName[] = Object.values(QUEUES);
