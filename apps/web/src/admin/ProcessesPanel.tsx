// 已安装的流程: every process, with 导出 (JSON download), 导入 JSON and, for
// admins, 发布为模板.
import { useRef, useState } from 'react';
import { App, Button, Card, Empty, Flex, Space, Table, Tag, Typography } from 'antd';
import { CloudUploadOutlined, ExportOutlined, ImportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { describeError } from '../shared/errors';
import { appRoutes } from '../app/routes';
import type { ProcessSummary } from '@baton/contracts';
import { adminApi } from './api';
import { exportFileName, linkTo, parseDefinitionFile } from './gallery';

function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ProcessesPanel({
  processes,
  loading,
  isAdmin,
  onChanged,
  onPublish,
}: {
  processes: readonly ProcessSummary[];
  loading: boolean;
  isAdmin: boolean;
  onChanged: () => void;
  onPublish: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fileInput = useRef<HTMLInputElement>(null);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState<string | null>(null);
  const paths = appRoutes.map((r) => r.path);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setImporting(true);
    try {
      const parsed = parseDefinitionFile(await file.text());
      if (!parsed.ok) {
        message.error(
          t(
            parsed.problem === 'invalid_json'
              ? 'admin.templates.importInvalidJson'
              : 'admin.templates.importNotDefinition',
          ),
        );
        return;
      }
      await adminApi.importProcess(parsed.definition);
      message.success(t('admin.templates.imported', { key: parsed.key }));
      onChanged();
    } catch (err) {
      message.error(t('admin.templates.importFailed', { message: describeError(err, t) }));
    } finally {
      setImporting(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const onExport = async (key: string) => {
    setExporting(key);
    try {
      const definition = await adminApi.exportProcess(key);
      const file = exportFileName(key);
      download(file, `${JSON.stringify(definition, null, 2)}\n`);
      message.success(t('admin.templates.exported', { file }));
    } catch (err) {
      message.error(t('admin.templates.exportFailed', { message: describeError(err, t) }));
    } finally {
      setExporting(null);
    }
  };

  return (
    <Card
      title={t('admin.templates.processes')}
      className="admin-card"
      data-testid="processes-panel"
      extra={
        <Space wrap>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            hidden
            data-testid="import-file"
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
          <Button
            icon={<ImportOutlined />}
            loading={importing}
            onClick={() => fileInput.current?.click()}
          >
            {t('admin.templates.import')}
          </Button>
          {isAdmin && (
            <Button icon={<CloudUploadOutlined />} onClick={onPublish}>
              {t('admin.templates.publishAsTemplate')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" className="admin-card-hint">
        {t('admin.templates.processesHint')}
      </Typography.Paragraph>
      <Table<ProcessSummary>
        rowKey="key"
        size="small"
        loading={loading}
        dataSource={[...processes]}
        pagination={processes.length > 10 ? { pageSize: 10 } : false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('admin.templates.processesEmpty')}
            />
          ),
        }}
        columns={[
          {
            title: t('admin.templates.colName'),
            dataIndex: 'name',
            render: (name: string, row) => {
              const href = linkTo(paths, 'designer/:key', { key: row.key });
              return href ? (
                <Link to={href}>{name}</Link>
              ) : (
                <Typography.Text>{name}</Typography.Text>
              );
            },
          },
          {
            title: t('admin.templates.colKey'),
            dataIndex: 'key',
            render: (key: string) => <Typography.Text code>{key}</Typography.Text>,
          },
          {
            title: t('admin.templates.colVersion'),
            dataIndex: 'latestVersion',
            render: (version: number | null, row) => (
              <Flex gap={4} wrap>
                {version === null ? (
                  <Tag>{t('admin.templates.draftOnly')}</Tag>
                ) : (
                  <Tag color="green">{t('admin.templates.versionN', { version })}</Tag>
                )}
                {version !== null && row.hasDraft && (
                  <Tag color="orange">{t('admin.templates.hasDraft')}</Tag>
                )}
              </Flex>
            ),
          },
          {
            title: t('admin.templates.colOps'),
            key: 'ops',
            render: (_, row) => (
              <Button
                size="small"
                icon={<ExportOutlined />}
                loading={exporting === row.key}
                onClick={() => void onExport(row.key)}
              >
                {t('admin.templates.export')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
