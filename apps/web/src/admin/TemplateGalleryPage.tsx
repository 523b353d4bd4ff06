// 模板库: the built-in and admin-published templates as cards grouped by
// category; preview (diagram + fields), 一键安装, import / export, 发布为模板.
import { useMemo, useState } from 'react';
import { App, Button, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { CheckCircleFilled, DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../shared/auth';
import type { Installed, TemplateSummary } from '@baton/contracts';
import { adminApi } from './api';
import { groupTemplates, isInstalled } from './gallery';
import { InstallModal } from './InstallModal';
import { PageError } from '../shared/PageError';
import { PageHead } from './PageHead';
import { ProcessesPanel } from './ProcessesPanel';
import { PublishTemplateModal } from './PublishTemplateModal';
import { TemplateIcon } from './TemplateIcon';
import { TemplatePreviewDrawer } from './TemplatePreviewDrawer';
import { TemplateTags } from './TemplateTags';
import { useLoad } from '../shared/useLoad';
import './admin.css';

function TemplateCard({
  template,
  installed,
  onPreview,
  onInstall,
}: {
  template: TemplateSummary;
  installed: boolean;
  onPreview: () => void;
  onInstall: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Card
      className="template-card"
      data-testid="template-card"
      data-key={template.key}
      actions={[
        <Button
          key="preview"
          type="text"
          icon={<EyeOutlined />}
          onClick={onPreview}
          aria-label={`${t('admin.templates.preview')} ${template.name}`}
        >
          {t('admin.templates.preview')}
        </Button>,
        <Button
          key="install"
          type="link"
          icon={<DownloadOutlined />}
          onClick={onInstall}
          aria-label={`${t('admin.templates.install')} ${template.name}`}
        >
          {t('admin.templates.install')}
        </Button>,
      ]}
    >
      <Flex gap={12} align="flex-start">
        <TemplateIcon name={template.icon} />
        <Flex vertical gap={2} className="template-card-body">
          <Flex gap={6} align="center" wrap>
            <Typography.Link strong className="template-card-name" onClick={onPreview}>
              {template.name}
            </Typography.Link>
            {installed && (
              <Tag
                color="success"
                icon={<CheckCircleFilled />}
                className="tag-tight"
                data-testid="installed-tag"
              >
                {t('admin.templates.installed')}
              </Tag>
            )}
            {template.source === 'admin' && (
              <Tag color="purple" className="tag-tight">
                {t('admin.templates.custom', { version: template.version })}
              </Tag>
            )}
          </Flex>
          <Typography.Paragraph
            type="secondary"
            ellipsis={{ rows: 2, tooltip: template.description }}
            className="template-card-desc"
          >
            {template.description || '\u00a0'}
          </Typography.Paragraph>
        </Flex>
      </Flex>
      <TemplateTags template={template} compact />
    </Card>
  );
}

export default function TemplateGalleryPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useAuth();
  const isAdmin = user?.roles.includes('admin') ?? false;
  const templates = useLoad((signal) => adminApi.templates(signal), []);
  const processes = useLoad((signal) => adminApi.processes(signal), []);
  const [previewKey, setPreviewKey] = useState<string | null>(null);
  const [installing, setInstalling] = useState<TemplateSummary | null>(null);
  const [publishOpen, setPublishOpen] = useState(false);
  const groups = useMemo(() => groupTemplates(templates.data ?? []), [templates.data]);
  const processList = processes.data ?? [];

  const onInstalled = (_: Installed) => processes.reload();

  let body: React.ReactNode;
  if (templates.status === 'failed' && !templates.data)
    body = <PageError error={templates.error} onRetry={templates.reload} />;
  else if (!templates.data) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (templates.data.length === 0)
    body = (
      <Card>
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <Flex vertical gap={4} align="center">
              <Typography.Text strong>{t('admin.templates.emptyTitle')}</Typography.Text>
              <Typography.Text type="secondary">{t('admin.templates.emptyHint')}</Typography.Text>
            </Flex>
          }
        />
      </Card>
    );
  else
    body = (
      <div className="template-groups">
        {groups.map((group) => (
          <section
            key={group.category ?? ''}
            data-testid="template-group"
            className={group.items.length > 1 ? 'template-group is-wide' : 'template-group'}
          >
            <Typography.Title level={5} className="admin-group-title">
              {group.category ?? t('admin.templates.uncategorised')}
              <Typography.Text type="secondary" className="admin-count">
                {t('admin.templates.count', { count: group.items.length })}
              </Typography.Text>
            </Typography.Title>
            <div className="template-grid">
              {group.items.map((template) => (
                <TemplateCard
                  key={template.key}
                  template={template}
                  installed={isInstalled(template, processList)}
                  onPreview={() => setPreviewKey(template.key)}
                  onInstall={() => setInstalling(template)}
                />
              ))}
            </div>
          </section>
        ))}
      </div>
    );

  return (
    <Flex vertical gap={16} className="admin-page">
      <PageHead title={t('admin.templates.title')} subtitle={t('admin.templates.subtitle')} />
      {body}
      <ProcessesPanel
        processes={processList}
        loading={processes.status === 'loading'}
        isAdmin={isAdmin}
        onChanged={processes.reload}
        onPublish={() => setPublishOpen(true)}
      />
      <TemplatePreviewDrawer
        templateKey={previewKey}
        onClose={() => setPreviewKey(null)}
        onInstall={(template) => setInstalling(template)}
      />
      <InstallModal
        template={installing}
        onClose={() => setInstalling(null)}
        onInstalled={onInstalled}
      />
      {isAdmin && (
        <PublishTemplateModal
          open={publishOpen}
          processes={processList}
          onClose={() => setPublishOpen(false)}
          onPublished={(template) => {
            setPublishOpen(false);
            message.success(t('admin.templates.published', { name: template.name }));
            templates.reload();
          }}
        />
      )}
    </Flex>
  );
}
