#!/usr/bin/env node
/**
 * `npm run test:mutation`: runs StrykerJS (stryker.config.mjs) over main/domain and
 * main/services, then prints the mutation score of each folder from its JSON report, so each
 * can be held to its own goal. `npm run test:mutation -- domain` mutates main/domain only,
 * against tests/unit only (far quicker); `-- services` main/services only. Other arguments go
 * to `stryker run` (e.g. `--mutate main/domain/taper.ts`).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { calculateMetrics } from 'mutation-testing-metrics';

const root = path.join(import.meta.dirname, '..');
const report = path.join(root, 'reports', 'mutation', 'mutation.json');
const stryker = path.join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
const scopes = { domain: ['main/domain/**/*.ts'], services: ['main/services/**/*.ts'] };
const args = process.argv.slice(2);
const scope = args[0] in scopes ? args.shift() : null;
const env = { ...process.env, ...(scope === 'domain' ? { MUTATION_TESTS: 'unit' } : {}) };
const mutate = scope ? ['--mutate', scopes[scope].join(',')] : [];
fs.rmSync(report, { force: true });
const run = spawnSync(process.execPath, [stryker, 'run', ...mutate, ...args], { stdio: 'inherit', cwd: root, env });
if (run.status !== 0 || !fs.existsSync(report)) process.exit(run.status ?? 1);

/** Goals per folder (issue 12). */
const goals = { 'main/domain': 85, 'main/services': 70 };
const files = JSON.parse(fs.readFileSync(report, 'utf8')).files;
const byFolder = new Map();
for (const [file, result] of Object.entries(files)) {
  const rel = path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
  const folder = rel.split('/').slice(0, 2).join('/');
  byFolder.set(folder, { ...byFolder.get(folder), [rel]: result });
}
console.log('\nMutation score per folder (killed + timed out, of the mutants a test covers or could cover):');
let short = false;
for (const [folder, folderFiles] of [...byFolder].sort()) {
  const m = calculateMetrics(folderFiles).metrics;
  const goal = goals[folder];
  const score = Number.isNaN(m.mutationScore) ? 'n/a' : `${m.mutationScore.toFixed(1)} %`;
  if (goal !== undefined && m.mutationScore < goal) short = true;
  console.log(
    `  ${folder.padEnd(16)} ${score.padStart(8)}   killed ${m.killed}, timed out ${m.timeout}, survived ${m.survived}, no coverage ${m.noCoverage}${goal ? `   (goal ${goal} %)` : ''}`,
  );
}
if (short) console.log('Below a goal: open reports/mutation/index.html for the surviving mutants.');
