// The admin area's endpoints (docs/API.md "Organisation", "Templates",
// "Process definitions" export/import, "Notifications and incidents").
import type { Problem, ProcessDefinition } from '@baton/flow';
import { http } from '../shared/api';

export interface TemplateSummary {
  key: string;
  name: string;
  description: string | null;
  category: string | null;
  icon: string | null;
  stages: string[];
  roles: string[];
  /** Of `roles`, those nobody active holds in this installation. */
  missingRoles: string[];
  source: 'built-in' | 'admin';
  version?: number;
  processKey?: string;
  processVersion?: number;
  publishedAt?: string;
}

export interface TemplateView extends TemplateSummary {
  definition: ProcessDefinition;
}

export interface Installed {
  templateKey: string;
  key: string;
  published: boolean;
  version: number | null;
  problems: Problem[];
}

export interface ProcessSummary {
  key: string;
  name: string;
  category: string | null;
  description: string | null;
  latestVersion: number | null;
  hasDraft?: boolean;
  mayStart?: boolean;
}

export interface PublishTemplateBody {
  processKey: string;
  templateKey?: string;
  name?: string;
  description?: string;
  category?: string;
}

export interface OrgUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  departmentId: string | null;
  active: boolean;
}

export interface Department {
  id: string;
  name: string;
  parentId: string | null;
  headId: string | null;
}

export interface CreateUserBody {
  username: string;
  password: string;
  displayName: string;
  roles: string[];
  departmentId?: string | null;
}

export interface UpdateUserBody {
  password?: string;
  displayName?: string;
  roles?: string[];
  departmentId?: string | null;
  active?: boolean;
}

export interface DepartmentBody {
  name?: string;
  parentId?: string | null;
  headId?: string | null;
}

export interface Incident {
  id: string;
  instanceId: string;
  processKey: string;
  title: string | null;
  nodeId: string | null;
  source: string | null;
  code: string | null;
  error: string | null;
  createdAt: string;
  resolvedAt?: string;
}

const enc = encodeURIComponent;

export const adminApi = {
  templates: (signal?: AbortSignal) => http.get<TemplateSummary[]>('/templates', { signal }),
  template: (key: string, signal?: AbortSignal) =>
    http.get<TemplateView>(`/templates/${enc(key)}`, { signal }),
  install: (key: string, body: { key?: string; publish?: boolean }) =>
    http.post<Installed>(`/templates/${enc(key)}/install`, body),
  publishTemplate: (body: PublishTemplateBody) => http.post<TemplateSummary>('/templates', body),

  processes: (signal?: AbortSignal) =>
    http.get<ProcessSummary[]>('/processes?all=true', { signal }),
  importProcess: (definition: unknown) =>
    http.post<{ key: string; version?: number; latestVersion?: number | null }>(
      '/processes/import',
      definition,
    ),
  exportProcess: (key: string) => http.get<ProcessDefinition>(`/processes/${enc(key)}/export`),

  users: (signal?: AbortSignal) => http.get<OrgUser[]>('/users', { signal }),
  createUser: (body: CreateUserBody) => http.post<OrgUser>('/users', body),
  updateUser: (id: string, body: UpdateUserBody) => http.patch<OrgUser>(`/users/${enc(id)}`, body),
  departments: (signal?: AbortSignal) => http.get<Department[]>('/departments', { signal }),
  createDepartment: (body: DepartmentBody) => http.post<Department>('/departments', body),
  updateDepartment: (id: string, body: DepartmentBody) =>
    http.patch<Department>(`/departments/${enc(id)}`, body),

  incidents: (signal?: AbortSignal) => http.get<Incident[]>('/incidents', { signal }),
  retryIncident: (id: string) => http.post<unknown>(`/incidents/${enc(id)}/retry`),
};
