import fs from 'node:fs';
import path from 'node:path';

/**
 * Durable file steps. A rename or a new file is on disk only once the folder holding it has been
 * flushed too (POSIX: fsync on the directory); without that, a power cut can undo a rename the
 * program already reported. Windows cannot open a folder for flushing and commits a rename's
 * metadata through NTFS's journal, so the folder step is skipped there.
 */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Copies, then flushes the copy's bytes (the folder is flushed by the caller, once per step). */
export function copyDurably(from: string, to: string): void {
  fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
  fsyncFile(to);
}

/** Writes a small file in full under a temporary name, flushes it, renames it into place, flushes the folder. */
export function writeFileAtomically(file: string, data: string, mode = 0o600): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w', mode);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}
