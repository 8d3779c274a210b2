import { describe, expect, it } from 'vitest';
import { DEFAULT_MAR_ALERT_SETTINGS as S, marAlertFor, validateMarAlertSettings } from '../../main/domain/marAlerts';

describe('marAlertFor: severe scores', () => {
  it('alerts at CIWA-Ar 19 and above, not at 18', () => {
    expect(marAlertFor({ kind: 'score', scale: 'CIWA-Ar', total: 18 }, S)).toBeNull();
    expect(marAlertFor({ kind: 'score', scale: 'CIWA-Ar', total: 19 }, S)).toEqual({
      reason: 'CIWA-Ar score 19 (severe withdrawal; alert at 19 or more): review the withdrawal plan today.',
    });
  });

  it('alerts at COWS over 36, not at 36', () => {
    expect(marAlertFor({ kind: 'score', scale: 'COWS', total: 36 }, S)).toBeNull();
    expect(marAlertFor({ kind: 'score', scale: 'COWS', total: 37 }, S)?.reason).toMatch(/^COWS score 37 \(severe withdrawal/);
  });

  it('follows the thresholds in settings', () => {
    expect(marAlertFor({ kind: 'score', scale: 'CIWA-Ar', total: 15 }, { ...S, ciwaSevere: 15 })).not.toBeNull();
    expect(marAlertFor({ kind: 'score', scale: 'COWS', total: 30 }, { ...S, cowsSevere: 30 })).not.toBeNull();
  });

  it('refuses an impossible score', () => {
    expect(() => marAlertFor({ kind: 'score', scale: 'COWS', total: 49 }, S)).toThrow(/0 to 48/);
  });
});

describe('marAlertFor: refused or missed doses in a row', () => {
  const wm = (recentOutcomes: ('given' | 'refused' | 'held' | 'missed')[], withdrawalManagement = true) =>
    marAlertFor({ kind: 'outcomes', withdrawalManagement, recentOutcomes }, S);

  it('alerts on the second refused or missed dose in a row', () => {
    expect(wm(['given', 'refused'])).toBeNull();
    expect(wm(['given', 'refused', 'missed'])).toEqual({
      reason: '2 scheduled doses in a row not taken (1 refused, 1 missed) on a withdrawal-management order: review today.',
    });
    expect(wm(['refused', 'refused'])?.reason).toMatch(/\(2 refused\)/);
  });

  it('a given dose breaks the run; a held one neither counts nor breaks it', () => {
    expect(wm(['refused', 'given', 'missed'])).toBeNull();
    expect(wm(['refused', 'held', 'refused'])).not.toBeNull();
    expect(wm(['held', 'refused'])).toBeNull();
  });

  it('alerts only with the dose that completes the run, and only for withdrawal management', () => {
    expect(wm(['refused', 'missed', 'held'])).toBeNull();
    expect(wm(['refused', 'missed'], false)).toBeNull();
    expect(wm([])).toBeNull();
  });

  it('follows the run length in settings', () => {
    const three = { ...S, consecutiveMissed: 3 };
    expect(marAlertFor({ kind: 'outcomes', withdrawalManagement: true, recentOutcomes: ['refused', 'missed'] }, three)).toBeNull();
    expect(
      marAlertFor({ kind: 'outcomes', withdrawalManagement: true, recentOutcomes: ['missed', 'refused', 'missed'] }, three),
    ).not.toBeNull();
  });
});

describe('marAlertFor: PRN cap', () => {
  it('always alerts when a PRN dose was refused at its cap', () => {
    expect(marAlertFor({ kind: 'prn_cap_reached' }, S)).toEqual({
      reason: 'A PRN dose was refused at its 24-hour limit: review the PRN plan today.',
    });
    expect(marAlertFor({ kind: 'prn_cap_reached', detail: 'lorazepam 4 mg in 24 hours' }, S)?.reason).toMatch(
      /limit \(lorazepam 4 mg in 24 hours\)/,
    );
  });
});

describe('marAlertFor: PRN cap reached by a dose given', () => {
  it('says the dose given brought the order to its limit, with the detail', () => {
    expect(marAlertFor({ kind: 'prn_cap_reached', given: true, detail: '3 of 3 doses in 24 hours' }, S)).toEqual({
      reason: 'A PRN dose given brought this order to its 24-hour limit (3 of 3 doses in 24 hours): review the PRN plan today.',
    });
  });
});

describe('validateMarAlertSettings', () => {
  it('accepts the defaults and refuses thresholds off the scales', () => {
    expect(validateMarAlertSettings(S)).toEqual([]);
    expect(validateMarAlertSettings({ ciwaSevere: 68, cowsSevere: 0, consecutiveMissed: 1.5 })).toHaveLength(3);
    expect(() => marAlertFor({ kind: 'prn_cap_reached' }, { ...S, cowsSevere: 49 })).toThrow(/COWS alert score/);
  });
});
