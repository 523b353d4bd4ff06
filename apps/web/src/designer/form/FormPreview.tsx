// A live @rjsf preview of the compiled form, at desktop or phone width.
// Baton's own widgets (money, user, department, attachment) get look-alikes;
// table fields use the workspace's own TableField, so they look exactly as users will see them.
import { useMemo, useState } from 'react';
import Form from '@rjsf/antd';
import validator from '@rjsf/validator-ajv8';
import type { RegistryWidgetsType, WidgetProps } from '@rjsf/utils';
import { Button, Empty, InputNumber, Select } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { compileForm, fieldProblems, type FormField } from '@baton/forms';
import { useDesignerEnv } from '../env';
import { tableFields } from '../../workspace/components/TableField';
import { withTableFields } from '../../workspace/table-field';

function MoneyWidget(props: WidgetProps) {
  return (
    <InputNumber
      id={props.id}
      prefix="¥"
      precision={2}
      style={{ width: '100%' }}
      value={props.value as number | undefined}
      placeholder={props.placeholder}
      disabled={props.disabled || props.readonly}
      onChange={(v) => props.onChange(v ?? undefined)}
    />
  );
}

function UserWidget(props: WidgetProps) {
  const { users } = useDesignerEnv();
  const multiple = props.schema.type === 'array';
  return (
    <Select
      id={props.id}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      value={props.value as string | string[] | undefined}
      placeholder={props.placeholder}
      options={users.map((u) => ({ value: u.id, label: u.displayName || u.username }))}
      onChange={(v) => props.onChange(v)}
    />
  );
}

function DepartmentWidget(props: WidgetProps) {
  const { departments } = useDesignerEnv();
  const multiple = props.schema.type === 'array';
  return (
    <Select
      id={props.id}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      value={props.value as string | string[] | undefined}
      placeholder={props.placeholder}
      options={departments.map((d) => ({ value: d.id, label: d.name }))}
      onChange={(v) => props.onChange(v)}
    />
  );
}

function AttachmentWidget() {
  const { t } = useTranslation();
  return (
    <Button icon={<UploadOutlined />} disabled>
      {t('designer.form.uploadPreview')}
    </Button>
  );
}

const widgets: RegistryWidgetsType = {
  money: MoneyWidget,
  user: UserWidget,
  department: DepartmentWidget,
  attachment: AttachmentWidget,
};

export function FormPreview({ fields, width }: { fields: FormField[]; width?: number }) {
  const { t } = useTranslation();
  const [data, setData] = useState<Record<string, unknown>>({});
  const compiled = useMemo(
    () => (fieldProblems(fields).length === 0 ? compileForm(fields) : undefined),
    [fields],
  );
  if (fields.length === 0 || !compiled)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('designer.form.noFields')} />;
  return (
    <div className="fd-preview-frame" style={{ maxWidth: width ?? 720 }} data-testid="form-preview">
      <Form
        schema={compiled.schema as never}
        uiSchema={{
          ...withTableFields(compiled.schema, compiled.uiSchema),
          'ui:submitButtonOptions': { norender: true },
        }}
        validator={validator}
        widgets={widgets}
        fields={tableFields}
        formData={data}
        onChange={(e) => setData((e.formData ?? {}) as Record<string, unknown>)}
        showErrorList={false}
        noHtml5Validate
      />
    </div>
  );
}
