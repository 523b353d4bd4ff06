// Colours for instance statuses and SLA lights, shared by the inbox, task and instance pages.
import type { InstanceStatus, SlaState } from '@baton/contracts';

export const INSTANCE_STATUSES = [
  'running',
  'approved',
  'rejected',
  'completed',
  'withdrawn',
  'cancelled',
] as const;

/** antd Tag colour of an instance status. */
export function statusColor(status: InstanceStatus): string {
  switch (status) {
    case 'running':
      return 'processing';
    case 'approved':
    case 'completed':
      return 'success';
    case 'rejected':
      return 'error';
    default:
      return 'default';
  }
}

/** i18n key of an instance status; unknown statuses fall back to the raw value. */
export function statusKey(status: InstanceStatus): string | null {
  return (INSTANCE_STATUSES as readonly string[]).includes(status) ? `status.${status}` : null;
}

/** The light's CSS colour: green before the warning point, yellow after it, red when overdue. */
export function slaColor(state: SlaState | undefined): string | null {
  switch (state) {
    case 'green':
      return '#52c41a';
    case 'yellow':
      return '#faad14';
    case 'red':
      return '#ff4d4f';
    default:
      return null;
  }
}
