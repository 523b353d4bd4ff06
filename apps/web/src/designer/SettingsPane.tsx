// 设置: name, description, category, the process rules and who may start it.
import { Card, Form, Input, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProcessDefinition } from '@baton/flow';
import { AssigneeRules } from './flow/AssigneeRules';
import type { Editor } from './useEditor';

type Settings = NonNullable<ProcessDefinition['settings']>;

export function SettingsPane({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const def = editor.doc.definition;
  const settings: Settings = def.settings ?? {};
  const set = (patch: Partial<ProcessDefinition>) => editor.edit((d) => ({ ...d, ...patch }));
  const setSetting = (patch: Partial<Settings>) => {
    const next: Record<string, unknown> = { ...settings };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete next[k];
      else next[k] = v;
    }
    editor.edit((d) => ({ ...d, settings: next as Settings }));
  };
  return (
    <div className="designer-settings">
      <Card title={t('designer.settings.basics')} size="small">
        <Form layout="vertical">
          <Form.Item label={t('designer.name')} required>
            <Input
              value={def.name}
              maxLength={100}
              onChange={(e) => set({ name: e.target.value })}
            />
          </Form.Item>
          <Form.Item label={t('designer.key')}>
            <Typography.Text code>{def.key}</Typography.Text>
          </Form.Item>
          <Form.Item label={t('designer.settings.category')}>
            <Input
              value={def.category ?? ''}
              placeholder={t('designer.settings.categoryPlaceholder')}
              maxLength={50}
              onChange={(e) => set({ category: e.target.value || undefined })}
            />
          </Form.Item>
          <Form.Item label={t('designer.settings.description')}>
            <Input.TextArea
              value={def.description ?? ''}
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={1000}
              onChange={(e) => set({ description: e.target.value || undefined })}
            />
          </Form.Item>
        </Form>
      </Card>
      <Card title={t('designer.settings.rules')} size="small">
        <Form layout="horizontal" labelCol={{ flex: '1' }} labelAlign="left" colon={false}>
          <Form.Item label={t('designer.settings.allowWithdraw')}>
            <Switch
              checked={settings.allowWithdraw !== false}
              onChange={(v) => setSetting({ allowWithdraw: v ? undefined : false })}
            />
          </Form.Item>
          <Form.Item label={t('designer.settings.dedupeApprovers')}>
            <Switch
              checked={settings.dedupeApprovers === true}
              onChange={(v) => setSetting({ dedupeApprovers: v || undefined })}
            />
          </Form.Item>
          <Form.Item label={t('designer.settings.forbidSelfApproval')}>
            <Switch
              checked={settings.forbidSelfApproval === true}
              onChange={(v) => setSetting({ forbidSelfApproval: v || undefined })}
            />
          </Form.Item>
        </Form>
      </Card>
      <Card title={t('designer.settings.starters')} size="small">
        {!settings.starters?.length && (
          <Typography.Paragraph type="secondary">
            {t('designer.settings.startersAll')}
          </Typography.Paragraph>
        )}
        <AssigneeRules
          rules={settings.starters ?? []}
          fields={[]}
          allowEmpty
          onChange={(starters) => setSetting({ starters: starters.length ? starters : undefined })}
        />
      </Card>
    </div>
  );
}
