/**
 * The application menu as a plain template (no `electron` import, so it is unit-tested under
 * Node): File, Edit, View, Help, plus the app menu on macOS. Help holds the app's own help and
 * About, never links to electronjs.org (Electron's default menu has those). The template is
 * structurally Electron's MenuItemConstructorOptions; main.ts builds the menu from it.
 */
export interface MenuItem {
  label?: string;
  role?: string;
  type?: 'separator';
  accelerator?: string;
  submenu?: MenuItem[];
  click?: () => void;
}

export interface MenuActions {
  about(): void;
  help(): void;
  showLog(): void;
}

export function applicationMenu(platform: NodeJS.Platform, actions: MenuActions, opts: { devTools: boolean }): MenuItem[] {
  const mac = platform === 'darwin';
  const sep: MenuItem = { type: 'separator' };
  const about: MenuItem = { label: 'About Medtrack', click: actions.about };
  return [
    ...(mac
      ? [{ label: 'Medtrack', submenu: [about, sep, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, sep, { role: 'quit' }] }]
      : []),
    { label: 'File', submenu: [mac ? { role: 'close' } : { role: 'quit', label: 'Exit' }] },
    {
      label: 'Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, sep, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        sep,
        { role: 'togglefullscreen' },
        // Reload and DevTools only in development: a packaged build has patient data on screen.
        ...(opts.devTools ? [sep, { role: 'reload' }, { role: 'toggleDevTools' }] : []),
      ],
    },
    {
      label: 'Help',
      submenu: [
        { label: 'Medtrack Help', accelerator: 'F1', click: actions.help },
        { label: 'Show the Application Log', click: actions.showLog },
        ...(mac ? [] : [sep, about]),
      ],
    },
  ];
}

/** The Help menu's text: short, about this app, with the places IT asks for. */
export function helpText(about: { dataFolder: string; logFile: string }): string {
  return [
    'Each role has its own menu on the left: prescribers review medication lists and reviews, nurses record doses, the medical director audits overdue reviews, administrators manage users and settings.',
    'The session locks after a period without use; enter your password to go on.',
    `Backups and other administrative tasks run from the command line: start Medtrack with a command, for example "Medtrack backup --out FILE --passphrase-file -" (run "Medtrack help" for the list).`,
    `Data folder: ${about.dataFolder}`,
    `Application log: ${about.logFile}`,
  ].join('\n\n');
}

/** The About dialog's detail lines. */
export function aboutText(a: {
  version: string;
  dataFolder: string;
  logFile: string;
  schemaVersion: number | null;
  latestSchemaVersion: number;
  sqliteVersion: string;
  cipherLibrary: string;
  runtime: string;
}): string {
  return [
    `Version ${a.version}`,
    `Data folder: ${a.dataFolder}`,
    `Application log: ${a.logFile}`,
    `Database schema: ${a.schemaVersion === null ? `no clinic file open (this version knows ${a.latestSchemaVersion})` : `${a.schemaVersion} of ${a.latestSchemaVersion}`}`,
    `Encryption: ${a.cipherLibrary}, SQLite ${a.sqliteVersion}`,
    `Runtime: ${a.runtime}`,
  ].join('\n');
}

/**
 * electron-context-menu's options: cut, copy, paste and select all in fields and on selected
 * text, and nothing that leaves the app (no "Search with Google", no link or image saving) or
 * that shows its insides to a user (Inspect only in development).
 */
export function contextMenuOptions(devTools: boolean) {
  return {
    showSelectAll: true,
    showCopyImage: false,
    showCopyImageAddress: false,
    showSaveImage: false,
    showSaveImageAs: false,
    showCopyVideoAddress: false,
    showSaveVideo: false,
    showSaveVideoAs: false,
    showCopyLink: false,
    showSaveLinkAs: false,
    showSearchWithGoogle: false,
    showLookUpSelection: false,
    showLearnSpelling: false,
    showServices: false,
    showInspectElement: devTools,
  };
}
