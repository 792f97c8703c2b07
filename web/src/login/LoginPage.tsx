// 登录: username and password; on success back to the page the user came from (`next`).
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/client';
import { safeNext, useAuth } from '../auth/AuthContext';
import { LanguageSwitch } from '../common/LanguageSwitch';
import { useLang } from '../i18n/lang';
import './login.css';

export function LoginPage() {
  const { t } = useLang();
  const { user, login } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = t('登录 · 帮扶', 'Log in · Bangfu');
  }, [t]);

  if (user) return <Navigate to={next} replace />;

  async function submit(values: { username: string; password: string }) {
    setBusy(true);
    setError(undefined);
    try {
      await login(values.username.trim(), values.password);
      navigate(next, { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.title : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <Card className="login-card">
        <div className="login-brand">
          <div className="login-logo">帮</div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            帮扶 · 就业帮扶实名制台账
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('就业帮扶实名制台账与动态监测平台', 'Employment assistance registry and monitoring')}
          </Typography.Text>
        </div>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        {next !== '/' && !error && (
          <Alert
            type="info"
            showIcon
            title={t(
              '登录已过期或尚未登录，登录后将回到原页面',
              'Please log in; you will return to the page',
            )}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form layout="vertical" onFinish={submit} requiredMark={false} size="large">
          <Form.Item
            name="username"
            label={t('用户名', 'Username')}
            rules={[{ required: true, whitespace: true, message: t('请输入用户名', 'Enter your username') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('密码', 'Password')}
            rules={[{ required: true, message: t('请输入密码', 'Enter your password') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('登录', 'Log in')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
