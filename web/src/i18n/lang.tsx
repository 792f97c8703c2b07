// The interface language: Simplified Chinese by default, English on request; remembered in
// localStorage, sent to the API as Accept-Language so server messages match, and handed to antd and dayjs.
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/en';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import type { Language } from '../../../src/shared/i18n';

export type { Language };

const storageKey = 'bangfu.lang';

function storedLanguage(): Language {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

// The API client reads the language outside React.
let activeLanguage: Language = storedLanguage();
export function currentLanguage(): Language {
  return activeLanguage;
}

function applyLanguage(language: Language) {
  activeLanguage = language;
  dayjs.locale(language === 'zh' ? 'zh-cn' : 'en');
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
}
applyLanguage(activeLanguage);

interface LangValue {
  lang: Language;
  setLang: (language: Language) => void;
  /** The text in the current language: Chinese first, English beside it. */
  t: (zh: string, en: string) => string;
}

const LangContext = createContext<LangValue>({
  lang: 'zh',
  setLang: () => {},
  t: (zh) => zh,
});

export function useLang(): LangValue {
  return useContext(LangContext);
}

const fontFamily =
  '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(activeLanguage);
  const setLang = useCallback((language: Language) => {
    try {
      localStorage.setItem(storageKey, language);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    applyLanguage(language);
    setLangState(language);
  }, []);
  const value = useMemo<LangValue>(
    () => ({ lang, setLang, t: (zh, en) => (lang === 'zh' ? zh : en) }),
    [lang, setLang],
  );
  return (
    <LangContext.Provider value={value}>
      <ConfigProvider
        locale={lang === 'zh' ? zhCN : enUS}
        theme={{ token: { colorPrimary: '#1d5fb8', fontFamily, borderRadius: 6 } }}
      >
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </LangContext.Provider>
  );
}
