// 建会意愿: the members' founding requests of the towns in scope (the workbench's alert leads here).
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { PageTitle } from '../../components/PageTitle.tsx';
import { FoundingRequestsCard } from './FoundingRequestsCard.tsx';

export function FoundingRequestsPage({ memberView }: { memberView?: (memberId: number | undefined, onClose: () => void) => ReactNode }) {
  const [params] = useSearchParams();
  return (
    <FoundingRequestsCard
      title={<PageTitle>建会意愿</PageTitle>}
      initialShown={params.get('open') === 'false' ? 'all' : 'open'}
      {...(memberView ? { memberView } : {})}
    />
  );
}
