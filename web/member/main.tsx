// The member site: phone-first, antd-mobile, in Chinese.
import '../shared/zod-jitless.ts';
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { ConfigProvider, unstableSetRender } from 'antd-mobile';
import { LeftOutline } from 'antd-mobile-icons';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { MemberApp } from './MemberApp.tsx';
import { MemberSessionProvider } from './session.tsx';
import { applyStoredCareMode } from './care.ts';
import { KeyboardSupport } from './components/keyboard.ts';
import './member.css';
import './care.css';

// antd-mobile 5 opens Dialog and Toast with ReactDOM.render, which React 19 removed: give it
// createRoot instead (https://mobile.ant.design/guide/v5-for-19).
const roots = new WeakMap<Element | DocumentFragment, Root>();
unstableSetRender((node, container) => {
  let root = roots.get(container);
  if (!root) {
    root = createRoot(container);
    roots.set(container, root);
  }
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    roots.delete(container);
  };
});

// antd-mobile's NavBar back arrow is a role=button holding only an icon: name it for screen readers.
const backArrow = (
  <span role="img" aria-label="返回">
    <LeftOutline />
  </span>
);

// 关怀模式 on the document root before the first render, so a reload never shows the small layout first.
applyStoredCareMode();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} navBar={{ backIcon: backArrow }}>
      <BrowserRouter>
        <MemberSessionProvider>
          <KeyboardSupport />
          <MemberApp />
        </MemberSessionProvider>
      </BrowserRouter>
    </ConfigProvider>
  </StrictMode>,
);
