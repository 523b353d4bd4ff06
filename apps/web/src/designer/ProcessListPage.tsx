// 流程设计: every process (drafts included), and "新建流程".
import { useEffect, useState } from 'react';
import { App, Button, Card, Empty, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { describeError } from '../shared/errors';
import type { ProcessSummary } from '@baton/contracts';
import { designerApi } from './api';
import { newDefinition } from './model/edit-ops';
import './designer.css';

export const PROCESS_KEY = /^[a-z][a-z0-9-]{1,62}$/;

export default function ProcessListPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [items, setItems] = useState<ProcessSummary[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ name: string; key: string }>();

  useEffect(() => {
    const controller = new AbortController();
    designerApi
      .list(controller.signal)
      .then(setItems)
      .catch((err: unknown) => {
        if (!controller.signal.aborted) setError(describeError(err, t));
      });
    return () => controller.abort();
  }, [t]);

  const create = async () => {
    const { name, key } = await form.validateFields();
    setBusy(true);
    try {
      // Positions come from the flow tab's first layout (elkjs stays out of this page).
      const definition = newDefinition(key, name.trim());
      await designerApi.saveDraft(definition);
      setCreating(false);
      navigate(`/designer/${key}`);
    } catch (err) {
      message.error(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="designer-list">
      <div className="designer-list-head">
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('designer.listTitle')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('designer.listSubtitle')}</Typography.Text>
        </div>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            form.resetFields();
            setCreating(true);
          }}
          data-testid="designer-create"
        >
          {t('designer.create')}
        </Button>
      </div>
      <Card>
        {error ? (
          <Typography.Text type="danger">{error}</Typography.Text>
        ) : (
          <Table<ProcessSummary>
            rowKey="key"
            loading={items === undefined}
            dataSource={items ?? []}
            pagination={false}
            locale={{
              emptyText: (
                <Empty description={t('designer.emptyTitle')}>
                  <Typography.Text type="secondary">{t('designer.emptyHint')}</Typography.Text>
                </Empty>
              ),
            }}
            onRow={(row) => ({ onDoubleClick: () => navigate(`/designer/${row.key}`) })}
            columns={[
              {
                title: t('designer.colName'),
                dataIndex: 'name',
                render: (name: string, row) => (
                  <Space direction="vertical" size={0}>
                    <Typography.Link onClick={() => navigate(`/designer/${row.key}`)}>
                      {name}
                    </Typography.Link>
                    {row.category && (
                      <Typography.Text type="secondary">{row.category}</Typography.Text>
                    )}
                  </Space>
                ),
              },
              {
                title: t('designer.colKey'),
                dataIndex: 'key',
                render: (k: string) => <code>{k}</code>,
              },
              {
                title: t('designer.colVersion'),
                dataIndex: 'latestVersion',
                render: (v: number | null) =>
                  v === null ? (
                    <Tag>{t('designer.unpublished')}</Tag>
                  ) : (
                    <Tag color="green">v{v}</Tag>
                  ),
              },
              {
                title: t('designer.colStatus'),
                render: (_, row) =>
                  row.hasDraft ? <Tag color="orange">{t('designer.hasDraft')}</Tag> : null,
              },
              {
                title: t('designer.colOps'),
                render: (_, row) => (
                  <Button size="small" onClick={() => navigate(`/designer/${row.key}`)}>
                    {t('designer.open')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Modal
        open={creating}
        title={t('designer.createTitle')}
        onCancel={() => setCreating(false)}
        onOk={() => void create()}
        confirmLoading={busy}
        okText={t('designer.create')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" requiredMark={false}>
          <Form.Item
            name="name"
            label={t('designer.name')}
            rules={[{ required: true, whitespace: true, message: t('designer.nameRequired') }]}
          >
            <Input placeholder={t('designer.namePlaceholder')} maxLength={100} autoFocus />
          </Form.Item>
          <Form.Item
            name="key"
            label={t('designer.key')}
            extra={t('designer.keyHelp')}
            rules={[
              { required: true, pattern: PROCESS_KEY, message: t('designer.keyInvalid') },
              {
                validator: async (_, value: string) => {
                  if (items?.some((p) => p.key === value)) throw new Error(t('designer.keyTaken'));
                },
              },
            ]}
          >
            <Input placeholder={t('designer.keyPlaceholder')} maxLength={63} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
