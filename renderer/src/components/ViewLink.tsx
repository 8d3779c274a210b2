import type { MouseEvent, ReactNode } from 'react';
import { useNavigation } from '../navigation';
import type { ParamsOf, ViewName } from '../views/registry';

/**
 * An in-app link: a real <a> (so it reads and behaves as a link) that moves the app's own
 * navigation state instead of loading a URL.
 */
export function ViewLink<V extends ViewName>({
  view,
  params,
  children,
  className,
  current = false,
}: {
  view: V;
  params: ParamsOf<V>;
  children: ReactNode;
  className?: string;
  /** Marks the menu entry of the page being shown. */
  current?: boolean;
}) {
  const { navigate } = useNavigation();
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    navigate(view, params);
  };
  return (
    <a href={`#${view}`} onClick={onClick} className={className} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}
