// The designer's endpoints (docs/API.md "Process definitions", "Organisation").
import type { ProcessDefinition } from '@baton/flow';
import type {
  Department,
  DraftSaved,
  ProcessSummary,
  ProcessVersion,
  ProcessView,
  Published,
  User,
  VersionInfo,
} from '@baton/contracts';
import { http } from '../shared/api';

export const designerApi = {
  list: (signal?: AbortSignal) => http.get<ProcessSummary[]>('/processes?all=true', { signal }),
  get: (key: string, signal?: AbortSignal) =>
    http.get<ProcessView>(`/processes/${encodeURIComponent(key)}`, { signal }),
  saveDraft: (definition: ProcessDefinition) => http.post<DraftSaved>('/processes', definition),
  publish: (key: string) => http.post<Published>(`/processes/${encodeURIComponent(key)}/publish`),
  versions: (key: string, signal?: AbortSignal) =>
    http.get<VersionInfo[]>(`/processes/${encodeURIComponent(key)}/versions`, { signal }),
  version: (key: string, version: number) =>
    http.get<ProcessVersion>(`/processes/${encodeURIComponent(key)}/versions/${version}`),
  users: (signal?: AbortSignal) => http.get<User[]>('/users', { signal }),
  departments: (signal?: AbortSignal) => http.get<Department[]>('/departments', { signal }),
};
