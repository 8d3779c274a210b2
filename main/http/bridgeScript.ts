import type { ChannelName } from '../ipc/contract';

/**
 * The browser stand-in for the Electron preload: window.api with the same nested shape as
 * buildApi (api.patients.create(input) -> Promise<Result>), each method a POST to this server.
 * Kept as plain inline JS so what the renderer talks to is visible at a glance.
 */
export function bridgeScript(channels: readonly ChannelName[]): string {
  return `(() => {
  const channels = ${JSON.stringify(channels)};
  const api = {};
  for (const name of channels) {
    const [domain, verb] = name.split('.');
    api[domain] = api[domain] || {};
    api[domain][verb] = (input) =>
      fetch('/api/' + name, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input ?? {}) })
        .then((r) => r.json());
  }
  for (const domain of Object.values(api)) Object.freeze(domain);
  Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false, configurable: false });
})();
`;
}
