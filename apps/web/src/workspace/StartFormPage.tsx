// The start form of one process: the published definition's form with the start
// node's permissions; submit starts an instance and opens it.
import { useMemo, useState } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Flex, Result, Skeleton, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../shared/api';
import { describeError } from '../shared/errors';
import { workspaceApi } from './api';
import { FormRenderer } from './components/FormRenderer';
import { fieldErrorsToTree, startFormOf, writableData, type ErrorTree } from './form-helpers';
import { useLoad } from './hooks';
import { PageError } from '../shared/PageError';
import './workspace.css';

export default function StartFormPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { key = '' } = useParams();
  const load = useLoad((signal) => workspaceApi.process(key, signal), [key]);
  const form = useMemo(() => (load.data ? startFormOf(load.data.definition) : null), [load.data]);
  const [data, setData] = useState<Record<string, unknown>>({});
  const [extraErrors, setExtraErrors] = useState<ErrorTree | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [uploading, setUploading] = useState(false);

  if (load.status === 'failed') return <PageError error={load.error} onRetry={load.reload} />;
  if (!load.data || !form) return <Skeleton active paragraph={{ rows: 6 }} />;
  const process = load.data;

  const submit = async (formData: Record<string, unknown>) => {
    // A file still uploading has no id in the data yet: submitting now would drop it.
    if (uploading) {
      setFailure(t('attachment.waitForUploads'));
      return;
    }
    setSubmitting(true);
    setFailure(null);
    setExtraErrors(undefined);
    try {
      const instance = await workspaceApi.start(key, writableData(formData, form.permissions));
      void message.success(instance.commandId ? t('startForm.queued') : t('startForm.success'));
      navigate(`/instances/${encodeURIComponent(instance.id)}`);
    } catch (err) {
      if (
        err instanceof ApiError &&
        err.code === 'invalid_form_data' &&
        Array.isArray(err.body.fields)
      ) {
        const { tree, unplaced } = fieldErrorsToTree(
          err.body.fields as { path: string; message: string }[],
          form.schema,
        );
        setExtraErrors(tree);
        setFailure([t('startForm.fixErrors'), ...unplaced].join(' '));
      } else {
        setFailure(describeError(err, t));
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Flex vertical gap={16} className="workspace-page start-form-page">
      <Breadcrumb
        items={[{ title: <Link to="/start">{t('nav.start')}</Link> }, { title: process.name }]}
      />
      <div>
        <Typography.Title level={3} className="page-title">
          {process.name}
        </Typography.Title>
        {process.description && (
          <Typography.Text type="secondary">{process.description}</Typography.Text>
        )}
      </div>
      {!process.mayStart ? (
        <Result
          status="403"
          title={t('startForm.notStartable')}
          extra={
            <Button onClick={() => navigate('/start')}>{t('startForm.backToCatalogue')}</Button>
          }
        />
      ) : (
        <Card className="form-card">
          {failure && (
            <Alert type="error" showIcon title={failure} className="form-alert" role="alert" />
          )}
          <FormRenderer
            schema={form.schema}
            uiSchema={form.uiSchema}
            formData={data}
            onChange={(next) => {
              setData(next);
              if (extraErrors) setExtraErrors(undefined);
              if (failure) setFailure(null);
            }}
            onSubmit={(formData) => void submit(formData)}
            onError={() => setFailure(t('startForm.fixErrors'))}
            extraErrors={extraErrors}
            disabled={submitting}
            onUploadingChange={setUploading}
            emptyText={t('startForm.noFields')}
          >
            <div className="form-actions">
              <Button onClick={() => navigate('/start')}>{t('workspace.cancel')}</Button>
              <Button
                type="primary"
                htmlType="submit"
                icon={<SendOutlined />}
                loading={submitting}
                onClick={
                  Object.keys((form.schema.properties as object) ?? {}).length === 0
                    ? () => void submit({})
                    : undefined
                }
              >
                {t('startForm.submit')}
              </Button>
            </div>
          </FormRenderer>
        </Card>
      )}
    </Flex>
  );
}
