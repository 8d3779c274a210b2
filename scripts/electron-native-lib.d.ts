/** Types for scripts/electron-native-lib.js (plain CommonJS so `npm start` needs no compile step). */

export interface NativePaths {
  dir: string;
  pkgDir: string;
  binding: string;
  stamp: string;
}

export interface NativeTarget {
  electron: string;
  driver: string;
  platform: string;
  arch: string;
}

export interface RunResult {
  ok: boolean;
  detail: string;
}

export type Run = (label: string, script: string, args: string[], opts: { cwd: string; env: Record<string, string> }) => RunResult;

export interface PrepareOptions {
  appRoot: string;
  platform?: string;
  arch?: string;
  env?: Record<string, string | undefined>;
  execPath?: string;
  run: Run;
  log?: (msg: string) => void;
}

export type PrepareResult =
  | { status: 'present'; binding: string }
  | { status: 'built'; via: 'prebuild-install' | 'node-gyp'; binding: string };

export const DRIVER: string;
export const ELECTRON_HEADERS_URL: string;
export function nativePaths(appRoot: string, electronVersion: string): NativePaths;
export function installedVersions(appRoot: string): { electron: string; driver: string; driverDir: string };
export function isPrepared(paths: NativePaths, target: NativeTarget): boolean;
export function stampFor(target: NativeTarget): NativeTarget;
export function copyDriverSources(driverDir: string, pkgDir: string): void;
export function buildEnv(baseEnv: Record<string, string | undefined>, target: NativeTarget): Record<string, string>;
export function resolvePrebuildInstall(driverDir: string): string | null;
export function nodeGypCandidates(appRoot: string, env: Record<string, string | undefined>, execPath: string): string[];
export function resolveNodeGyp(appRoot: string, env: Record<string, string | undefined>, execPath: string): string | null;
export function prebuildArgs(target: NativeTarget): string[];
export function nodeGypArgs(target: NativeTarget): string[];
export function prepare(opts: PrepareOptions): PrepareResult;

