// The admin area's endpoints (docs/API.md "Organisation", "Templates",
// "Process definitions" export/import, "Notifications and incidents").
import type { ProcessDefinition } from '@baton/flow';
import type {
  CreateDepartmentBody,
  CreateUserBody,
  Department,
  DraftSaved,
  Incident,
  InstallBody,
  InstanceAnswer,
  Installed,
  ProcessSummary,
  Published,
  PublishTemplateBody,
  TemplateSummary,
  TemplateView,
  UpdateDepartmentBody,
  UpdateUserBody,
  User,
} from '@baton/contracts';
import { http } from '../shared/api';

const enc = encodeURIComponent;

export const adminApi = {
  templates: (signal?: AbortSignal) => http.get<TemplateSummary[]>('/templates', { signal }),
  template: (key: string, signal?: AbortSignal) =>
    http.get<TemplateView>(`/templates/${enc(key)}`, { signal }),
  install: (key: string, body: InstallBody) =>
    http.post<Installed>(`/templates/${enc(key)}/install`, body),
  publishTemplate: (body: PublishTemplateBody) => http.post<TemplateSummary>('/templates', body),

  processes: (signal?: AbortSignal) =>
    http.get<ProcessSummary[]>('/processes?all=true', { signal }),
  importProcess: (definition: unknown) =>
    http.post<DraftSaved | Published>('/processes/import', definition),
  exportProcess: (key: string) => http.get<ProcessDefinition>(`/processes/${enc(key)}/export`),

  users: (signal?: AbortSignal) => http.get<User[]>('/users', { signal }),
  createUser: (body: CreateUserBody) => http.post<User>('/users', body),
  updateUser: (id: string, body: UpdateUserBody) => http.patch<User>(`/users/${enc(id)}`, body),
  departments: (signal?: AbortSignal) => http.get<Department[]>('/departments', { signal }),
  createDepartment: (body: CreateDepartmentBody) => http.post<Department>('/departments', body),
  updateDepartment: (id: string, body: UpdateDepartmentBody) =>
    http.patch<Department>(`/departments/${enc(id)}`, body),

  incidents: (signal?: AbortSignal) => http.get<Incident[]>('/incidents', { signal }),
  retryIncident: (id: string) => http.post<InstanceAnswer>(`/incidents/${enc(id)}/retry`),
};
