// The condition of a branch column: rows of "field operator value" in and/or
// groups (the model's condition builder), or the "其他情况" switch.
import {
  Alert,
  Button,
  DatePicker,
  Drawer,
  Empty,
  Input,
  InputNumber,
  Segmented,
  Select,
  Space,
  Typography,
} from 'antd';
import { DeleteOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { FormField } from '@baton/forms';
import type { FlowEdge } from '@baton/flow';
import {
  edgeLabel,
  fieldIndex,
  fromJsonLogic,
  isGroup,
  moveColumn,
  newRule,
  operatorsFor,
  setDefaultEdge,
  toJsonLogic,
  updateEdge,
  valueInputFor,
  type ConditionGroup,
  type ConditionItem,
  type ConditionRule,
  type ConditionScalar,
} from '../model';
import { useDesignerEnv } from '../env';
import type { Editor } from '../useEditor';

export function ConditionDrawer({
  edge,
  editor,
  onClose,
}: {
  edge: FlowEdge | undefined;
  editor: Editor;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { lang } = useDesignerEnv();
  if (!edge) return <Drawer open={false} onClose={onClose} />;
  const fields = editor.doc.fields.filter((f) => f.type !== 'table');
  const group = fromJsonLogic(edge.condition);
  const save = (next: ConditionGroup) =>
    editor.edit((d) => updateEdge(d, edge.id, { condition: toJsonLogic(next), label: undefined }));

  return (
    <Drawer
      open
      mask={false}
      size={520}
      onClose={onClose}
      title={`${t('designer.flow.condition')} · ${edgeLabel(edge, editor.doc.fields, lang) || t('designer.flow.noCondition')}`}
      data-testid="condition-drawer"
      extra={
        <Space>
          <Button
            size="small"
            icon={<LeftOutlined />}
            aria-label={t('designer.flow.moveLeft')}
            onClick={() => editor.edit((d) => moveColumn(d, edge.id, -1))}
          />
          <Button
            size="small"
            icon={<RightOutlined />}
            aria-label={t('designer.flow.moveRight')}
            onClick={() => editor.edit((d) => moveColumn(d, edge.id, 1))}
          />
        </Space>
      }
    >
      {edge.default ? (
        <Alert type="info" showIcon message={t('designer.flow.isDefault')} />
      ) : fields.length === 0 ? (
        <Empty description={t('designer.flow.noFieldsForCondition')} />
      ) : group === undefined ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('designer.flow.conditionRaw')}</Typography.Text>
          <pre className="cb-raw">{JSON.stringify(edge.condition, null, 2)}</pre>
          <Button onClick={() => save({ op: 'and', items: [] })}>
            {t('designer.flow.conditionReset')}
          </Button>
        </Space>
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {t('designer.flow.conditionHint')}
          </Typography.Paragraph>
          <GroupEditor group={group} fields={fields} onChange={save} depth={0} />
        </>
      )}
      {!edge.default && (
        <Button
          type="link"
          style={{ marginTop: 16, paddingLeft: 0 }}
          onClick={() => editor.edit((d) => setDefaultEdge(d, edge.id))}
        >
          {t('designer.flow.makeDefault')}
        </Button>
      )}
    </Drawer>
  );
}

function GroupEditor({
  group,
  fields,
  onChange,
  depth,
}: {
  group: ConditionGroup;
  fields: FormField[];
  onChange: (group: ConditionGroup) => void;
  depth: number;
}) {
  const { t } = useTranslation();
  const setItem = (i: number, item: ConditionItem | undefined) =>
    onChange({
      ...group,
      items:
        item === undefined
          ? group.items.filter((_, j) => j !== i)
          : group.items.map((x, j) => (j === i ? item : x)),
    });
  return (
    <div className={`cb-group ${depth > 0 ? 'is-nested' : ''}`}>
      {group.items.length > 1 && (
        <Segmented
          size="small"
          value={group.op}
          onChange={(op) => onChange({ ...group, op: op as 'and' | 'or' })}
          options={[
            { value: 'and', label: t('designer.flow.allOf') },
            { value: 'or', label: t('designer.flow.anyOf') },
          ]}
          style={{ marginBottom: 8 }}
        />
      )}
      {group.items.map((item, i) => (
        <div key={i} className="cb-item">
          {i > 0 && (
            <span className="cb-op">
              {group.op === 'and' ? t('designer.flow.and') : t('designer.flow.or')}
            </span>
          )}
          {isGroup(item) ? (
            <div className="cb-nested">
              <GroupEditor
                group={item}
                fields={fields}
                depth={depth + 1}
                onChange={(g) => setItem(i, g.items.length ? g : undefined)}
              />
            </div>
          ) : (
            <RuleRow
              rule={item}
              fields={fields}
              onChange={(r) => setItem(i, r)}
              onRemove={() => setItem(i, undefined)}
              index={i}
            />
          )}
        </div>
      ))}
      <Space>
        <Button
          size="small"
          icon={<PlusOutlined />}
          data-testid="add-condition"
          onClick={() => onChange({ ...group, items: [...group.items, newRule(fields[0])] })}
        >
          {t('designer.flow.addCondition')}
        </Button>
        {depth === 0 && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() =>
              onChange({
                ...group,
                items: [
                  ...group.items,
                  {
                    op: group.op === 'and' ? 'or' : 'and',
                    items: [newRule(fields[0]), newRule(fields[0])],
                  },
                ],
              })
            }
          >
            {t('designer.flow.addGroup')}
          </Button>
        )}
      </Space>
    </div>
  );
}

