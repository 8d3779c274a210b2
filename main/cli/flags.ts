import type { FlagSpec } from './command';

/** Flags several commands share, worded once. */
export const DB_FLAG: FlagSpec = {
  type: 'string',
  placeholder: 'PATH',
  description: 'The clinic database file; its key file is PATH.keys.json.',
};

export const PASSPHRASE_FILE_FLAG: FlagSpec = {
  type: 'string',
  placeholder: 'FILE|-',
  description: 'File holding the recovery passphrase ("-" reads standard input); one trailing newline is ignored.',
  required: true,
};
