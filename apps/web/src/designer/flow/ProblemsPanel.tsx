// The problem list: each row jumps to where the problem is.
import { Badge, List, Typography } from 'antd';
import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Problem, ProcessDefinition } from '@baton/flow';
import { problemEntries, type ProblemEntry } from '../model';
import { useDesignerEnv } from '../env';

export function ProblemsPanel({
  problems,
  definition,
  onJump,
}: {
  problems: readonly Problem[];
  definition: ProcessDefinition;
  onJump: (entry: ProblemEntry) => void;
}) {
  const { t } = useTranslation();
  const { lang } = useDesignerEnv();
  const entries = problemEntries(problems, definition, lang);
  return (
    <div className="fl-problems" data-testid="problems-panel">
      <div className="fl-problems-head">
        <Typography.Text strong>{t('designer.problemsTitle')}</Typography.Text>
        <Badge count={entries.length} showZero color={entries.length ? '#ff4d4f' : '#52c41a'} />
      </div>
      {entries.length === 0 ? (
        <div className="fl-problems-ok">
          <CheckCircleFilled style={{ color: '#52c41a' }} /> {t('designer.problemsNone')}
        </div>
      ) : (
        <List
          size="small"
          dataSource={entries}
          renderItem={(entry, i) => (
            <List.Item
              key={i}
              className="fl-problem"
              onClick={() => onJump(entry)}
              data-testid="problem-entry"
            >
              <ExclamationCircleFilled style={{ color: '#ff4d4f', marginRight: 6 }} />
              {entry.message}
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
