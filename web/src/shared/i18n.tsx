// zh-CN first, en-US second. Labels are written in place as t('中文', 'English') so the two
// languages stay side by side in the code and a missing English falls back to Chinese.
import { createContext, useContext } from 'react';

export type Locale = 'zh-CN' | 'en-US';
export const LocaleContext = createContext<{ locale: Locale; setLocale: (l: Locale) => void }>({ locale: 'zh-CN', setLocale: () => {} });

export function useLocale() {
  return useContext(LocaleContext);
}

export function useT() {
  const { locale } = useContext(LocaleContext);
  return (zh: string, en?: string) => (locale === 'en-US' && en ? en : zh);
}
