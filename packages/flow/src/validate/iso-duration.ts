// Static check of ISO-8601 durations ("P2D", "PT4H", "-P3D", "P1W"). The
// engine's own duration.ts does the arithmetic; this only decides validity,
// so the validator does not depend on the engine's files.
const DURATION =
  /^(-)?P(?!$)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/;

export interface DurationCheck {
  valid: boolean;
  negative: boolean;
  zero: boolean;
}

export function checkDuration(text: string): DurationCheck {
  const match = DURATION.exec(text);
  if (!match) return { valid: false, negative: false, zero: false };
  return { valid: true, negative: match[1] === '-', zero: !/[1-9]/.test(text) };
}
