// Assignee rules: the current rules as tags, and a picker to add one
// (users, a role, a department head, the initiator's manager, the initiator,
// a people field of the form).
import { useState } from 'react';
import { Button, InputNumber, Segmented, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FormField } from '@baton/forms';
import type { AssigneeRule } from '@baton/flow';
import { assigneeText } from '../model';
import { useDesignerEnv } from '../env';

type Kind = AssigneeRule['kind'];
const KINDS: Kind[] = ['user', 'role', 'departmentHead', 'manager', 'initiator', 'field'];

export function AssigneeRules({
  rules,
  onChange,
  fields,
  testId,
  allowEmpty = false,
}: {
  rules: AssigneeRule[];
  onChange: (rules: AssigneeRule[]) => void;
  fields: readonly FormField[];
  testId?: string;
  /** Settings' starters: no rule means everyone, not a problem. */
  allowEmpty?: boolean;
}) {
  const { t } = useTranslation();
  const env = useDesignerEnv();
  const [kind, setKind] = useState<Kind>('user');
  const [users, setUsers] = useState<string[]>([]);
  const [role, setRole] = useState<string | undefined>();
  const [department, setDepartment] = useState<string | undefined>();
  const [level, setLevel] = useState(1);
  const [field, setField] = useState<string | undefined>();
  const userFields = fields.filter((f) => f.type === 'user');
  const ctx = { lang: env.lang, users: env.userNames, departments: env.departmentNames, fields };

  const candidate = (): AssigneeRule | undefined => {
    switch (kind) {
      case 'user':
        return users.length > 0 ? { kind, ids: users } : undefined;
      case 'role':
        return role ? { kind, role } : undefined;
      case 'departmentHead':
        return department ? { kind, departmentId: department } : undefined;
      case 'manager':
        return { kind, level };
      case 'initiator':
        return { kind };
      case 'field':
        return field ? { kind, field } : undefined;
    }
  };
  const next = candidate();

  return (
    <div className="ar" data-testid={testId}>
      <div className="ar-tags">
        {rules.length === 0 ? (
          allowEmpty ? null : (
            <Typography.Text type="danger">{t('designer.flow.noAssignees')}</Typography.Text>
          )
        ) : (
          rules.map((rule, i) => (
            <Tag
              key={i}
              closable
              color="blue"
              onClose={(e) => {
                e.preventDefault();
                onChange(rules.filter((_, j) => j !== i));
              }}
              data-testid="assignee-rule"
            >
              {assigneeText(rule, ctx)}
            </Tag>
          ))
        )}
      </div>
      <div className="ar-picker">
        <Segmented
          size="small"
          value={kind}
          onChange={(v) => setKind(v as Kind)}
          options={KINDS.map((k) => ({ value: k, label: t(`designer.flow.kind.${k}`) }))}
          className="ar-kinds"
        />
        <Space.Compact block>
          {kind === 'user' && (
            <Select
              mode="multiple"
              style={{ flex: 1, minWidth: 0 }}
              placeholder={t('designer.flow.pickUsers')}
              value={users}
              onChange={setUsers}
              optionFilterProp="label"
              options={env.users.map((u) => ({ value: u.id, label: u.displayName || u.username }))}
              data-testid="pick-users"
            />
          )}
          {kind === 'role' && (
            <Select
              style={{ flex: 1 }}
              placeholder={t('designer.flow.pickRole')}
              value={role}
              onChange={setRole}
              options={env.roles.map((r) => ({ value: r, label: r }))}
            />
          )}
          {kind === 'departmentHead' && (
            <Select
              style={{ flex: 1 }}
              placeholder={t('designer.flow.pickDepartment')}
              value={department}
              onChange={setDepartment}
              options={env.departments.map((d) => ({ value: d.id, label: d.name }))}
            />
          )}
          {kind === 'manager' && (
            <InputNumber
              style={{ flex: 1 }}
              min={1}
              max={10}
              value={level}
              onChange={(v) => setLevel(v ?? 1)}
              prefix={t('designer.flow.managerLevel')}
            />
          )}
          {kind === 'field' && (
            <Select
              style={{ flex: 1 }}
              placeholder={
                userFields.length ? t('designer.flow.pickField') : t('designer.flow.noUserFields')
              }
              disabled={userFields.length === 0}
              value={field}
              onChange={setField}
              options={userFields.map((f) => ({ value: f.key, label: f.label }))}
            />
          )}
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!next}
            data-testid="add-assignee"
            onClick={() => {
              if (!next) return;
              onChange([...rules, next]);
              setUsers([]);
            }}
          >
            {t('designer.flow.addRule')}
          </Button>
        </Space.Compact>
      </div>
    </div>
  );
}
