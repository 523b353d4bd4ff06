// Notifications and incidents (docs/API.md "Notifications and incidents").
import type { NotifyKind } from '@baton/flow';
import type { IsoDateTime } from './common.js';

/** GET /api/notifications?unread=true: the caller's, newest first. */
export interface NotificationItem {
  id: string;
  kind: NotifyKind;
  instanceId: string;
  taskId?: string;
  actorId?: string;
  message?: string;
  /** The instance's title. */
  title: string | null;
  createdAt: IsoDateTime;
  read: boolean;
}

/** POST /api/notifications/:id/read */
export interface NotificationRead {
  id: string;
  read: boolean;
}

/** POST /api/notifications/read-all */
export interface NotificationsMarked {
  marked: number;
}

/** GET /api/incidents (admin): failed automations and timers, newest first. */
export interface Incident {
  id: string;
  instanceId: string;
  processKey: string;
  /** The instance's title. */
  title: string | null;
  nodeId: string | null;
  source: string | null;
  code: string | null;
  error: string | null;
  createdAt: IsoDateTime;
  resolvedAt?: IsoDateTime;
}
