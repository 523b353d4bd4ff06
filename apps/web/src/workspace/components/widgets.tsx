// Widgets for the field types our form designer writes into uiSchema
// (packages/forms compile.ts: money, user, department, attachment). Without them
// @rjsf refuses to render such a form.
import { useState } from 'react';
import { App, Button, InputNumber, Select, Space, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { RegistryWidgetsType, WidgetProps } from '@rjsf/utils';
import { useTranslation } from 'react-i18next';
import { ApiError, tokenStore } from '../../shared/api';
import { describeError } from '../../shared/errors';
import { formatMoney } from '../../shared/format';
import { useLanguage } from '../../shared/i18n';
import { useDirectory } from '../hooks';
import { moneyText } from '../money';

function MoneyWidget(props: WidgetProps) {
  const { id, value, readonly, disabled, onChange, onBlur, onFocus, placeholder, schema } = props;
  const language = useLanguage();
  if (readonly) {
    return (
      <Typography.Text id={id} className="field-readonly">
        {formatMoney(typeof value === 'number' ? value : null, language)}
      </Typography.Text>
    );
  }
  return (
    <InputNumber<number>
      id={id}
      className="field-money"
      value={typeof value === 'number' ? value : null}
      prefix="¥"
      precision={2}
      step={1}
      min={typeof schema.minimum === 'number' ? schema.minimum : undefined}
      max={typeof schema.maximum === 'number' ? schema.maximum : undefined}
      disabled={disabled}
      placeholder={placeholder}
      formatter={(v, info) => moneyText(v, info.userTyping ? info.input : undefined)}
      parser={(v) => Number((v ?? '').replace(/[,¥\s]/g, ''))}
      onChange={(v) => onChange(v === null ? undefined : v)}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    />
  );
}

function PeopleSelect({ props, kind }: { props: WidgetProps; kind: 'user' | 'department' }) {
  const { t } = useTranslation();
  const { id, value, readonly, disabled, onChange, placeholder, schema } = props;
  const directory = useDirectory({ departments: kind === 'department' });
  const multiple = schema.type === 'array';
  const options =
    kind === 'user'
      ? directory.users
          .filter((u) => u.active !== false)
          .map((u) => ({ value: u.id, label: `${u.displayName || u.username} (${u.username})` }))
      : directory.departments.map((d) => ({ value: d.id, label: d.name }));
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      value={value ?? (multiple ? [] : undefined)}
      options={options}
      disabled={disabled || readonly}
      placeholder={placeholder || t('form.selectPlaceholder')}
      onChange={(next) => onChange(next ?? undefined)}
    />
  );
}

const UserWidget = (props: WidgetProps) => <PeopleSelect props={props} kind="user" />;
const DepartmentWidget = (props: WidgetProps) => <PeopleSelect props={props} kind="department" />;

/** GET /api/files/:id needs the bearer token, so a plain link cannot download it. */
async function download(fileId: string, fallbackName: string) {
  const token = tokenStore.get();
  const response = await fetch(`/api/files/${encodeURIComponent(fileId)}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok)
    throw new ApiError(response.status, `http_${response.status}`, response.statusText);
  const blob = await response.blob();
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name ? decodeURIComponent(name) : fallbackName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function AttachmentWidget(props: WidgetProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id, value, readonly, disabled, onChange } = props;
  const files: string[] = Array.isArray(value) ? (value as string[]) : [];
  const [names, setNames] = useState<Record<string, string>>({});
  const [uploading, setUploading] = useState(false);

  const upload = async (file: File) => {
    setUploading(true);
    try {
      const body = new FormData();
      body.append('file', file);
      const token = tokenStore.get();
      const response = await fetch('/api/files', {
        method: 'POST',
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        body,
      });
      const json = (await response.json().catch(() => ({}))) as {
        id?: string;
        name?: string;
        message?: string;
        error?: string;
      };
      if (!response.ok || !json.id) {
        throw new ApiError(
          response.status,
          json.error ?? `http_${response.status}`,
          json.message ?? response.statusText,
        );
      }
      setNames((prev) => ({ ...prev, [json.id!]: json.name ?? file.name }));
      onChange([...files, json.id]);
    } catch (err) {
      void message.error(t('form.uploadFailed', { message: describeError(err, t) }));
    } finally {
      setUploading(false);
    }
  };

  return (
    <Space orientation="vertical" size={4} id={id} className="field-attachments">
      {files.length === 0 && readonly && (
        <Typography.Text type="secondary">{t('form.noFiles')}</Typography.Text>
      )}
      {files.map((fileId, index) => {
        const label = names[fileId] ?? t('form.file', { index: index + 1 });
        return (
          <Space key={fileId} size={4}>
            <PaperClipOutlined />
            <Typography.Link
              onClick={() =>
                download(fileId, label).catch(
                  (err: unknown) => void message.error(describeError(err, t)),
                )
              }
            >
              {label}
            </Typography.Link>
            {!readonly && !disabled && (
              <Button
                type="link"
                size="small"
                danger
                onClick={() => onChange(files.filter((f) => f !== fileId))}
              >
                ×
              </Button>
            )}
          </Space>
        );
      })}
      {!readonly && !disabled && (
        <Upload
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={uploading}>
            {t('form.upload')}
          </Button>
        </Upload>
      )}
    </Space>
  );
}

export const workspaceWidgets: RegistryWidgetsType = {
  money: MoneyWidget,
  user: UserWidget,
  department: DepartmentWidget,
  attachment: AttachmentWidget,
};
