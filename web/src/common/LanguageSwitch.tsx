// 中文 / English switch, remembered in localStorage.
import { Segmented } from 'antd';
import { type Language, useLang } from '../i18n/lang';

export function LanguageSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { lang, setLang } = useLang();
  return (
    <Segmented<Language>
      size={size}
      value={lang}
      onChange={setLang}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'EN', value: 'en' },
      ]}
      aria-label="语言 Language"
    />
  );
}
