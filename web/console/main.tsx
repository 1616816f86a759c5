// The staff console: Ant Design in Chinese, routed under /console.
import '../shared/zod-jitless.ts';
import '@ant-design/v5-patch-for-react-19';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import { z } from 'zod';
// Pickers and dates in Chinese, on Beijing's clock (web/shared/format.ts sets dayjs up).
import '../shared/format.ts';
import { ConsoleApp } from './ConsoleApp.tsx';
import { SessionProvider } from './session.tsx';
import './console.css';

// Client-side checks reuse the contract schemas; their messages in Chinese, as the server's.
z.config(z.locales.zhCN());

// Blue, not the union red, for the console's controls: a red focus border reads as an error to the
// people filling in forms all day. The red stays in the logo and on the log-in page.
// antd's secondary and description greys (45% black) are 3.4:1 on white; 65% black is 5.7:1 (WCAG AA).
const readableGreys = { colorTextSecondary: 'rgba(0, 0, 0, 0.65)', colorTextDescription: 'rgba(0, 0, 0, 0.65)' };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1f5fbf', borderRadius: 4, ...readableGreys } }}>
      <AntApp>
        <BrowserRouter basename="/console">
          <SessionProvider>
            <ConsoleApp />
          </SessionProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
