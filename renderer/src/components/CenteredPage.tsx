import type { ReactNode } from 'react';

/** The frame for screens shown before anyone is signed in: one card in the middle. */
export function CenteredPage({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return (
    <main className="centered-page">
      <div className={wide ? 'card card-wide' : 'card'}>{children}</div>
    </main>
  );
}
