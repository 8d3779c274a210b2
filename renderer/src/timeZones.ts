import type { Option } from './components/fields';

/** The browser's own zone: the likeliest answer on the clinic's own workstation. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

let cached: string[] | null = null;

/** Every IANA zone the runtime knows, plus `include` (the current value) if it is missing. */
export function timeZoneOptions(include: string): Option<string>[] {
  cached ??= Intl.supportedValuesOf('timeZone');
  const zones = cached.includes(include) || !include ? cached : [include, ...cached];
  return zones.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }));
}
