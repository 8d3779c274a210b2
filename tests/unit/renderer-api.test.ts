import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, call, onAuthLost } from '../../renderer/src/api';

type Win = { api?: unknown };
const g = globalThis as unknown as { window?: Win };

function withApi(api: unknown) {
  g.window = { api };
}

afterEach(() => {
  delete g.window;
});

describe('the renderer API client', () => {
  it('calls window.api.<domain>.<verb> and returns the value', async () => {
    const list = vi.fn(async () => ({ ok: true, value: [{ id: 1 }] }));
    withApi({ patients: { list } });
    await expect(call('patients.list', { query: 'x' })).resolves.toEqual([{ id: 1 }]);
    expect(list).toHaveBeenCalledWith({ query: 'x' });
  });

  it('throws an ApiError with per-field messages (first per path) and warnings', async () => {
    withApi({
      patients: {
        create: async () => ({
          ok: false,
          error: {
            code: 'VALIDATION',
            message: 'Please check the form',
            fields: [
              { path: 'patient.mrn', message: 'MRN is required.' },
              { path: 'patient.mrn', message: 'second message' },
            ],
            warnings: [{ code: 'W', message: 'careful' }],
          },
        }),
      },
    });
    const err = await call('patients.create', { patient: {} as never, allergies: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.code).toBe('VALIDATION');
    expect(e.field('patient.mrn')).toBe('MRN is required.');
    expect(e.warnings).toEqual([{ code: 'W', message: 'careful' }]);
  });

  it('tells the app when the session is locked or gone, and only then', async () => {
    const seen: string[] = [];
    const off = onAuthLost((code) => seen.push(code));
    withApi({
      users: { list: async () => ({ ok: false, error: { code: 'SESSION_LOCKED', message: 'locked' } }) },
      audit: { verify: async () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'no' } }) },
    });
    await expect(call('users.list', {})).rejects.toMatchObject({ code: 'SESSION_LOCKED' });
    await expect(call('audit.verify', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    off();
    expect(seen).toEqual(['SESSION_LOCKED']);
  });

  it('reports a missing bridge or a failed transport as a clear error', async () => {
    g.window = {};
    await expect(call('clinic.status', {})).rejects.toMatchObject({ code: 'NO_BRIDGE' });
    withApi({ clinic: { status: async () => Promise.reject(new TypeError('fetch failed')) } });
    await expect(call('clinic.status', {})).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
