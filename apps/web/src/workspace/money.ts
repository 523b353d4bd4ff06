// The money box's text, kept pure for the tests.

/**
 * 1,234.50 in the box once the user stops typing; while typing, their own text
 * (so the caret does not jump).
 */
export function moneyText(value: number | string | undefined | null, typing?: string): string {
  if (typing !== undefined) return typing;
  if (value === undefined || value === null || value === '') return '';
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  const [whole, cents] = n.toFixed(2).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}
