// Widgets for the field types our form designer writes into uiSchema
// (packages/forms compile.ts: money, user, department, attachment). Without them
// @rjsf refuses to render such a form.
import { InputNumber, Select, Typography } from 'antd';
import type { RegistryWidgetsType, WidgetProps } from '@rjsf/utils';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../shared/format';
import { useLanguage } from '../../shared/i18n';
import { useDirectory } from '../hooks';
import { moneyText } from '../money';
import { READONLY_TEXT } from '../table-field';
import { AttachmentWidget } from './AttachmentWidget';

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
  const language = useLanguage();
  const { id, value, readonly, disabled, onChange, placeholder, schema, options: ui } = props;
  const directory = useDirectory({ departments: kind === 'department' });
  const multiple = schema.type === 'array';
  const options =
    kind === 'user'
      ? directory.users
          .filter((u) => u.active !== false)
          .map((u) => ({ value: u.id, label: `${u.displayName || u.username} (${u.username})` }))
      : directory.departments.map((d) => ({ value: d.id, label: d.name }));
  if (readonly && ui[READONLY_TEXT]) {
    // A read-only table cell: the names as text, like the cells around it.
    // Every user, active or not: someone who has since left still filled the row.
    const nameOf = (v: unknown) => {
      if (kind === 'department') return directory.departments.find((d) => d.id === v)?.name;
      const user = directory.users.find((u) => u.id === v);
      return user && (user.displayName || user.username);
    };
    const names = (Array.isArray(value) ? value : value ? [value] : []).map(
      (v) => nameOf(v) ?? String(v),
    );
    return (
      <Typography.Text id={id}>
        {names.join(language === 'zh-CN' ? '、' : ', ') || '—'}
      </Typography.Text>
    );
  }
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

export const workspaceWidgets: RegistryWidgetsType = {
  money: MoneyWidget,
  user: UserWidget,
  department: DepartmentWidget,
  attachment: AttachmentWidget,
};
