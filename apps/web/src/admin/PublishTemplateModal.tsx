// 发布为模板 (admins): one of the processes with a published version becomes
// a template, or the next version of the admin template with that key.
import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from '../shared/errors';
import type { ProcessSummary, PublishTemplateBody, TemplateSummary } from '@baton/contracts';
import { adminApi } from './api';
import { fieldErrors } from './org';
import { isValidKey, publishableProcesses } from './gallery';

interface Values {
  processKey: string;
  templateKey?: string;
  name?: string;
  description?: string;
  category?: string;
}

const FORM_FIELDS: (keyof Values)[] = [
  'processKey',
  'templateKey',
  'name',
  'description',
  'category',
];

export function PublishTemplateModal({
  open,
  processes,
  onClose,
  onPublished,
}: {
  open: boolean;
  processes: readonly ProcessSummary[];
  onClose: () => void;
  onPublished: (template: TemplateSummary) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const candidates = publishableProcesses(processes);

  useEffect(() => {
    if (open) {
      form.resetFields();
      setFailure(null);
    }
  }, [open, form]);

  const submit = async (values: Values) => {
    const body: PublishTemplateBody = { processKey: values.processKey };
    if (values.templateKey?.trim()) body.templateKey = values.templateKey.trim();
    if (values.name?.trim()) body.name = values.name.trim();
    if (values.description?.trim()) body.description = values.description.trim();
    if (values.category?.trim()) body.category = values.category.trim();
    setBusy(true);
    setFailure(null);
    try {
      onPublished(await adminApi.publishTemplate(body));
    } catch (err) {
      const errors = fieldErrors((err as { body?: unknown }).body, FORM_FIELDS);
      form.setFields(
        errors.map((e) => ({
          name: e.name,
          errors: e.errors.map((m) => t('admin.common.fieldInvalid', { message: m })),
        })),
      );
      setFailure(t('admin.templates.publishFailed', { message: describeError(err, t) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('admin.templates.publishTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('admin.templates.publishAsTemplate')}
      cancelText={t('admin.common.cancel')}
      okButtonProps={{ loading: busy, disabled: candidates.length === 0 }}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        title={t('admin.templates.publishHint')}
        className="admin-form-alert"
      />
      {candidates.length === 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('admin.templates.noPublishable')}
          className="admin-form-alert"
        />
      )}
      {failure && <Alert type="error" showIcon title={failure} className="admin-form-alert" />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="processKey"
          label={t('admin.templates.pickProcess')}
          rules={[{ required: true, message: t('admin.templates.pickProcessRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('admin.templates.pickProcessPlaceholder')}
            options={candidates.map((p) => ({
              value: p.key,
              label: `${p.name} (${p.key} · ${t('admin.templates.versionN', { version: p.latestVersion })})`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="templateKey"
          label={t('admin.templates.templateKey')}
          rules={[
            {
              validator: (_, value: string | undefined) =>
                !value?.trim() || isValidKey(value.trim())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('admin.templates.keyInvalid'))),
            },
          ]}
        >
          <Input placeholder={t('admin.templates.templateKeyPlaceholder')} autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={t('admin.templates.templateName')}>
          <Input placeholder={t('admin.templates.templateNamePlaceholder')} maxLength={200} />
        </Form.Item>
        <Form.Item name="category" label={t('admin.templates.category')}>
          <Input placeholder={t('admin.templates.categoryPlaceholder')} maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('admin.templates.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
