// The attachment field (packages/forms `attachment`: a list of file ids). Editing:
// antd Upload sends each file to POST /api/files with the user's token, shows its
// progress, keeps a refused file in the list with the reason in words, and a
// stored file can be removed. Reading: the files as download links.
import { useEffect, useRef, useState } from 'react';
import { App, Button, Typography, Upload, type UploadFile } from 'antd';
import { DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { WidgetProps } from '@rjsf/utils';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { describeError } from '../../shared/errors';
import {
  fileIds,
  formatBytes,
  roomFor,
  uploadListOf,
  uploadRefusal,
  withFile,
  withoutFile,
  type FileInfo,
  type PendingUpload,
} from '../attachments';
import { downloadAttachment, fileInfo, knownFile, uploadAttachment } from '../files';
import { useUploadActivity } from './upload-activity';

/** Why an upload failed, in the user's language: size and type refusals by name. */
function uploadFailureText(err: unknown, t: TFunction): string {
  if (err instanceof ApiError) {
    const refusal = uploadRefusal(err);
    if (refusal) return t(refusal.key, refusal.vars);
  }
  return describeError(err, t);
}

/** Name and size of each stored file; ids only live in the form data. */
function useFileInfos(ids: readonly string[]): Record<string, FileInfo | undefined> {
  const key = ids.join('|');
  const [fetched, setFetched] = useState<Record<string, FileInfo>>({});
  useEffect(() => {
    let live = true;
    for (const id of key ? key.split('|') : []) {
      fileInfo(id)
        .then((info) => {
          if (live) setFetched((prev) => (prev[id] === info ? prev : { ...prev, [id]: info }));
        })
        .catch(() => undefined); // the numbered name stays; a download reports its own error
    }
    return () => {
      live = false;
    };
  }, [key]);
  const out: Record<string, FileInfo | undefined> = {};
  for (const id of ids) out[id] = fetched[id] ?? knownFile(id);
  return out;
}

function useDownload() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (id: string, name: string) => {
    downloadAttachment(id, name).catch((err: unknown) => {
      void message.error(t('attachment.downloadFailed', { name, reason: describeError(err, t) }));
    });
  };
}

