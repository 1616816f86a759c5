// The member site: phone-first, antd-mobile, in Chinese.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { ConfigProvider } from 'antd-mobile';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { MemberApp } from './MemberApp.tsx';
import './member.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN}>
      <BrowserRouter>
        <MemberApp />
      </BrowserRouter>
    </ConfigProvider>
  </StrictMode>,
);
