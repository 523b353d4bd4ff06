import { InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { fromIsoDuration, toIsoDuration, type DurationUnit } from '../duration-input';

/** "number + unit" over an ISO-8601 duration; clearing the number clears it. */
export function DurationField({
  value,
  onChange,
  testId,
}: {
  value: string | undefined;
  onChange: (iso: string | undefined) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const parts = fromIsoDuration(value);
  const unit: DurationUnit = parts?.unit ?? 'days';
  return (
    <Space.Compact data-testid={testId}>
      <InputNumber
        min={1}
        max={9999}
        value={parts?.amount ?? null}
        placeholder={value && !parts ? value : '—'}
        style={{ width: 100 }}
        onChange={(v) => onChange(toIsoDuration(v ? { amount: v, unit } : undefined))}
      />
      <Select
        value={unit}
        style={{ width: 90 }}
        onChange={(u: DurationUnit) =>
          onChange(toIsoDuration({ amount: parts?.amount ?? 1, unit: u }))
        }
        options={(['minutes', 'hours', 'days'] as const).map((u) => ({
          value: u,
          label: t(`designer.flow.unit.${u}`),
        }))}
      />
    </Space.Compact>
  );
}
