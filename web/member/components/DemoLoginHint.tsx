// On a demo server only (GET /api/demo says so), the log-in page tells a newcomer how to get in: no
// SMS is sent, so the code just "sent" is shown here; a few demo members to log in as. A production
// server answers `demo: false` and this shows nothing.
import { useEffect, useState } from 'react';
import type { DemoInfo } from '../../../contracts/demo.ts';
import { api } from '../../shared/api.ts';

/** What GET /api/demo says; null until it answers, and when it cannot be read (treated as not a demo). */
export function useDemoInfo(): DemoInfo | null {
  const [info, setInfo] = useState<DemoInfo | null>(null);
  useEffect(() => {
    let live = true;
    api
      .get('/api/demo', { quietOnSessionLost: true })
      .then((i) => live && setInfo(i))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return info;
}

/** The code just sent to `phone`, read from the demo's outbox; undefined when there is none. */
export async function readDemoCode(phone: string): Promise<string | undefined> {
  try {
    return (await api.get('/api/demo/login-code', { query: { phone }, quietOnSessionLost: true })).code;
  } catch {
    return undefined;
  }
}

/** 演示环境 box: how codes work here, the code just sent, demo members to use. */
export function DemoLoginHint({ info, code, onUsePhone, onUseCode }: {
  info: DemoInfo;
  code: string | undefined;
  onUsePhone: (phone: string) => void;
  onUseCode: (code: string) => void;
}) {
  if (!info.demo) return null;
  return (
    <section className="m-demo-hint" data-testid="demo-hint">
      <div className="m-demo-title">演示环境</div>
      {code ? (
        <div className="m-demo-code" data-testid="demo-code">
          验证码 <strong>{code}</strong>
          <button type="button" onClick={() => onUseCode(code)}>
            填入
          </button>
        </div>
      ) : (
        <p>本环境不发送真实短信，验证码发出后会直接显示在这里（管理员也可在工作台的“通知发件箱”中查看）。</p>
      )}
      {info.members.length > 0 && (
        <>
          <p>可用以下演示会员的手机号登录，或用任意手机号体验入会：</p>
          <ul className="m-demo-members">
            {info.members.map((m) => (
              <li key={m.phone}>
                <button type="button" onClick={() => onUsePhone(m.phone)} data-phone={m.phone}>
                  <span className="m-demo-phone">{m.phone}</span>
                  <span className="m-demo-who">
                    {m.name} · {m.orgName}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
