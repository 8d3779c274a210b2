import { useRef, type KeyboardEvent } from 'react';

export type Scope = 'mine' | 'everyone';
const SCOPES: { value: Scope; label: string }[] = [
  { value: 'mine', label: 'Mine' },
  { value: 'everyone', label: 'Everyone' },
];

export const tabId = (scope: Scope) => `reviews-tab-${scope}`;
export const PANEL_ID = 'reviews-panel';

/** "Mine" / "Everyone" as a tab list (arrow keys move between tabs, as screen-reader users expect). */
export function ScopeTabs({ scope, onChange }: { scope: Scope; onChange(scope: Scope): void }) {
  const refs = useRef<Record<Scope, HTMLButtonElement | null>>({ mine: null, everyone: null });
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const i = SCOPES.findIndex((s) => s.value === scope);
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? SCOPES.length - 1 : (i + (e.key === 'ArrowRight' ? 1 : -1) + SCOPES.length) % SCOPES.length;
    onChange(SCOPES[next].value);
    refs.current[SCOPES[next].value]?.focus();
  };
  return (
    // The tabs themselves take focus (roving tabindex); the list only hears their arrow keys.
    // eslint-disable-next-line jsx-a11y/interactive-supports-focus
    <div role="tablist" aria-label="Whose reviews" className="tabs" onKeyDown={onKeyDown}>
      {SCOPES.map((s) => (
        <button
          key={s.value}
          ref={(el) => {
            refs.current[s.value] = el;
          }}
          type="button"
          role="tab"
          id={tabId(s.value)}
          aria-selected={s.value === scope}
          aria-controls={PANEL_ID}
          tabIndex={s.value === scope ? 0 : -1}
          className="tab"
          onClick={() => onChange(s.value)}
        >
          {s.label}
        </button>
      ))}
    </div>
  );
}
