// The green / yellow / red light beside a due time (docs/UX.md, The workspace).
import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { slaColor } from '../status';
import type { SlaState } from '@baton/contracts';

export function SlaLight({ state }: { state?: SlaState }) {
  const { t } = useTranslation();
  const color = slaColor(state);
  if (!color) return null;
  const label = t(`sla.${state}`);
  return (
    <Tooltip title={label}>
      <span
        className="sla-light"
        role="img"
        aria-label={label}
        data-testid="sla-light"
        data-sla={state}
        style={{ background: color }}
      />
    </Tooltip>
  );
}
