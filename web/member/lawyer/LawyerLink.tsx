// The row on 我的 that leads a legal-aid lawyer to 我代理的案件 — shown only when the signed-in phone
// is an active lawyer's of the register (GET /api/lawyer/me), so nobody else sees a dead end.
import { useEffect, useState } from 'react';
import { FileOutline } from 'antd-mobile-icons';
import { api } from '../../shared/api.ts';
import { LinkList } from '../components/LinkList.tsx';

export function LawyerLink() {
  const [lawyer, setLawyer] = useState<{ name: string; firm: string } | null>(null);
  useEffect(() => {
    let live = true;
    api
      .get('/api/lawyer/me')
      .then((r) => live && setLawyer(r.lawyer))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  if (!lawyer) return null;
  return <LinkList rows={[{ to: '/lawyer', icon: <FileOutline />, label: '我代理的案件', description: `法律援助律师 · ${lawyer.firm}` }]} />;
}
