import fs from 'node:fs';
import path from 'node:path';
import { closeFully } from '../cli/clinic';
import { fixedClock } from '../clock';
import { buildDemoClinic } from '../demo';
import { keyFilePathFor } from '../keys/keyFile';
import { fsyncDir } from './durableFs';

/** Where the demo is built before it takes its name: a build cut short never looks like a demo clinic. */
export const demoBuildPathFor = (demoFile: string): string => `${demoFile}.building`;

const parts = (file: string) => [file, `${file}-wal`, `${file}-shm`, keyFilePathFor(file)];

/**
 * Builds the synthetic demo clinic on a job thread (issue 9: the build took seconds in the
 * database worker, holding up every other call). It is built under a second name and renamed
 * into place once complete and closed, key file first, so a crash or a killed worker at any
 * moment leaves either no demo clinic or a whole one. Key wrapped by its passphrase only: the
 * worker adds the workstation's wrapping when it opens it.
 */
export async function buildDemoFile(demoFile: string, now: string, onPercent: (percent: number) => void): Promise<void> {
  const building = demoBuildPathFor(demoFile);
  for (const f of parts(building)) fs.rmSync(f, { force: true });
  fs.mkdirSync(path.dirname(demoFile), { recursive: true, mode: 0o700 });
  const handle = await buildDemoClinic(building, { clock: fixedClock(now), onProgress: onPercent });
  await closeFully(handle);
  fs.renameSync(keyFilePathFor(building), keyFilePathFor(demoFile));
  fs.renameSync(building, demoFile);
  fsyncDir(path.dirname(demoFile));
}