function ReadonlyFiles({ id, ids }: { id: string; ids: string[] }) {
  const { t } = useTranslation();
  const infos = useFileInfos(ids);
  const download = useDownload();
  if (ids.length === 0)
    return (
      <Typography.Text id={id} type="secondary" data-testid="attachment-none">
        {t('attachment.none')}
      </Typography.Text>
    );
  return (
    <ul id={id} className="attachment-readonly" data-testid="attachment-list">
      {ids.map((fileId, index) => {
        const info = infos[fileId];
        const meta = info?.state === 'ok' ? info.meta : undefined;
        const name = meta?.name || t('form.file', { index: index + 1 });
        const missing = info?.state === 'missing';
        return (
          <li key={fileId} className="attachment-readonly-item">
            <PaperClipOutlined aria-hidden />
            {missing ? (
              <Typography.Text type="secondary" data-testid="attachment-file">
                {name} · {t('attachment.unavailable')}
              </Typography.Text>
            ) : (
              <Button
                type="link"
                size="small"
                className="attachment-link"
                icon={<DownloadOutlined />}
                iconPlacement="end"
                title={t('attachment.download', { name })}
                data-testid="attachment-file"
                onClick={() => download(fileId, name)}
              >
                {name}
              </Button>
            )}
            {meta?.size !== undefined && (
              <Typography.Text type="secondary" className="attachment-size">
                {formatBytes(meta.size)}
              </Typography.Text>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function EditableFiles(props: WidgetProps) {
  const { id, value, disabled, onChange, schema, required } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const activity = useUploadActivity();
  const download = useDownload();
  const ids = fileIds(value);
  const infos = useFileInfos(ids);
  const [pending, setPending] = useState<PendingUpload[]>([]);
  // Refs, not state, for what several uploads finishing in one tick must all see.
  const valueRef = useRef<unknown>(value);
  valueRef.current = value;
  const pendingRef = useRef<PendingUpload[]>([]);
  const controllers = useRef(new Map<string, AbortController>());

  useEffect(() => {
    const running = controllers.current;
    return () => running.forEach((controller) => controller.abort());
  }, []);

  const updatePending = (change: (list: PendingUpload[]) => PendingUpload[]) => {
    pendingRef.current = change(pendingRef.current);
    setPending(pendingRef.current);
  };
  const commit = (next: string[] | undefined) => {
    valueRef.current = next;
    onChange(next);
  };

  const start = (file: File, uid: string) => {
    const controller = new AbortController();
    controllers.current.set(uid, controller);
    const end = activity.begin();
    updatePending((list) => [...list, { uid, name: file.name, status: 'uploading', percent: 0 }]);
    uploadAttachment(file, {
      signal: controller.signal,
      onProgress: (percent) =>
        updatePending((list) => list.map((p) => (p.uid === uid ? { ...p, percent } : p))),
    })
      .then((meta) => {
        updatePending((list) => list.filter((p) => p.uid !== uid));
        commit(withFile(valueRef.current, meta.id));
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) {
          updatePending((list) => list.filter((p) => p.uid !== uid));
          return;
        }
        const reason = uploadFailureText(err, t);
        updatePending((list) =>
          list.map((p) => (p.uid === uid ? { ...p, status: 'error', error: reason } : p)),
        );
        void message.error(t('attachment.failed', { name: file.name, reason }));
      })
      .finally(() => {
        controllers.current.delete(uid);
        end();
      });
  };

  const remove = (file: UploadFile) => {
    if (ids.includes(file.uid)) {
      commit(withoutFile(valueRef.current, file.uid, required));
    } else {
      controllers.current.get(file.uid)?.abort();
      updatePending((list) => list.filter((p) => p.uid !== file.uid));
    }
    return false;
  };

  const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : undefined;
  const list = uploadListOf(ids, infos, pending, (index) => t('form.file', { index }));
  const full = roomFor(value, pending, maxItems) === 0;

  return (
    <div className="attachment-field" data-testid="attachment-field">
      <Upload
        id={id}
        multiple={maxItems !== 1}
        fileList={list}
        disabled={disabled}
        openFileDialogOnClick={!full}
        beforeUpload={(file, batch) => {
          const room = roomFor(valueRef.current, pendingRef.current, maxItems);
          const index = batch.indexOf(file);
          if (index < room) return true;
          if (index === room) void message.warning(t('attachment.tooMany', { max: maxItems }));
          return Upload.LIST_IGNORE;
        }}
        customRequest={({ file }) => {
          const f = file as File & { uid?: string };
          start(f, f.uid ?? `${Date.now()}-${Math.random()}`);
        }}
        onRemove={remove}
        onPreview={(file) => {
          if (file.status === 'done') download(file.uid, file.name);
        }}
        onDownload={(file) => download(file.uid, file.name)}
        showUploadList={{
          showDownloadIcon: true,
          showRemoveIcon: !disabled,
          extra: (file) =>
            file.status === 'error' ? (
              <span className="attachment-error" role="alert">
                {' '}
                {typeof file.response === 'string' ? file.response : ''}
              </span>
            ) : file.size !== undefined ? (
              <span className="attachment-size"> {formatBytes(file.size)}</span>
            ) : null,
        }}
        locale={{
          uploading: t('attachment.uploading'),
          removeFile: t('attachment.remove'),
          downloadFile: t('attachment.downloadShort'),
          uploadError: t('attachment.uploadError'),
        }}
      >
        {!disabled && (
          <Button icon={<UploadOutlined />} disabled={full} data-testid="attachment-upload">
            {t('attachment.upload')}
          </Button>
        )}
      </Upload>
      {!disabled && full && maxItems !== undefined && (
        <Typography.Text type="secondary" className="attachment-hint">
          {t('attachment.full', { max: maxItems })}
        </Typography.Text>
      )}
    </div>
  );
}

export function AttachmentWidget(props: WidgetProps) {
  if (props.readonly) return <ReadonlyFiles id={props.id} ids={fileIds(props.value)} />;
  return <EditableFiles {...props} />;
}
