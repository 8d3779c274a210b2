import { setPasswordCostForTests } from '../../main/services/passwords';

/**
 * Every test file starts with a cheap scrypt cost (N=2^12): suites create and log in hundreds of
 * users, and at the app's cost (N=2^17, ~0.3-2 s a hash on a busy two-core machine) they would
 * take many minutes. tests/integration/passwords.test.ts checks the real cost and the rehash.
 */
setPasswordCostForTests({ N: 2 ** 12, r: 8, p: 1 });
