// Stages as tags, then roles; a role nobody holds here is a warning tag
// ("缺少人员: 财务") that explains what to do.
import { Flex, Tag, Tooltip, Typography } from 'antd';
import { TeamOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TemplateSummary } from '@baton/contracts';
import { roleLabel } from './roles';

export function TemplateTags({
  template,
  compact = false,
}: {
  template: TemplateSummary;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const missing = new Set(template.missingRoles);
  return (
    <Flex vertical gap={6} className="template-tags">
      {template.stages.length > 0 && (
        <Flex gap={4} wrap align="center" data-testid="template-stages">
          <Typography.Text type="secondary" className="tag-label">
            {t('admin.templates.stages')}
          </Typography.Text>
          {template.stages.map((stage) => (
            <Tag key={stage} color="blue" variant="filled" className="tag-tight">
              {stage}
            </Tag>
          ))}
        </Flex>
      )}
      {template.roles.length > 0 && (
        <Flex gap={4} wrap align="center" data-testid="template-roles">
          <Typography.Text type="secondary" className="tag-label">
            {t('admin.templates.roles')}
          </Typography.Text>
          {template.roles
            .filter((role) => !missing.has(role))
            .map((role) => (
              <Tag key={role} icon={compact ? undefined : <TeamOutlined />} className="tag-tight">
                {roleLabel(role, t)}
              </Tag>
            ))}
          {template.missingRoles.map((role) => (
            <Tooltip key={role} title={t('admin.templates.missingHint')}>
              <Tag
                color="warning"
                icon={<WarningOutlined />}
                className="tag-tight"
                data-testid="missing-role"
              >
                {t('admin.templates.missingRoles', { roles: roleLabel(role, t) })}
              </Tag>
            </Tooltip>
          ))}
        </Flex>
      )}
    </Flex>
  );
}
