import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const { findChromium, INSTALL_HINT } = createRequire(__filename)('../../scripts/find-chromium.js') as {
  findChromium: (
    env: Record<string, string | undefined>,
    exists: (p: string) => boolean,
    playwrightPath: string | null,
  ) => { path: string | null; source?: string; problem?: string };
  INSTALL_HINT: string;
};

/** Which browser the end-to-end suite picks, and what it says when there is none. */
describe('findChromium', () => {
  const PW = '/root/.cache/ms-playwright/chromium-1/chrome-linux64/chrome';
  const on =
    (...present: string[]) =>
    (p: string) =>
      present.includes(p);

  it("takes CHROMIUM_PATH first, then Playwright's browser, then the system's", () => {
    expect(findChromium({ CHROMIUM_PATH: '/opt/chrome' }, on('/opt/chrome', PW, '/usr/bin/chromium'), PW)).toEqual({
      path: '/opt/chrome',
      source: 'CHROMIUM_PATH',
    });
    expect(findChromium({}, on(PW, '/usr/bin/chromium'), PW)).toMatchObject({ path: PW });
    expect(findChromium({}, on('/usr/bin/chromium'), PW)).toMatchObject({ path: '/usr/bin/chromium', source: 'the system' });
    expect(findChromium({}, on('/usr/bin/chromium-browser'), null)).toMatchObject({ path: '/usr/bin/chromium-browser' });
  });

  it('says what to install when there is none, and when CHROMIUM_PATH points nowhere', () => {
    const none = findChromium({}, on(), PW);
    expect(none.path).toBeNull();
    expect(none.problem).toBe(INSTALL_HINT);
    expect(INSTALL_HINT).toMatch(/apt-get install -y chromium/);
    const wrong = findChromium({ CHROMIUM_PATH: '/nope/chrome' }, on('/usr/bin/chromium'), null);
    expect(wrong.path).toBeNull();
    expect(wrong.problem).toMatch(/CHROMIUM_PATH is \/nope\/chrome, which does not exist/);
  });
});
