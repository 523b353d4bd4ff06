// Who did what, when, with their comments: the audit trail read for people.
import { Empty, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/format';
import type { Directory } from '../hooks';
import { buildTimeline, timelineColor, type TimelineEntry } from '../timeline';
import type { InstanceEvent } from '@baton/contracts';

export interface ProgressTimelineProps {
  events: readonly InstanceEvent[];
  directory: Directory;
  /** A node's display name (from the instance's definition version). */
  nodeName: (nodeId: string | undefined) => string;
}

function useSentence(directory: Directory, nodeName: ProgressTimelineProps['nodeName']) {
  const { t } = useTranslation();
  const names = (ids: string[] | undefined) =>
    (ids ?? []).map((id) => directory.userName(id)).join(t('common.listSeparator'));
  return (entry: TimelineEntry): string => {
    const name = directory.userName(entry.actorId);
    switch (entry.kind) {
      case 'started':
        return t('timeline.started', { name });
      case 'approved':
        return t('timeline.approved', { name });
      case 'rejected':
        return t('timeline.rejected', { name });
      case 'submitted':
        return t('timeline.submitted', { name });
      case 'returned':
        return entry.targetNodeId
          ? t('timeline.returned', { name, target: nodeName(entry.targetNodeId) })
          : t('timeline.returnedNoTarget', { name });
      case 'transferred':
        return t('timeline.transferred', { name, to: names(entry.userIds) });
      case 'signersAdded':
        return t(entry.position === 'before' ? 'timeline.signersBefore' : 'timeline.signersAfter', {
          name,
          users: names(entry.userIds),
        });
      case 'commented':
        return t('timeline.commented', { name });
      case 'incident':
        return t('timeline.incident', { message: entry.message ?? '' });
      case 'pending':
        return t('timeline.pending', { users: names(entry.userIds) || '…' });
      case 'ended':
        switch (entry.status) {
          case 'approved':
            return t('timeline.endedApproved');
          case 'rejected':
            return t('timeline.endedRejected');
          case 'withdrawn':
            return t('timeline.endedWithdrawn', { name });
          case 'cancelled':
            return t('timeline.endedCancelled', { name });
          default:
            return t('timeline.endedCompleted');
        }
    }
  };
}

export function ProgressTimeline({ events, directory, nodeName }: ProgressTimelineProps) {
  const { t } = useTranslation();
  const sentence = useSentence(directory, nodeName);
  const entries = buildTimeline(events);
  if (entries.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('timeline.empty')} />;
  const showNode = (entry: TimelineEntry) =>
    entry.nodeId &&
    [
      'approved',
      'rejected',
      'submitted',
      'returned',
      'transferred',
      'signersAdded',
      'pending',
      'commented',
    ].includes(entry.kind);
  return (
    <Timeline
      className="progress-timeline"
      data-testid="timeline"
      items={entries.map((entry) => ({
        key: entry.key,
        color: timelineColor(entry.kind, entry.status),
        loading: entry.kind === 'pending',
        content: (
          <div className="timeline-entry" data-kind={entry.kind}>
            <div className="timeline-head">
              <Typography.Text strong>{sentence(entry)}</Typography.Text>
              {showNode(entry) && (
                <Typography.Text type="secondary" className="timeline-node">
                  {nodeName(entry.nodeId)}
                </Typography.Text>
              )}
            </div>
            {entry.auto && (
              <Typography.Text type="secondary" className="timeline-meta">
                {t('timeline.auto')}
              </Typography.Text>
            )}
            {entry.comment && <div className="timeline-comment">{entry.comment}</div>}
            <Typography.Text type="secondary" className="timeline-meta">
              {formatDateTime(entry.at)}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}
