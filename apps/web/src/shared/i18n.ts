// i18next set-up. Resources are bundled (two small objects), so init is synchronous
// and the first paint is already in the right language: no flash of keys.
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import en from './locales/en';
import zhCN from './locales/zh-CN';
import { detectLanguage, isLanguage, LANGUAGE_STORAGE_KEY, type Language } from './language';

function readStoredLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Keep everything outside React that depends on the language in step. */
function applyLanguage(language: Language): void {
  document.documentElement.lang = language;
  // antd's date pickers format through dayjs, which has its own locale switch.
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
  document.title = i18n.t('app.name');
}

const initial = detectLanguage(
  readStoredLanguage(),
  typeof navigator === 'undefined' ? null : navigator.language,
);

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'zh-CN',
  supportedLngs: ['zh-CN', 'en'],
  // zh-CN must stay zh-CN, not be reduced to "zh".
  load: 'currentOnly',
  initAsync: false,
  interpolation: { escapeValue: false }, // React already escapes
  returnNull: false,
});
applyLanguage(initial);

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'zh-CN';
}

/** Switch language for this and future visits. */
export async function setLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    /* the switch still works for this visit */
  }
  await i18n.changeLanguage(language);
  applyLanguage(language);
}

/** The current language as our typed union; re-renders on change. */
export function useLanguage(): Language {
  const { i18n: instance } = useTranslation();
  return isLanguage(instance.language) ? instance.language : 'zh-CN';
}

export default i18n;
