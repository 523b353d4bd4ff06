import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { CheckCircleFilled, LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../shared/auth';
import { describeError } from '../shared/errors';
import { BrandMark } from '../shared/ui/BrandMark';
import { LanguageSwitch } from '../shared/ui/LanguageSwitch';
import type { LoginLocationState } from './router';

interface Credentials {
  username: string;
  password: string;
}

/** Only same-app paths, so a crafted link cannot bounce the user to another site. */
function safeFrom(state: unknown): string {
  const from = (state as LoginLocationState | null)?.from;
  return typeof from === 'string' &&
    from.startsWith('/') &&
    !from.startsWith('//') &&
    !from.startsWith('/login')
    ? from
    : '/';
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const target = safeFrom(location.state);

  if (user) return <Navigate to={target} replace />;

  const onFinish = async ({ username, password }: Credentials) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(username.trim(), password);
      navigate(target, { replace: true });
    } catch (err) {
      setError(err);
      setSubmitting(false);
    }
  };

  return (
    <div className="login-page">
      <aside className="login-hero" aria-hidden="true">
        <BrandMark size={40} light />
        <div className="login-hero-body">
          <Typography.Title level={2} className="login-hero-title">
            {t('app.tagline')}
          </Typography.Title>
          <ul className="login-hero-list">
            {(['login.feature1', 'login.feature2', 'login.feature3'] as const).map((key) => (
              <li key={key}>
                <CheckCircleFilled /> {t(key)}
              </li>
            ))}
          </ul>
        </div>
      </aside>

      <main className="login-main">
        <div className="login-lang">
          <LanguageSwitch size="small" />
        </div>
        <div className="login-card">
          <div className="login-card-brand">
            <BrandMark size={36} />
          </div>
          <Typography.Title level={3} className="login-title">
            {t('login.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>

          <Form<Credentials>
            layout="vertical"
            size="large"
            requiredMark={false}
            onFinish={onFinish}
            disabled={submitting}
          >
            <Form.Item
              label={t('login.username')}
              name="username"
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input
                prefix={<UserOutlined />}
                placeholder={t('login.usernamePlaceholder')}
                autoComplete="username"
                autoFocus
              />
            </Form.Item>
            <Form.Item
              label={t('login.password')}
              name="password"
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                placeholder={t('login.passwordPlaceholder')}
                autoComplete="current-password"
              />
            </Form.Item>
            {error !== null && (
              <Alert
                type="error"
                showIcon
                title={describeError(error, t)}
                className="login-error"
                role="alert"
              />
            )}
            <Button type="primary" htmlType="submit" block loading={submitting}>
              {t('login.submit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" className="login-forgot">
            {t('login.forgot')}
          </Typography.Paragraph>
        </div>
      </main>
    </div>
  );
}
