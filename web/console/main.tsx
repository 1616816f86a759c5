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
import { consoleTheme } from './theme.ts';
import { installAntdA11y } from './antdA11y.ts';
import './console.css';

// Client-side checks reuse the contract schemas; their messages in Chinese, as the server's.
z.config(z.locales.zhCN());

// what antd leaves out for a screen reader (icons' English names, groups' roles and names, tabs)
installAntdA11y();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={consoleTheme}>
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
