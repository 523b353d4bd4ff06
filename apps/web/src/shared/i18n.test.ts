import { describe, expect, it } from '@jest/globals';
import en from './locales/en';
import zhCN from './locales/zh-CN';
import { detectLanguage } from './language';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translation resources', () => {
  const zh = leaves(zhCN);
  const english = leaves(en);

  it('zh-CN and en have exactly the same keys', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('every string is non-empty', () => {
    for (const [key, value] of [...zh, ...english])
      expect({ key, empty: value.trim() === '' }).toEqual({ key, empty: false });
  });

  it('both languages use the same {{placeholders}} per key', () => {
    for (const [key, text] of zh)
      expect({ key, vars: placeholders(english.get(key) ?? '') }).toEqual({
        key,
        vars: placeholders(text),
      });
  });
});

describe('detectLanguage', () => {
  it('follows a Chinese browser', () => {
    expect(detectLanguage(null, 'zh-CN')).toBe('zh-CN');
    expect(detectLanguage(null, 'zh')).toBe('zh-CN');
    expect(detectLanguage(null, 'zh-TW')).toBe('zh-CN');
    expect(detectLanguage(undefined, 'ZH-hans')).toBe('zh-CN');
  });

  it('falls back to English for any other browser language', () => {
    expect(detectLanguage(null, 'en-US')).toBe('en');
    expect(detectLanguage(null, 'ja')).toBe('en');
    expect(detectLanguage(null, '')).toBe('en');
    expect(detectLanguage(null, null)).toBe('en');
  });

  it('prefers the saved choice over the browser', () => {
    expect(detectLanguage('en', 'zh-CN')).toBe('en');
    expect(detectLanguage('zh-CN', 'en-US')).toBe('zh-CN');
  });

  it('ignores a saved value that is not a language we ship', () => {
    expect(detectLanguage('fr', 'zh-CN')).toBe('zh-CN');
    expect(detectLanguage('zh', 'en-GB')).toBe('en');
  });
});
