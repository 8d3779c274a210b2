import { createContext, useContext } from 'react';
import type { ParamsOf, ViewName } from './views/registry';

export interface Place<V extends ViewName = ViewName> {
  view: V;
  params: ParamsOf<V>;
}

export interface Navigation {
  place: Place;
  navigate<V extends ViewName>(view: V, params: ParamsOf<V>): void;
}

export const NavigationContext = createContext<Navigation | null>(null);

export function useNavigation(): Navigation {
  const value = useContext(NavigationContext);
  if (!value) throw new Error('useNavigation outside NavigationContext');
  return value;
}

/** One string per place, so moving from one patient to another remounts the page (and moves focus). */
export const placeKey = (place: Place): string => `${place.view}:${JSON.stringify(place.params)}`;
