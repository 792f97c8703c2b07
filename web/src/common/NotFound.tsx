import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useLang } from '../i18n/lang';

export function NotFound() {
  const { t } = useLang();
  return (
    <Result
      status="404"
      title={t('页面不存在', 'Page not found')}
      extra={
        <Link to="/">
          <Button type="primary">{t('回到首页', 'Home')}</Button>
        </Link>
      }
    />
  );
}
