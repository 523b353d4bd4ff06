// The process editor: 表单 / 流程 / 设置 tabs under one toolbar (save, publish,
// versions, undo / redo). Loads the draft (or the latest version), the users
// and the departments, then hands them to the panes.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { describeError } from '../shared/errors';
import { useLanguage } from '../shared/i18n';
import { PageLoading } from '../shared/ui/PageLoading';
import type { ProcessView } from '@baton/contracts';
import { designerApi } from './api';
import { docOf } from './editor-doc';
import { DesignerEnvContext, type DesignerEnv } from './env';
import { ProcessEditor } from './ProcessEditor';
import {
  directoryOf,
  directorySnapshot,
  rolesOf,
  type DirectoryDepartment,
  type DirectoryUser,
} from './simulator';
import './designer.css';

interface Loaded {
  view: ProcessView;
  users: DirectoryUser[];
  departments: DirectoryDepartment[];
}

export default function EditorPage() {
  const { key = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLanguage();
  const navigate = useNavigate();
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [error, setError] = useState<string | undefined>();
  // Switching the language must not reload (and lose) the document being edited.
  const tRef = useRef(t);
  tRef.current = t;

  useEffect(() => {
    const controller = new AbortController();
    setLoaded(undefined);
    setError(undefined);
    Promise.all([
      designerApi.get(key, controller.signal),
      designerApi.users(controller.signal),
      designerApi.departments(controller.signal),
    ])
      .then(([view, users, departments]) => setLoaded({ view, users, departments }))
      .catch((err: unknown) => {
        if (!controller.signal.aborted) setError(describeError(err, tRef.current));
      });
    return () => controller.abort();
  }, [key]);

  const env = useMemo<DesignerEnv | undefined>(() => {
    if (!loaded) return undefined;
    const snapshot = directorySnapshot(loaded.users, loaded.departments);
    return {
      lang,
      users: loaded.users,
      departments: loaded.departments,
      roles: rolesOf(loaded.users),
      userNames: Object.fromEntries(loaded.users.map((u) => [u.id, u.displayName || u.username])),
      departmentNames: Object.fromEntries(loaded.departments.map((d) => [d.id, d.name])),
      snapshot,
      directory: directoryOf(snapshot),
    };
  }, [loaded, lang]);

  if (error)
    return (
      <Result
        status="warning"
        title={t('designer.loadFailed', { message: error })}
        extra={<Button onClick={() => navigate('/designer')}>{t('designer.back')}</Button>}
      />
    );
  if (!loaded || !env) return <PageLoading />;
  const initial = loaded.view.draft ?? loaded.view.definition;
  if (!initial || typeof initial !== 'object')
    return <Alert type="error" message={t('designer.loadFailed', { message: key })} />;
  return (
    <DesignerEnvContext.Provider value={env}>
      <ProcessEditor key={key} initial={docOf(initial)} latestVersion={loaded.view.latestVersion} />
    </DesignerEnvContext.Provider>
  );
}