function RuleRow({
  rule,
  fields,
  onChange,
  onRemove,
  index,
}: {
  rule: ConditionRule;
  fields: FormField[];
  onChange: (rule: ConditionRule) => void;
  onRemove: () => void;
  index: number;
}) {
  const { t } = useTranslation();
  const field = fieldIndex(fields).get(rule.field);
  const type = field?.type ?? 'text';
  const input = valueInputFor(type, rule.operator);
  const scalar = Array.isArray(rule.value) ? undefined : rule.value;
  const setValue = (value: ConditionRule['value']) => onChange({ ...rule, value });

  let valueEditor = null;
  switch (input) {
    case 'number':
      valueEditor = (
        <span data-testid={`condition-value-${index}`}>
          <InputNumber
            value={typeof scalar === 'number' ? scalar : null}
            style={{ width: 120 }}
            onChange={(v) => setValue(v ?? 0)}
          />
        </span>
      );
      break;
    case 'date':
      valueEditor = (
        <DatePicker
          value={typeof scalar === 'string' && scalar ? dayjs(scalar) : null}
          onChange={(d) => setValue(d ? d.format('YYYY-MM-DD') : '')}
          style={{ width: 140 }}
        />
      );
      break;
    case 'boolean':
      valueEditor = (
        <Select
          value={scalar === true ? 'true' : 'false'}
          style={{ width: 90 }}
          onChange={(v) => setValue(v === 'true')}
          options={[
            { value: 'true', label: t('designer.flow.yes') },
            { value: 'false', label: t('designer.flow.no') },
          ]}
        />
      );
      break;
    case 'option':
      valueEditor = (
        <Select
          value={scalar as string}
          style={{ width: 140 }}
          onChange={setValue}
          options={(field?.options ?? []).map((o) => ({ value: o.value, label: o.label }))}
        />
      );
      break;
    case 'options':
      valueEditor = (
        <Select
          mode={field?.options ? 'multiple' : 'tags'}
          value={(Array.isArray(rule.value) ? rule.value : []) as string[]}
          style={{ minWidth: 140 }}
          onChange={(v: ConditionScalar[]) => setValue(v)}
          options={(field?.options ?? []).map((o) => ({ value: o.value, label: o.label }))}
        />
      );
      break;
    case 'text':
      valueEditor = (
        <Input
          value={scalar === null || scalar === undefined ? '' : String(scalar)}
          style={{ width: 140 }}
          onChange={(e) => setValue(e.target.value)}
        />
      );
      break;
    default:
      valueEditor = null;
  }

  return (
    <Space wrap className="cb-rule" data-testid={`condition-rule-${index}`}>
      <Select
        value={rule.field}
        style={{ width: 130 }}
        data-testid={`condition-field-${index}`}
        onChange={(key) => {
          const next = fields.find((f) => f.key === key);
          if (next) onChange(newRule(next));
        }}
        options={fields.map((f) => ({ value: f.key, label: f.label }))}
      />
      <Select
        value={rule.operator}
        style={{ width: 120 }}
        data-testid={`condition-operator-${index}`}
        onChange={(operator) => {
          const nextInput = valueInputFor(type, operator);
          const value =
            nextInput === 'none'
              ? undefined
              : nextInput === 'options'
                ? Array.isArray(rule.value)
                  ? rule.value
                  : []
                : Array.isArray(rule.value) || rule.value === undefined
                  ? newRule(field ?? fields[0]).value
                  : rule.value;
          onChange({ field: rule.field, operator, ...(value === undefined ? {} : { value }) });
        }}
        options={operatorsFor(type).map((op) => ({
          value: op,
          label: t(`designer.flow.op.${op}`),
        }))}
      />
      {valueEditor}
      <Button
        size="small"
        type="text"
        danger
        icon={<DeleteOutlined />}
        aria-label={t('designer.flow.removeCondition')}
        onClick={onRemove}
      />
    </Space>
  );
}
