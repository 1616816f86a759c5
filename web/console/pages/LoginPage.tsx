// Staff log-in: username and password; the server's message (wrong password, locked) shown as is.
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { api, ApiError, errorMessage } from '../../shared/api.ts';
import { useSession } from '../session.tsx';

interface LoginForm {
  username: string;
  password: string;
}

export function LoginPage() {
  const { me, notice, signedIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/workbench';
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; locked: boolean }>();

  if (me) return <Navigate to={from} replace />;

  async function submit(values: LoginForm) {
    setBusy(true);
    setError(undefined);
    try {
      const res = await api.post('/api/auth/login', { body: values, quietOnSessionLost: true });
      signedIn(res.me);
      navigate(from, { replace: true });
    } catch (err) {
      setError({ message: errorMessage(err), locked: err instanceof ApiError && err.code === 'too_many_attempts' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login-page">
      <Card className="login-card" variant="borderless">
        <div className="login-brand">
          <div className="login-logo">工</div>
          <div>
            <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
              智慧工会 · 工作台
            </Typography.Title>
            <Typography.Text type="secondary">工会工作者登录</Typography.Text>
          </div>
        </div>
        {notice && !error && <Alert type="info" showIcon message={notice} style={{ marginBottom: 16 }} />}
        {error && (
          <Alert
            type={error.locked ? 'warning' : 'error'}
            showIcon
            message={error.message}
            description={error.locked ? '如急需使用，请联系本单位管理员重置密码（重置后立即解锁）。' : undefined}
            style={{ marginBottom: 16 }}
            role="alert"
          />
        )}
        <Form<LoginForm> layout="vertical" size="large" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} placeholder="请输入用户名" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} placeholder="请输入密码" autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登 录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" className="login-foot">
          连续输错 5 次密码，账号将锁定 15 分钟。忘记密码请联系本单位管理员重置。
        </Typography.Paragraph>
      </Card>
    </main>
  );
}
