// The template preview: what it is for, the flow as a read-only diagram and
// the fields of its form, with 一键安装 at hand.
import { lazy, Suspense, useMemo } from 'react';
import { Button, Drawer, Empty, Flex, Grid, Skeleton, Spin, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FormField } from '@baton/forms';
import { formFields } from '../designer/model/form-fields';
import type { TemplateSummary } from '@baton/contracts';
import { adminApi } from './api';
import { PageError } from '../shared/PageError';
import { TemplateIcon } from './TemplateIcon';
import { TemplateTags } from './TemplateTags';
import { useLoad } from '../shared/useLoad';

const FlowDiagram = lazy(() => import('./FlowDiagram'));

function FieldRow({ field }: { field: FormField }) {
  const { t, i18n } = useTranslation();
  const typeKey = `admin.fieldType.${field.type}`;
  const detail = field.options?.length
    ? t('admin.templates.options', {
        options: field.options.map((o) => o.label).join(i18n.language === 'en' ? ', ' : '、'),
      })
    : field.columns?.length
      ? t('admin.templates.columns', {
          columns: field.columns.map((c) => c.label).join(i18n.language === 'en' ? ', ' : '、'),
        })
      : null;
  return (
    <li className="field-row" data-testid="template-field">
      <Flex justify="space-between" gap={8} wrap>
        <Typography.Text strong>{field.label}</Typography.Text>
        <span>
          <Tag>{i18n.exists(typeKey) ? t(typeKey) : field.type}</Tag>
          {field.required ? (
            <Tag color="red">{t('admin.templates.required')}</Tag>
          ) : (
            <Tag variant="filled">{t('admin.templates.optional')}</Tag>
          )}
        </span>
      </Flex>
      {detail && (
        <Typography.Text type="secondary" className="field-row-detail">
          {detail}
        </Typography.Text>
      )}
    </li>
  );
}

export function TemplatePreviewDrawer({
  templateKey,
  onClose,
  onInstall,
}: {
  templateKey: string | null;
  onClose: () => void;
  onInstall: (template: TemplateSummary) => void;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const isPhone = screens.md === false;
  const load = useLoad(
    (signal) => (templateKey ? adminApi.template(templateKey, signal) : Promise.resolve(null)),
    [templateKey],
  );
  const template = load.data && load.data.key === templateKey ? load.data : null;
  const fields = useMemo(() => (template ? formFields(template.definition) : []), [template]);

  let body: React.ReactNode;
  if (load.status === 'failed' && !template)
    body = <PageError error={load.error} onRetry={load.reload} />;
  else if (!template) body = <Skeleton active paragraph={{ rows: 8 }} />;
  else
    body = (
      <Flex vertical gap={20}>
        <Flex gap={12} align="flex-start">
          <TemplateIcon name={template.icon} size={44} />
          <Flex vertical gap={6} className="preview-intro">
            {template.description && (
              <Typography.Text type="secondary">{template.description}</Typography.Text>
            )}
            <TemplateTags template={template} />
          </Flex>
        </Flex>
        <Tabs
          className="preview-tabs"
          items={[
            {
              key: 'flow',
              label: t('admin.templates.diagram'),
              children: (
                <>
                  <Typography.Text type="secondary" className="preview-section-hint">
                    {t('admin.templates.diagramHint')}
                  </Typography.Text>
                  <Suspense
                    fallback={
                      <div className="flow-preview flow-preview-loading" style={{ height: 320 }}>
                        <Spin />
                      </div>
                    }
                  >
                    <FlowDiagram definition={template.definition} />
                  </Suspense>
                </>
              ),
            },
            {
              key: 'fields',
              label: `${t('admin.templates.fields')} · ${fields.length}`,
              forceRender: true,
              children:
                fields.length === 0 ? (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={t('admin.templates.noFields')}
                  />
                ) : (
                  <ul className="field-list">
                    {fields.map((field) => (
                      <FieldRow key={field.key} field={field} />
                    ))}
                  </ul>
                ),
            },
          ]}
        />
      </Flex>
    );

  return (
    <Drawer
      open={templateKey !== null}
      onClose={onClose}
      size={isPhone ? '100%' : 760}
      title={
        template
          ? t('admin.templates.previewTitle', { name: template.name })
          : t('admin.templates.preview')
      }
      destroyOnHidden
      extra={
        template && (
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            onClick={() => onInstall(template)}
            data-testid="preview-install"
          >
            {t('admin.templates.install')}
          </Button>
        )
      }
      data-testid="template-preview"
    >
      {body}
    </Drawer>
  );
}
