// One dialog for every task action: what it needs (a target, people, a position)
// plus the comment. The dialog is the single confirmation of a destructive action
// (拒绝, 退回); its error stays in the dialog so nothing typed is lost.
import { useEffect, useState } from 'react';
import { Alert, Form, Mentions, Modal, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../shared/auth';
import type { Directory } from '../hooks';
import type { TaskAction, TaskActionBody } from '@baton/contracts';

export interface ActionDialogProps {
  action: TaskAction | null;
  directory: Directory;
  returnTargets: { nodeId: string; name: string }[];
  busy: boolean;
  error: string | null;
  onCancel: () => void;
  onSubmit: (body: Omit<TaskActionBody, 'data'>) => void;
}

interface Values {
  comment?: string;
  to?: string;
  users?: string[];
  user?: string;
  position?: 'before' | 'after';
}

const DESTRUCTIVE = new Set<TaskAction>(['reject', 'return']);

export function ActionDialog({
  action,
  directory,
  returnTargets,
  busy,
  error,
  onCancel,
  onSubmit,
}: ActionDialogProps) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [form] = Form.useForm<Values>();
  const [target, setTarget] = useState<string | undefined>();

  useEffect(() => {
    if (action) {
      form.resetFields();
      setTarget(undefined);
    }
  }, [action, form]);

  if (!action) return null;

  const people = directory.users
    .filter((u) => u.active !== false && u.id !== user?.id)
    .map((u) => ({ value: u.id, label: `${u.displayName || u.username} (${u.username})` }));
  const mentionOptions = directory.users
    .filter((u) => u.active !== false)
    .map((u) => ({ value: u.username, label: `${u.displayName || u.username} (@${u.username})` }));
  // A real colleague's name as the @mention example; without one the placeholder says it.
  const example = directory.users.find((u) => u.id !== user?.id && u.active !== false)?.username;
  const targetName =
    target === 'initiator'
      ? t('task.returnInitiator')
      : returnTargets.find((r) => r.nodeId === target)?.name;

  const title =
    action === 'reject'
      ? t('task.confirmReject')
      : action === 'return' && targetName
        ? t('task.confirmReturn', { target: targetName })
        : t(`action.${action}`);

  const finish = (values: Values) => {
    const comment = values.comment?.trim() || undefined;
    switch (action) {
      case 'return':
        onSubmit({ action, to: values.to, comment });
        break;
      case 'transfer':
        onSubmit({ action, to: values.user, comment });
        break;
      case 'addSigner':
        onSubmit({ action, to: values.users, position: values.position ?? 'after', comment });
        break;
      default:
        onSubmit({ action, comment });
    }
  };

  return (
    <Modal
      open
      title={title}
      okText={t(`action.${action}`)}
      cancelText={t('workspace.cancel')}
      okButtonProps={
        { danger: DESTRUCTIVE.has(action), loading: busy, 'data-testid': 'action-confirm' } as never
      }
      cancelButtonProps={{ 'data-testid': 'action-cancel' } as never}
      onOk={() => form.submit()}
      onCancel={busy ? undefined : onCancel}
      maskClosable={!busy}
      destroyOnHidden
      width={520}
    >
      {action === 'reject' && (
        <Typography.Paragraph type="secondary">{t('task.confirmRejectHint')}</Typography.Paragraph>
      )}
      {action === 'return' && (
        <Typography.Paragraph type="secondary">{t('task.confirmReturnHint')}</Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon title={error} className="form-alert" role="alert" />}
      <Form<Values> form={form} name="action" layout="vertical" onFinish={finish} requiredMark>
        {action === 'return' && (
          <Form.Item
            name="to"
            label={t('task.returnTo')}
            rules={[{ required: true, message: t('task.pickNodeRequired') }]}
          >
            <Select
              data-testid="return-target"
              placeholder={t('task.returnToPlaceholder')}
              onChange={(value: string) => setTarget(value)}
              options={[
                { value: 'initiator', label: t('task.returnInitiator') },
                ...returnTargets.map((r) => ({ value: r.nodeId, label: r.name })),
              ]}
            />
          </Form.Item>
        )}
        {action === 'transfer' && (
          <Form.Item
            name="user"
            label={t('task.transferTo')}
            rules={[{ required: true, message: t('task.pickUserRequired') }]}
          >
            <Select
              data-testid="transfer-user"
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('task.pickUser')}
              options={people}
            />
          </Form.Item>
        )}
        {action === 'addSigner' && (
          <>
            <Form.Item
              name="users"
              label={t('task.signers')}
              rules={[{ required: true, message: t('task.pickUserRequired') }]}
            >
              <Select
                data-testid="add-signer-user"
                mode="multiple"
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('task.pickUser')}
                options={people}
              />
            </Form.Item>
            <Form.Item name="position" label={t('task.position')} initialValue="after">
              <Radio.Group className="signer-position" data-testid="add-signer-position">
                <Radio value="before">{t('task.before')}</Radio>
                <Radio value="after">{t('task.after')}</Radio>
              </Radio.Group>
            </Form.Item>
          </>
        )}
        <Form.Item
          name="comment"
          // `action-comment` inside the dialog is the older id of this field (e2e
          // fills it): it sits in the <label>, so filling it fills the textarea.
          label={<span data-testid="action-comment">{t('task.commentLabel')}</span>}
          rules={
            action === 'comment'
              ? [{ required: true, whitespace: true, message: t('task.commentRequired') }]
              : []
          }
          extra={example ? t('task.mentionHint', { example }) : undefined}
        >
          <Mentions
            rows={3}
            autoSize={{ minRows: 3, maxRows: 8 }}
            placeholder={t('task.commentPlaceholder')}
            options={mentionOptions}
            maxLength={4000}
            data-testid="comment-text"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
