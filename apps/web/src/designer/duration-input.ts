// The designer edits durations as "number + unit" (2 天, 4 小时); the DSL stores ISO-8601.
export type DurationUnit = 'minutes' | 'hours' | 'days';

export interface DurationParts {
  amount: number;
  unit: DurationUnit;
}

/** `{2, days}` → "P2D", `{4, hours}` → "PT4H"; undefined for nothing or a non-positive amount. */
export function toIsoDuration(parts: DurationParts | undefined): string | undefined {
  if (!parts || !Number.isFinite(parts.amount) || parts.amount <= 0) return undefined;
  const n = Math.round(parts.amount);
  if (parts.unit === 'days') return `P${n}D`;
  return parts.unit === 'hours' ? `PT${n}H` : `PT${n}M`;
}

/** The parts of a simple ISO duration; undefined for anything this editor cannot show. */
export function fromIsoDuration(text: string | undefined): DurationParts | undefined {
  if (!text) return undefined;
  const days = /^P(\d+)D$/.exec(text);
  if (days) return { amount: Number(days[1]), unit: 'days' };
  const week = /^P(\d+)W$/.exec(text);
  if (week) return { amount: Number(week[1]) * 7, unit: 'days' };
  const hours = /^PT(\d+)H$/.exec(text);
  if (hours) return { amount: Number(hours[1]), unit: 'hours' };
  const minutes = /^PT(\d+)M$/.exec(text);
  if (minutes) return { amount: Number(minutes[1]), unit: 'minutes' };
  return undefined;
}

/** Offsets before a date field ("-P3D" = 3 days before). */
export function toOffset(parts: DurationParts | undefined, before: boolean): string | undefined {
  const iso = toIsoDuration(parts);
  return iso && before ? `-${iso}` : iso;
}

export function fromOffset(text: string | undefined): { parts?: DurationParts; before: boolean } {
  if (!text) return { before: true };
  const before = text.startsWith('-');
  return { parts: fromIsoDuration(before ? text.slice(1) : text), before };
}
