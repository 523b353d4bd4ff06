// The designer's endpoints (docs/API.md "Process definitions", "Organisation").
import type { Problem, ProcessDefinition } from '@baton/flow';
import { http } from '../shared/api';
import type { DirectoryDepartment, DirectoryUser } from './simulator';

export interface ProcessSummary {
  key: string;
  name: string;
  category: string | null;
  description: string | null;
  latestVersion: number | null;
  hasDraft?: boolean;
  mayStart?: boolean;
}

export interface ProcessView {
  key: string;
  name: string;
  latestVersion: number | null;
  definition: ProcessDefinition;
  draft?: ProcessDefinition;
  updatedAt: string;
}

export interface DraftSaved {
  key: string;
  latestVersion: number | null;
  problems: Problem[];
  updatedAt: string;
}

export interface VersionInfo {
  key: string;
  version: number;
  publishedAt: string;
  publishedBy: string;
}

export const designerApi = {
  list: (signal?: AbortSignal) => http.get<ProcessSummary[]>('/processes?all=true', { signal }),
  get: (key: string, signal?: AbortSignal) =>
    http.get<ProcessView>(`/processes/${encodeURIComponent(key)}`, { signal }),
  saveDraft: (definition: ProcessDefinition) => http.post<DraftSaved>('/processes', definition),
  publish: (key: string) =>
    http.post<{ key: string; version: number }>(`/processes/${encodeURIComponent(key)}/publish`),
  versions: (key: string, signal?: AbortSignal) =>
    http.get<VersionInfo[]>(`/processes/${encodeURIComponent(key)}/versions`, { signal }),
  version: (key: string, version: number) =>
    http.get<{ definition: ProcessDefinition }>(
      `/processes/${encodeURIComponent(key)}/versions/${version}`,
    ),
  users: (signal?: AbortSignal) => http.get<DirectoryUser[]>('/users', { signal }),
  departments: (signal?: AbortSignal) =>
    http.get<DirectoryDepartment[]>('/departments', { signal }),
};
