// Loading helpers for the workspace pages: one fetch per dependency change with an
// abort on unmount, and a session cache of the people and departments lists that
// every page uses to show names instead of ids.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { workspaceApi } from './api';
import type { Department, ProcessVersion, User } from '@baton/contracts';

export { useLoad, type Load } from '../shared/useLoad';

// The organisation changes rarely; one fetch per five minutes is plenty.
const TTL_MS = 5 * 60_000;
let usersCache: { at: number; promise: Promise<User[]> } | null = null;
let departmentsCache: { at: number; promise: Promise<Department[]> } | null = null;

function cachedUsers(): Promise<User[]> {
  if (!usersCache || Date.now() - usersCache.at > TTL_MS) {
    const promise = workspaceApi.users().catch((error: unknown) => {
      usersCache = null;
      throw error;
    });
    usersCache = { at: Date.now(), promise };
  }
  return usersCache.promise;
}

function cachedDepartments(): Promise<Department[]> {
  if (!departmentsCache || Date.now() - departmentsCache.at > TTL_MS) {
    const promise = workspaceApi.departments().catch((error: unknown) => {
      departmentsCache = null;
      throw error;
    });
    departmentsCache = { at: Date.now(), promise };
  }
  return departmentsCache.promise;
}

export interface Directory {
  users: User[];
  /** A display name for a user id; the id's short form when unknown. */
  userName(id: string | undefined): string;
  departments: Department[];
  departmentName(id: string | undefined): string;
}

/** People (and departments) by id, for names in lists, timelines and pickers. */
export function useDirectory(options: { departments?: boolean } = {}): Directory {
  const { t } = useTranslation();
  const [users, setUsers] = useState<User[]>([]);
  const [departments, setDepartments] = useState<Department[]>([]);
  const wantDepartments = options.departments ?? false;
  useEffect(() => {
    let live = true;
    cachedUsers()
      .then((list) => live && setUsers(list))
      .catch(() => undefined); // names fall back to ids; the page shows its own errors
    if (wantDepartments)
      cachedDepartments()
        .then((list) => live && setDepartments(list))
        .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [wantDepartments]);
  return useMemo(() => {
    const byId = new Map(users.map((u) => [u.id, u]));
    const deptById = new Map(departments.map((d) => [d.id, d]));
    return {
      users,
      departments,
      userName: (id) => {
        if (!id) return t('workspace.system');
        const user = byId.get(id);
        return user
          ? user.displayName || user.username
          : users.length
            ? t('workspace.unknownUser')
            : '…';
      },
      departmentName: (id) => (id ? (deptById.get(id)?.name ?? id) : ''),
    };
  }, [users, departments, t]);
}

// Frozen process versions never change: cache them for the session.
const versionCache = new Map<string, Promise<ProcessVersion>>();

export function cachedVersion(key: string, version: number): Promise<ProcessVersion> {
  const id = `${key}@${version}`;
  let promise = versionCache.get(id);
  if (!promise) {
    promise = workspaceApi.processVersion(key, version).catch((error: unknown) => {
      versionCache.delete(id);
      throw error;
    });
    versionCache.set(id, promise);
  }
  return promise;
}

/** Node names of the given process versions: `name(key, version, nodeId)`. */
export function useNodeNames(versions: readonly { processKey: string; version: number }[]) {
  const ids = [...new Set(versions.map((v) => `${v.processKey}@${v.version}`))].sort();
  const [names, setNames] = useState<Record<string, Record<string, string>>>({});
  const joined = ids.join('|');
  useEffect(() => {
    let live = true;
    for (const id of joined ? joined.split('|') : []) {
      const at = id.lastIndexOf('@');
      cachedVersion(id.slice(0, at), Number(id.slice(at + 1)))
        .then((v) => {
          if (!live) return;
          const map: Record<string, string> = {};
          for (const node of v.definition.graph.nodes) map[node.id] = node.name || node.id;
          setNames((prev) => ({ ...prev, [id]: map }));
        })
        .catch(() => undefined); // fall back to node ids
    }
    return () => {
      live = false;
    };
  }, [joined]);
  return useCallback(
    (processKey: string, version: number, nodeId: string) =>
      names[`${processKey}@${version}`]?.[nodeId] ?? nodeId,
    [names],
  );
}
