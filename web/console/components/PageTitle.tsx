// The headings of a console page, so a screen reader's list of headings is the page's outline: the
// page's title is its one <h1> — ListPage and DetailFrame put it there; a page of its own puts its
// card title in <PageTitle> — and a part of the page with a title of its own is an <h2> (SectionTitle).
// Both look as they did: the h1 takes the look of where it sits (a card's title), the h2 that of a
// small title.
import './common.css';
import type { CSSProperties, ReactNode } from 'react';

export function PageTitle({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <h1 className="page-title" data-testid={testId}>
      {children}
    </h1>
  );
}

export function SectionTitle({ children, style, className }: { children: ReactNode; style?: CSSProperties; className?: string }) {
  return (
    <h2 className={className ? `section-title ${className}` : 'section-title'} style={style}>
      {children}
    </h2>
  );
}
