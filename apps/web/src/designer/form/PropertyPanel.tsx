// The selected field's properties: only those its type uses (appliesTo).
import { useEffect, useState } from 'react';
import { Button, Empty, Form, Input, InputNumber, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { appliesTo, type FieldOption, type FormField } from '@baton/forms';
import { useDesignerEnv } from '../env';
import { keyProblem, renameFieldInFlow, typeName, updateField, uniqueKey } from '../form-model';
import type { Editor } from '../useEditor';

export function PropertyPanel({
  field,
  editor,
  onKeyChange,
}: {
  field: FormField | undefined;
  editor: Editor;
  onKeyChange: (key: string) => void;
}) {
  const { t } = useTranslation();
  const { lang } = useDesignerEnv();
  const [keyDraft, setKeyDraft] = useState(field?.key ?? '');
  useEffect(() => setKeyDraft(field?.key ?? ''), [field?.key]);

  if (!field)
    return (
      <>
        <Typography.Title level={5}>{t('designer.form.properties')}</Typography.Title>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('designer.form.noSelection')} />
      </>
    );

  const patch = (p: Partial<FormField>) =>
    editor.editFields((list) => ({ fields: updateField(list, field.key, p) }));
  const has = (p: Parameters<typeof appliesTo>[1]) => appliesTo(field.type, p);
  const isList = ['multi-select', 'attachment', 'table'].includes(field.type);
  const keyError = keyProblem(editor.doc.fields, field.key, keyDraft);

  const setOptions = (options: FieldOption[]) => patch({ options });
  const options = field.options ?? [];

  return (
    <Form layout="vertical" size="small" className="fd-props-form">
      <Typography.Title level={5}>{t('designer.form.properties')}</Typography.Title>
      <Form.Item label={t('designer.form.type')}>
        <Typography.Text>{typeName(field.type, lang)}</Typography.Text>
      </Form.Item>
      <Form.Item label={t('designer.form.label')} required>
        <Input
          value={field.label}
          maxLength={100}
          data-testid="prop-label"
          onChange={(e) => patch({ label: e.target.value })}
        />
      </Form.Item>
      <Form.Item
        label={t('designer.form.fieldKey')}
        extra={keyError ? undefined : t('designer.form.fieldKeyHelp')}
        validateStatus={keyError ? 'error' : undefined}
        help={
          keyError === 'invalid'
            ? t('designer.form.keyInvalid')
            : keyError === 'duplicate'
              ? t('designer.form.keyDuplicate')
              : undefined
        }
      >
        <Input
          value={keyDraft}
          maxLength={64}
          data-testid="prop-key"
          onChange={(e) => {
            const next = e.target.value;
            setKeyDraft(next);
            if (keyProblem(editor.doc.fields, field.key, next)) return;
            editor.editFields((list, def) => ({
              fields: list.map((f) => (f.key === field.key ? { ...f, key: next } : f)),
              definition: renameFieldInFlow(def, field.key, next),
            }));
            onKeyChange(next);
          }}
        />
      </Form.Item>
      {has('required') && (
        <Form.Item label={t('designer.form.required')}>
          <Switch
            checked={field.required === true}
            data-testid="prop-required"
            onChange={(required) => patch({ required: required || undefined })}
          />
        </Form.Item>
      )}
      {has('multiple') && (
        <Form.Item label={t('designer.form.multiple')}>
          <Switch
            checked={field.multiple === true}
            onChange={(multiple) => patch({ multiple: multiple || undefined })}
          />
        </Form.Item>
      )}
      {has('placeholder') && (
        <Form.Item label={t('designer.form.placeholder')}>
          <Input
            value={field.placeholder ?? ''}
            maxLength={200}
            onChange={(e) => patch({ placeholder: e.target.value || undefined })}
          />
        </Form.Item>
      )}
      {has('help') && (
        <Form.Item label={t('designer.form.help')}>
          <Input.TextArea
            value={field.help ?? ''}
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={500}
            onChange={(e) => patch({ help: e.target.value || undefined })}
          />
        </Form.Item>
      )}
      {has('min') && (
        <Space.Compact block>
          <Form.Item
            label={isList ? t('designer.form.minItems') : t('designer.form.min')}
            style={{ flex: 1 }}
          >
            <InputNumber
              value={field.min}
              style={{ width: '100%' }}
              onChange={(v) => patch({ min: v ?? undefined })}
            />
          </Form.Item>
          <Form.Item
            label={isList ? t('designer.form.maxItems') : t('designer.form.max')}
            style={{ flex: 1, marginLeft: 8 }}
          >
            <InputNumber
              value={field.max}
              style={{ width: '100%' }}
              onChange={(v) => patch({ max: v ?? undefined })}
            />
          </Form.Item>
        </Space.Compact>
      )}
      {has('minLength') && (
        <Space.Compact block>
          <Form.Item label={t('designer.form.minLength')} style={{ flex: 1 }}>
            <InputNumber
              min={0}
              value={field.minLength}
              style={{ width: '100%' }}
              onChange={(v) => patch({ minLength: v ?? undefined })}
            />
          </Form.Item>
          <Form.Item label={t('designer.form.maxLength')} style={{ flex: 1, marginLeft: 8 }}>
            <InputNumber
              min={0}
              value={field.maxLength}
              style={{ width: '100%' }}
              onChange={(v) => patch({ maxLength: v ?? undefined })}
            />
          </Form.Item>
        </Space.Compact>
      )}
      {has('pattern') && (
        <Form.Item label={t('designer.form.pattern')}>
          <Input
            value={field.pattern ?? ''}
            placeholder="^1[3-9]\d{9}$"
            onChange={(e) => patch({ pattern: e.target.value || undefined })}
          />
        </Form.Item>
      )}
      {has('options') && (
        <Form.Item label={t('designer.form.options')}>
          <Space direction="vertical" style={{ width: '100%' }} size={6}>
            {options.map((option, i) => (
              <Space.Compact key={i} block>
                <Input
                  value={option.label}
                  placeholder={t('designer.form.optionLabel')}
                  onChange={(e) =>
                    setOptions(
                      options.map((o, j) => (j === i ? { ...o, label: e.target.value } : o)),
                    )
                  }
                />
                <Input
                  value={option.value}
                  placeholder={t('designer.form.optionValue')}
                  style={{ width: 96 }}
                  onChange={(e) =>
                    setOptions(
                      options.map((o, j) => (j === i ? { ...o, value: e.target.value } : o)),
                    )
                  }
                />
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('designer.form.delete')}
                  disabled={options.length <= 1}
                  onClick={() => setOptions(options.filter((_, j) => j !== i))}
                />
              </Space.Compact>
            ))}
            <Button
              icon={<PlusOutlined />}
              size="small"
              onClick={() => {
                const value = uniqueKey(
                  `option${options.length + 1}`,
                  options.map((o) => o.value),
                );
                const label = `${lang === 'zh-CN' ? '选项' : 'Option'} ${options.length + 1}`;
                setOptions([...options, { value, label }]);
              }}
            >
              {t('designer.form.addOption')}
            </Button>
          </Space>
        </Form.Item>
      )}
      {field.type === 'table' && (
        <Form.Item label={t('designer.form.columns')}>
          <Typography.Text type="secondary">
            {(field.columns ?? []).map((c) => c.label).join('、')}
          </Typography.Text>
        </Form.Item>
      )}
    </Form>
  );
}
