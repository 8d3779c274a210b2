import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A panel's h2 that takes focus when the panel appears (a form opened by the previous step),
 * so keyboard and screen-reader users are told where they are now.
 */
export function PanelHeading({ id, children }: { id: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h2 id={id} ref={ref} tabIndex={-1} className="panel-heading">
      {children}
    </h2>
  );
}
