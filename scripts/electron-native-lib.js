'use strict';
/**
 * The pieces of scripts/electron-native.js, separated so they can be unit-tested
 * (tests/unit/electron-native.test.ts) without building anything.
 *
 * Why this exists (see DESIGN.md, "Environment facts"): node_modules keeps the Node-ABI build
 * of better-sqlite3-multiple-ciphers for the tests; Electron refuses a module built for another
 * ABI. So the Electron build lives outside node_modules, in
 * .electron-native/electron-<version>/better_sqlite3.node, and main.ts hands that path to the
 * driver's `nativeBinding` option in development. Packaged builds are rebuilt by electron-builder.
 */
const fs = require('node:fs');
const path = require('node:path');

const DRIVER = 'better-sqlite3-multiple-ciphers';
const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

/** Keep in step with electronNativeBindingPath in main/electron/policy.ts (a test compares them). */
function nativePaths(appRoot, electronVersion) {
  const dir = path.join(path.resolve(appRoot), '.electron-native', `electron-${electronVersion}`);
  return {
    dir,
    pkgDir: path.join(dir, 'pkg'),
    binding: path.join(dir, 'better_sqlite3.node'),
    stamp: path.join(dir, 'better_sqlite3.json'),
  };
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Versions read from package.json files, never by require('electron') (that would download it). */
function installedVersions(appRoot) {
  const nm = path.join(path.resolve(appRoot), 'node_modules');
  const electronPkg = path.join(nm, 'electron', 'package.json');
  const driverPkg = path.join(nm, DRIVER, 'package.json');
  if (!fs.existsSync(electronPkg)) throw new Error(`electron is not installed (${electronPkg} is missing). Run npm ci.`);
  if (!fs.existsSync(driverPkg)) throw new Error(`${DRIVER} is not installed (${driverPkg} is missing). Run npm ci.`);
  return {
    electron: readJson(electronPkg).version,
    driver: readJson(driverPkg).version,
    driverDir: path.dirname(driverPkg),
  };
}

/** What the stamp beside the binding records: a driver upgrade or another arch needs a rebuild. */
function stampFor(target) {
  return { electron: target.electron, driver: target.driver, platform: target.platform, arch: target.arch };
}

/** True when a finished build for exactly this Electron, driver version, platform and arch exists. */
function isPrepared(paths, target) {
  try {
    if (!fs.statSync(paths.binding).isFile() || fs.statSync(paths.binding).size === 0) return false;
    const stamp = readJson(paths.stamp);
    const want = stampFor(target);
    return Object.keys(want).every((k) => stamp[k] === want[k]);
  } catch {
    return false;
  }
}

/** Copies the driver's sources without any earlier build/ (that one is Node's ABI). */
function copyDriverSources(driverDir, pkgDir) {
  fs.rmSync(pkgDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(pkgDir), { recursive: true });
  fs.cpSync(driverDir, pkgDir, {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(driverDir, src);
      const top = rel.split(path.sep)[0];
      return top !== 'build' && top !== 'node_modules';
    },
  });
}

/**
 * The environment for prebuild-install and node-gyp. npm passes its config as npm_config_*
 * variables; this machine sets nodedir=/usr, which would make node-gyp compile against Node's
 * headers (a module Electron refuses). Drop nodedir and any runtime/target/disturl settings,
 * then state the Electron ones explicitly.
 */
function buildEnv(baseEnv, target) {
  const drop = new Set(['nodedir', 'runtime', 'target', 'disturl', 'dist_url', 'arch', 'target_arch', 'build_from_source']);
  const env = {};
  for (const [k, v] of Object.entries(baseEnv)) {
    const m = /^npm_config_(.+)$/i.exec(k);
    if (m && drop.has(m[1].toLowerCase().replace(/-/g, '_'))) continue;
    if (v !== undefined) env[k] = v;
  }
  env.npm_config_runtime = 'electron';
  env.npm_config_target = target.electron;
  env.npm_config_arch = target.arch;
  env.npm_config_target_arch = target.arch;
  env.npm_config_disturl = ELECTRON_HEADERS_URL;
  return env;
}

function binOf(pkgJsonPath, name) {
  const pkg = readJson(pkgJsonPath);
  const rel = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin && pkg.bin[name];
  if (!rel) throw new Error(`${pkgJsonPath} declares no "${name}" command`);
  return path.join(path.dirname(pkgJsonPath), rel);
}

/** prebuild-install is a dependency of the driver: resolve it the way the driver would. */
function resolvePrebuildInstall(driverDir) {
  try {
    return binOf(require.resolve('prebuild-install/package.json', { paths: [driverDir] }), 'prebuild-install');
  } catch {
    return null;
  }
}

