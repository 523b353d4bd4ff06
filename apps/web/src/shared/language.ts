// Language choice, kept free of i18next and the DOM so it can be unit-tested.

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_STORAGE_KEY = 'baton.lang';

/**
 * A language's own name, deliberately not translated: someone stuck in a UI they
 * cannot read looks for their language written the way they write it.
 */
export const LANGUAGE_NAMES: Record<Language, string> = { 'zh-CN': '中文', en: 'English' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The user's saved choice wins; otherwise any Chinese browser (zh, zh-CN, zh-TW,
 * zh-Hans...) gets zh-CN, our only Chinese resource; everything else gets English.
 */
export function detectLanguage(
  stored: string | null | undefined,
  browserLanguage: string | null | undefined,
): Language {
  if (isLanguage(stored)) return stored;
  return (browserLanguage ?? '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
