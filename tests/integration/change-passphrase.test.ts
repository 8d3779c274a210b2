import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { unwrapKey } from '../../main/app/clinicFile';
import { MemoryKeyStore } from '../../main/keys/memoryKeyStore';
import { startTestApp, TEST_ADMIN, TEST_PASSPHRASE, type TestApp } from '../support/app';

/**
 * Issue 10, item 11 from the admin screen: a new recovery passphrase, the current one checked
 * first (a wrong one refused in words, nothing changed, nothing audited), the change audited.
 */
let t: TestApp;
const NEW = 'seven quiet herons cross the bay';
// This workstation's key store, kept so the clinic can be reopened the way the app opens it at launch.
const keyStore = new MemoryKeyStore();
beforeAll(async () => {
  t = await startTestApp({ keyStore });
  await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
});
afterAll(async () => t.cleanup());
const dbFile = () => path.join(t.dir, 'medtrack.db');
const changes = async () => (await t.call('audit.list', { action: 'clinic.passphrase_changed' })).length;

describe('clinic.changePassphrase', () => {
  it('refuses a wrong current passphrase in words and changes nothing', async () => {
    const r = await t.raw('clinic.changePassphrase', { currentPassphrase: 'not the passphrase at all', newPassphrase: NEW, newPassphraseConfirm: NEW });
    expect(r.error).toMatchObject({ code: 'WRONG_PASSPHRASE', message: 'That recovery passphrase is not correct for this clinic file.' });
    expect(() => unwrapKey(dbFile(), TEST_PASSPHRASE).fill(0)).not.toThrow();
    expect(await changes()).toBe(0);
  });

  it('refuses a mismatched confirmation and a new passphrase equal to the current one', async () => {
    const a = await t.raw('clinic.changePassphrase', { currentPassphrase: TEST_PASSPHRASE, newPassphrase: NEW, newPassphraseConfirm: `${NEW}x` });
    expect(a.error?.message).toContain('The two new passphrases differ.');
    const b = await t.raw('clinic.changePassphrase', { currentPassphrase: TEST_PASSPHRASE, newPassphrase: TEST_PASSPHRASE, newPassphraseConfirm: TEST_PASSPHRASE });
    expect(b.error?.message).toBe('The new recovery passphrase must differ from the current one.');
    expect(await changes()).toBe(0);
  });

  it('wraps the key with the new passphrase, retires the old one, and audits who did it', async () => {
    await t.call('clinic.changePassphrase', { currentPassphrase: TEST_PASSPHRASE, newPassphrase: NEW, newPassphraseConfirm: NEW });
    expect(() => unwrapKey(dbFile(), NEW).fill(0)).not.toThrow();
    expect(() => unwrapKey(dbFile(), TEST_PASSPHRASE)).toThrow(/not correct/);
    const [entry] = await t.call('audit.list', { action: 'clinic.passphrase_changed' });
    expect(entry).toMatchObject({ actorName: TEST_ADMIN.name, entityType: 'clinic' });
    expect(JSON.stringify(entry)).not.toContain(NEW);
  });

  it('leaves the workstation opening the clinic at launch without any passphrase', async () => {
    // Runs after the change above: the key file must keep this workstation's own wrap of the key.
    await t.app.close();
    const again = await startTestApp({ dir: t.dir, keyStore, setup: false });
    try {
      expect(again.app.status().phase).toBe('open');
      await again.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
      expect(await again.call('audit.list', { action: 'clinic.passphrase_changed' })).toHaveLength(1);
    } finally {
      await again.app.close();
    }
  });
});