/** node-gyp from the project, else the copy bundled with the npm that runs us, else next to node. */
function nodeGypCandidates(appRoot, env, execPath) {
  const out = [];
  try {
    out.push(binOf(require.resolve('node-gyp/package.json', { paths: [path.resolve(appRoot)] }), 'node-gyp'));
  } catch {
    /* not in node_modules */
  }
  if (env.npm_execpath) out.push(path.join(path.dirname(env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  const prefix = path.dirname(path.dirname(execPath));
  out.push(path.join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  out.push(path.join(path.dirname(execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  return out;
}

function resolveNodeGyp(appRoot, env, execPath) {
  return nodeGypCandidates(appRoot, env, execPath).find((p) => fs.existsSync(p)) || null;
}

function prebuildArgs(target) {
  return ['--runtime', 'electron', '--target', target.electron, '--arch', target.arch, '--platform', target.platform, '--verbose'];
}

function nodeGypArgs(target) {
  return ['rebuild', '--release', '--runtime=electron', `--target=${target.electron}`, `--arch=${target.arch}`, `--dist-url=${ELECTRON_HEADERS_URL}`];
}

/**
 * Prepares the Electron build. `run(label, script, args, { cwd, env })` runs a Node script and
 * returns { ok, detail }; injected so the tests can drive every path. Returns
 * { status: 'present' | 'built', via?, binding } or throws an Error whose message says what
 * failed and what to try.
 */
function prepare({ appRoot, platform = process.platform, arch = process.arch, env = process.env, execPath = process.execPath, run, log = () => {} }) {
  const v = installedVersions(appRoot);
  const target = { electron: v.electron, driver: v.driver, platform, arch };
  const paths = nativePaths(appRoot, v.electron);
  if (isPrepared(paths, target)) return { status: 'present', binding: paths.binding };

  log(`Preparing ${DRIVER} ${v.driver} for Electron ${v.electron} (${platform}-${arch}) in ${paths.dir}`);
  copyDriverSources(v.driverDir, paths.pkgDir);
  const childEnv = buildEnv(env, target);
  const built = path.join(paths.pkgDir, 'build', 'Release', 'better_sqlite3.node');
  const tried = [];

  const prebuild = resolvePrebuildInstall(v.driverDir);
  if (prebuild) {
    log('Trying a prebuilt binary (prebuild-install)...');
    const r = run('prebuild-install', prebuild, prebuildArgs(target), { cwd: paths.pkgDir, env: childEnv });
    tried.push(`prebuild-install: ${r.ok ? 'finished but produced no binary' : r.detail}`);
  } else {
    tried.push('prebuild-install: not found next to the driver');
  }

  let via = 'prebuild-install';
  if (!fs.existsSync(built)) {
    via = 'node-gyp';
    const gyp = resolveNodeGyp(appRoot, env, execPath);
    if (gyp) {
      log('No prebuilt binary; compiling with node-gyp against the Electron headers (about a minute)...');
      const r = run('node-gyp', gyp, nodeGypArgs(target), { cwd: paths.pkgDir, env: childEnv });
      tried.push(`node-gyp: ${r.ok ? 'finished but produced no binary' : r.detail}`);
    } else {
      tried.push('node-gyp: not found (neither in node_modules nor bundled with npm)');
    }
  }

  if (!fs.existsSync(built)) {
    throw new Error(
      [
        `Could not prepare ${DRIVER} ${v.driver} for Electron ${v.electron} (${platform}-${arch}).`,
        ...tried.map((t) => `  - ${t}`),
        'What to try:',
        '  - Check the network: prebuilt binaries come from GitHub releases, Electron headers from electronjs.org.',
        '  - To compile, install a C++ toolchain and Python 3 (Debian: apt-get install build-essential python3;',
        '    macOS: xcode-select --install; Windows: Visual Studio Build Tools with "Desktop development with C++").',
        '  - Then run npm start again: it retries whenever the driver is not prepared.',
      ].join('\n'),
    );
  }
  // Copy under a temporary name and rename, so an interrupted copy never looks prepared.
  const tmp = `${paths.binding}.tmp-${process.pid}`;
  fs.copyFileSync(built, tmp);
  fs.renameSync(tmp, paths.binding);
  fs.writeFileSync(paths.stamp, `${JSON.stringify(stampFor(target), null, 2)}\n`);
  return { status: 'built', via, binding: paths.binding };
}

module.exports = {
  DRIVER,
  ELECTRON_HEADERS_URL,
  nativePaths,
  installedVersions,
  isPrepared,
  stampFor,
  copyDriverSources,
  buildEnv,
  resolvePrebuildInstall,
  nodeGypCandidates,
  resolveNodeGyp,
  prebuildArgs,
  nodeGypArgs,
  prepare,
};
