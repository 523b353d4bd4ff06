import type { TFunction } from 'i18next';
import i18n from './i18n';
import { ApiError } from './api';

/**
 * The sentence to show for a failed call: our translation when we know the code,
 * otherwise the server's own message (it is written for humans), never a stack.
 */
export function describeError(err: unknown, t: TFunction): string {
  if (err instanceof ApiError) {
    // A rate limiter in front of the API may answer 429 with its own code.
    const code = err.status === 429 ? 'rate_limited' : err.code;
    if (i18n.exists(`apiError.${code}`)) return t(`apiError.${code}`);
    return err.message || t('errors.unknown', { status: err.status });
  }
  return err instanceof Error ? err.message : String(err);
}
