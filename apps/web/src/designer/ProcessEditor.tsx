// Toolbar and tabs around one process document.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  App,
  Badge,
  Button,
  Drawer,
  Empty,
  Grid,
  List,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import {
  ArrowLeftOutlined,
  CloudUploadOutlined,
  HistoryOutlined,
  RedoOutlined,
  SaveOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { fieldProblems } from '@baton/forms';
import { validateDefinition, type Problem } from '@baton/flow';
import { ApiError } from '../shared/api';
import { describeError } from '../shared/errors';
import { formatDateTime } from '../shared/format';
import type { VersionInfo } from '@baton/contracts';
import { designerApi } from './api';
import { docOf, laidOut, laidOutOnly, type EditorDoc } from './editor-doc';
import { useDesignerEnv } from './env';
import { FlowDesigner } from './flow/FlowDesigner';
import { FormDesigner } from './form/FormDesigner';
import { SettingsPane } from './SettingsPane';
import { shortcutOf, useEditor } from './useEditor';

function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.tagName === 'TEXTAREA' ||
    (target.tagName === 'INPUT' &&
      !['checkbox', 'radio'].includes((target as HTMLInputElement).type))
  );
}

export function ProcessEditor({
  initial,
  latestVersion: initialVersion,
}: {
  initial: EditorDoc;
  latestVersion: number | null;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const env = useDesignerEnv();
  const editor = useEditor(initial);
  const { doc } = editor;
  const [saved, setSaved] = useState(initial.definition);
  const [latestVersion, setLatestVersion] = useState(initialVersion);
  const [serverProblems, setServerProblems] = useState<Problem[] | undefined>();
  const [busy, setBusy] = useState<'save' | 'publish' | undefined>();
  const [tab, setTab] = useState('form');
  const [versionsOpen, setVersionsOpen] = useState(false);
  // Unknown (the first render) counts as wide.
  const phone = Grid.useBreakpoint().md === false;

  const problems = useMemo(
    () => validateDefinition(doc.definition, env.directory),
    [doc.definition, env.directory],
  );
  // A server answer is about the definition it saw; any edit makes it stale.
  const shownProblems = serverProblems ?? problems;
  useEffect(() => setServerProblems(undefined), [doc.definition]);
  const formProblem = fieldProblems(doc.fields)[0];
  // A definition opened without positions (a template, an import) is laid
  // out once on open: that is not an edit of the user's, so it becomes the
  // baseline rather than showing "unsaved" on a process nobody touched.
  useEffect(() => {
    if (doc.definition !== saved && laidOutOnly(saved, doc.definition)) setSaved(doc.definition);
  }, [doc.definition, saved]);
  const dirty = doc.definition !== saved;

  // Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z anywhere in the editor except text inputs.
  const editorRef = useRef(editor);
  editorRef.current = editor;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Named one by one: a KeyboardEvent's modifier flags are getters a spread would drop.
      const action = shortcutOf({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        shiftKey: event.shiftKey,
        targetIsText: isTextTarget(event.target),
      });
      if (!action) return;
      event.preventDefault();
      if (action === 'undo') editorRef.current.undo();
      else editorRef.current.redo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const save = useCallback(async (): Promise<boolean> => {
    setBusy('save');
    try {
      const definition = doc.definition;
      const result = await designerApi.saveDraft(definition);
      setSaved(definition);
      if (result.problems.length > 0)
        message.warning(t('designer.savedWithProblems', { count: result.problems.length }));
      else message.success(t('designer.saved'));
      return true;
    } catch (err) {
      if (err instanceof ApiError && Array.isArray(err.body.problems))
        setServerProblems(err.body.problems as Problem[]);
      message.error(describeError(err, t));
      return false;
    } finally {
      setBusy(undefined);
    }
  }, [doc.definition, message, t]);

  const publish = useCallback(async () => {
    if (!(await save())) return;
    setBusy('publish');
    try {
      const result = await designerApi.publish(doc.definition.key);
      setLatestVersion(result.version);
      message.success(t('designer.publishedVersion', { version: result.version }));
    } catch (err) {
      if (err instanceof ApiError && Array.isArray(err.body.problems)) {
        const list = err.body.problems as Problem[];
        setServerProblems(list);
        setTab('flow');
        message.error(t('designer.publishRefused', { count: list.length }));
      } else message.error(describeError(err, t));
    } finally {
      setBusy(undefined);
    }
  }, [save, doc.definition.key, message, t]);

  const confirmPublish = () =>
    modal.confirm({
      title: t('designer.publishConfirm', { version: (latestVersion ?? 0) + 1 }),
      content: t('designer.publishConfirmHint'),
      onOk: () => publish(),
    });

  const restore = async (version: VersionInfo) => {
    try {
      const frozen = await designerApi.version(version.key, version.version);
      const next = docOf(await laidOut(frozen.definition));
      editor.editFields(() => ({ fields: next.fields, definition: next.definition }));
      setVersionsOpen(false);
      message.info(t('designer.restored', { version: version.version }));
    } catch (err) {
      message.error(describeError(err, t));
    }
  };

  return (
    <div className="designer-editor">
      {/*
        One line at 1280 px in either language: the name gives way (ellipsed, its
        full text in a tooltip), undo / redo / versions are icons with tooltips.
        Narrower, the parts wrap whole instead of overflowing; on a phone the name
        has a line of its own and Save draft is an icon too.
      */}
      <div className={`designer-toolbar${phone ? ' is-phone' : ''}`}>
        <div className="designer-toolbar-title">
          <Tooltip title={t('designer.back')}>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              aria-label={t('designer.back')}
              onClick={() => {
                if (!dirty) navigate('/designer');
                else
                  modal.confirm({
                    title: t('designer.leaveConfirm'),
                    onOk: () => navigate('/designer'),
                  });
              }}
            />
          </Tooltip>
          <Typography.Text
            strong
            className="designer-toolbar-name"
            ellipsis={{ tooltip: { title: doc.definition.name, placement: 'bottomLeft' } }}
            data-testid="designer-name"
          >
            {doc.definition.name}
          </Typography.Text>
          {latestVersion === null ? (
            <Tag className="designer-toolbar-fixed">{t('designer.unpublished')}</Tag>
          ) : (
            <Tag className="designer-toolbar-fixed" color="green" data-testid="designer-version">
              v{latestVersion}
            </Tag>
          )}
          <Typography.Text
            type="secondary"
            className="designer-toolbar-fixed"
            data-testid="designer-dirty"
          >
            {dirty ? t('designer.unsaved') : t('designer.upToDate')}
          </Typography.Text>
        </div>
        <Tabs
          className="designer-tabs"
          activeKey={tab}
          onChange={setTab}
          tabBarGutter={phone ? 12 : 24}
          items={[
            { key: 'form', label: t('designer.tabForm') },
            { key: 'flow', label: t('designer.tabFlow') },
            { key: 'settings', label: t('designer.tabSettings') },
          ]}
        />
        <div className="designer-toolbar-actions">
          <Tooltip title={`${t('designer.undo')} (Ctrl+Z)`}>
            <Button
              icon={<UndoOutlined />}
              aria-label={t('designer.undo')}
              disabled={!editor.canUndo}
              onClick={editor.undo}
            />
          </Tooltip>
          <Tooltip title={`${t('designer.redo')} (Ctrl+Shift+Z)`}>
            <Button
              icon={<RedoOutlined />}
              aria-label={t('designer.redo')}
              disabled={!editor.canRedo}
              onClick={editor.redo}
            />
          </Tooltip>
          <Tooltip title={t('designer.versions')}>
            <Button
              icon={<HistoryOutlined />}
              aria-label={t('designer.versions')}
              onClick={() => setVersionsOpen(true)}
              data-testid="designer-versions"
            />
          </Tooltip>
          <Tooltip title={phone ? t('designer.save') : undefined}>
            <Button
              icon={<SaveOutlined />}
              aria-label={phone ? t('designer.save') : undefined}
              loading={busy === 'save'}
              onClick={() => void save()}
              data-testid="designer-save"
            >
              {phone ? null : t('designer.save')}
            </Button>
          </Tooltip>
          <Tooltip
            title={
              problems.length > 0 ? t('designer.publishBlocked', { count: problems.length }) : ''
            }
          >
            <Badge count={problems.length} size="small" offset={[-4, 2]}>
              <Button
                type="primary"
                icon={<CloudUploadOutlined />}
                disabled={problems.length > 0 || busy !== undefined}
                loading={busy === 'publish'}
                onClick={confirmPublish}
                data-testid="designer-publish"
              >
                {t('designer.publish')}
              </Button>
            </Badge>
          </Tooltip>
        </div>
      </div>
      {formProblem && (
        <Alert
          type="warning"
          showIcon
          banner
          message={t('designer.formInvalid', { message: formProblem.message })}
        />
      )}
      <div className="designer-body">
        {tab === 'form' && <FormDesigner editor={editor} />}
        {tab === 'flow' && <FlowDesigner editor={editor} problems={shownProblems} />}
        {tab === 'settings' && <SettingsPane editor={editor} />}
      </div>
      <Drawer
        open={versionsOpen}
        onClose={() => setVersionsOpen(false)}
        title={t('designer.versions')}
        size="default"
        destroyOnHidden
      >
        <VersionList
          processKey={doc.definition.key}
          onRestore={(v) => void restore(v)}
          refresh={latestVersion}
        />
      </Drawer>
    </div>
  );
}

function VersionList({
  processKey,
  onRestore,
  refresh,
}: {
  processKey: string;
  onRestore: (v: VersionInfo) => void;
  refresh: number | null;
}) {
  const { t } = useTranslation();
  const env = useDesignerEnv();
  const [versions, setVersions] = useState<VersionInfo[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    const controller = new AbortController();
    designerApi
      .versions(processKey, controller.signal)
      .then((list) => setVersions([...list].reverse()))
      .catch((err: unknown) => {
        if (!controller.signal.aborted) setError(describeError(err, t));
      });
    return () => controller.abort();
  }, [processKey, refresh, t]);
  if (error) return <Typography.Text type="danger">{error}</Typography.Text>;
  if (versions && versions.length === 0) return <Empty description={t('designer.versionsEmpty')} />;
  return (
    <List
      loading={!versions}
      dataSource={versions ?? []}
      renderItem={(v) => (
        <List.Item
          actions={[
            <Button key="restore" size="small" onClick={() => onRestore(v)}>
              {t('designer.restore')}
            </Button>,
          ]}
        >
          <List.Item.Meta
            title={t('designer.versionLabel', { version: v.version })}
            description={`${t('designer.versionMeta', { time: formatDateTime(v.publishedAt) })} · ${
              env.userNames[v.publishedBy] ?? v.publishedBy
            }`}
          />
        </List.Item>
      )}
    />
  );
}
