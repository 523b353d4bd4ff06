// Typed endpoints of the workspace (start, inbox, tasks, instances, notifications).
import { http } from '../shared/api';
import type {
  Department,
  InstanceAnswer,
  NotificationRead,
  NotificationsMarked,
  StartAnswer,
  InstanceEvent,
  InstanceSummary,
  InstanceView,
  NotificationItem,
  Paged,
  ProcessSummary,
  ProcessVersion,
  ProcessView,
  TaskActionAnswer,
  TaskActionBody,
  TaskDetail,
  TaskItem,
  User,
} from '@baton/contracts';

type Query = Record<string, string | number | undefined>;

export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * A fresh Idempotency-Key per attempt. crypto.randomUUID exists only in secure
 * contexts; an intranet deployment on plain http still has getRandomValues.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const opts = (signal?: AbortSignal) => ({ signal });

export const workspaceApi = {
  processes: (signal?: AbortSignal) => http.get<ProcessSummary[]>('/processes', opts(signal)),
  process: (key: string, signal?: AbortSignal) =>
    http.get<ProcessView>(`/processes/${encodeURIComponent(key)}`, opts(signal)),
  processVersion: (key: string, version: number, signal?: AbortSignal) =>
    http.get<ProcessVersion>(
      `/processes/${encodeURIComponent(key)}/versions/${version}`,
      opts(signal),
    ),
  start: (key: string, data: Record<string, unknown>) =>
    http.post<StartAnswer>(
      `/processes/${encodeURIComponent(key)}/instances`,
      { data },
      { idempotencyKey: newIdempotencyKey() },
    ),

  tasks: (
    query: {
      status: 'open' | 'done';
      q?: string;
      processKey?: string;
      page?: number;
      pageSize?: number;
    },
    signal?: AbortSignal,
  ) => http.get<Paged<TaskItem>>(`/tasks${queryString(query)}`, opts(signal)),
  task: (id: string, signal?: AbortSignal) =>
    http.get<TaskDetail>(`/tasks/${encodeURIComponent(id)}`, opts(signal)),
  act: (id: string, body: TaskActionBody) =>
    http.post<TaskActionAnswer>(`/tasks/${encodeURIComponent(id)}/actions`, body, {
      idempotencyKey: newIdempotencyKey(),
    }),

  instances: (
    query: {
      mine: 'initiated' | 'cc' | 'involved';
      status?: string;
      processKey?: string;
      q?: string;
      page?: number;
      pageSize?: number;
    },
    signal?: AbortSignal,
  ) => http.get<Paged<InstanceSummary>>(`/instances${queryString(query)}`, opts(signal)),
  instance: (id: string, signal?: AbortSignal) =>
    http.get<InstanceView>(`/instances/${encodeURIComponent(id)}`, opts(signal)),
  events: (id: string, signal?: AbortSignal) =>
    http.get<InstanceEvent[]>(`/instances/${encodeURIComponent(id)}/events`, opts(signal)),
  withdraw: (id: string, comment?: string) =>
    http.post<InstanceAnswer>(
      `/instances/${encodeURIComponent(id)}/withdraw`,
      comment ? { comment } : {},
      { idempotencyKey: newIdempotencyKey() },
    ),

  users: (signal?: AbortSignal) => http.get<User[]>('/users', opts(signal)),
  departments: (signal?: AbortSignal) => http.get<Department[]>('/departments', opts(signal)),

  notifications: (unread: boolean, signal?: AbortSignal) =>
    http.get<NotificationItem[]>(`/notifications${unread ? '?unread=true' : ''}`, opts(signal)),
  readNotification: (id: string) =>
    http.post<NotificationRead>(`/notifications/${encodeURIComponent(id)}/read`),
  readAllNotifications: () => http.post<NotificationsMarked>('/notifications/read-all'),
};
