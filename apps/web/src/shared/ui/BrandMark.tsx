import { useTranslation } from 'react-i18next';

/** The baton mark: one stroke handed from one corner to the other. */
/** `light` inverts the colours so the mark stays visible on the blue login hero. */
export function BrandLogo({ size = 28, light = false }: { size?: number; light?: boolean }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill={light ? '#fff' : '#1677ff'} />
      <path
        d="M9 23 L23 9"
        stroke={light ? '#1677ff' : '#fff'}
        strokeWidth="4"
        strokeLinecap="round"
      />
      <circle cx="23" cy="9" r="3" fill={light ? '#69b1ff' : '#bae0ff'} />
    </svg>
  );
}

export function BrandMark({
  size = 28,
  light = false,
  compact = false,
}: {
  size?: number;
  light?: boolean;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <span className="brand-mark" style={{ color: light ? '#fff' : undefined }}>
      <BrandLogo size={size} light={light} />
      {!compact && (
        <span className="brand-name" style={{ fontSize: Math.round(size * 0.64) }}>
          {t('app.name')}
        </span>
      )}
    </span>
  );
}
