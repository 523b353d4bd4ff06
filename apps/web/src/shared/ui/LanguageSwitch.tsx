import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLanguage, useLanguage } from '../i18n';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../language';

/** Both languages always visible, one click apart (UX.md: "English one click away"). */
export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Segmented<Language>
      size={size}
      aria-label={t('common.language')}
      value={language}
      options={LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }))}
      onChange={(value) => void setLanguage(value)}
    />
  );
}
