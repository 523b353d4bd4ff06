// 一键安装: publish now or keep as a draft, optionally under a new key. A 409
// says plainly that it is already installed; success links to the process.
import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Modal, Radio, Result, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../shared/api';
import { describeError } from '../shared/errors';
import { appRoutes } from '../app/routes';
import type { Installed, TemplateSummary } from '@baton/contracts';
import { adminApi } from './api';
import { isValidKey, linkTo } from './gallery';

interface Values {
  mode: 'publish' | 'draft';
  key?: string;
}

export function InstallModal({
  template,
  onClose,
  onInstalled,
}: {
  template: TemplateSummary | null;
  onClose: () => void;
  onInstalled: (result: Installed) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<Installed | null>(null);

  useEffect(() => {
    if (!template) return;
    setFailure(null);
    setDone(null);
    form.resetFields();
  }, [template, form]);

  const submit = async (values: Values) => {
    if (!template) return;
    const key = values.key?.trim() || undefined;
    setBusy(true);
    setFailure(null);
    try {
      const result = await adminApi.install(template.key, {
        key,
        publish: values.mode === 'publish',
      });
      setDone(result);
      onInstalled(result);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        const taken = key ?? template.key;
        setFailure(t('admin.templates.alreadyInstalled', { key: taken }));
        form.setFields([{ name: 'key', errors: [t('admin.templates.installed')] }]);
      } else {
        setFailure(t('admin.templates.installFailed', { message: describeError(err, t) }));
      }
    } finally {
      setBusy(false);
    }
  };

  const processHref = done
    ? linkTo(
        appRoutes.map((r) => r.path),
        'designer/:key',
        { key: done.key },
      )
    : null;

  return (
    <Modal
      open={template !== null}
      title={template ? t('admin.templates.installTitle', { name: template.name }) : ''}
      onCancel={onClose}
      destroyOnHidden
      footer={
        done ? (
          <Button type="primary" onClick={onClose}>
            {t('admin.common.close')}
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{t('admin.common.cancel')}</Button>
            <Button
              type="primary"
              loading={busy}
              onClick={() => form.submit()}
              data-testid="install-confirm"
            >
              {t('admin.templates.install')}
            </Button>
          </Space>
        )
      }
    >
      {done && template ? (
        <div data-testid="install-success">
          <Result
            status="success"
            className="install-result"
            title={t('admin.templates.installedTitle', { name: template.name })}
            subTitle={
              done.published
                ? t('admin.templates.installedPublished', { version: done.version })
                : done.problems.length > 0
                  ? t('admin.templates.installedDraftProblems', { count: done.problems.length })
                  : t('admin.templates.installedDraft')
            }
            extra={
              processHref ? (
                <Link to={processHref} onClick={onClose}>
                  {t('admin.templates.openProcess', { key: done.key })}
                </Link>
              ) : (
                <Typography.Text copyable={{ text: done.key }}>
                  {t('admin.templates.processKey', { key: done.key })}
                </Typography.Text>
              )
            }
          />
        </div>
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ mode: 'publish' }}
          onFinish={submit}
          requiredMark={false}
        >
          {failure && (
            <Alert
              type="error"
              showIcon
              title={failure}
              className="admin-form-alert"
              data-testid="install-error"
            />
          )}
          <Form.Item name="mode" label={t('admin.templates.installMode')}>
            <Radio.Group className="install-mode">
              <Radio value="publish">
                <span className="install-mode-label">{t('admin.templates.publishNow')}</span>
                <Typography.Text type="secondary" className="install-mode-hint">
                  {t('admin.templates.publishNowHint')}
                </Typography.Text>
              </Radio>
              <Radio value="draft">
                <span className="install-mode-label">{t('admin.templates.asDraft')}</span>
                <Typography.Text type="secondary" className="install-mode-hint">
                  {t('admin.templates.asDraftHint')}
                </Typography.Text>
              </Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="key"
            label={t('admin.templates.key')}
            extra={t('admin.templates.keyHelp')}
            rules={[
              {
                validator: (_, value: string | undefined) =>
                  !value?.trim() || isValidKey(value.trim())
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('admin.templates.keyInvalid'))),
              },
            ]}
          >
            <Input
              placeholder={
                template ? t('admin.templates.keyPlaceholder', { key: template.key }) : ''
              }
              autoComplete="off"
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
