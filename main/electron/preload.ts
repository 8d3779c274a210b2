import { contextBridge, ipcRenderer } from 'electron';
import type { Result } from '../ipc/contract';
import { buildApi } from '../ipc/bridge';

/**
 * The renderer's only door to main: window.api, one method per contract channel, each a
 * single ipcRenderer.invoke on that channel. ipcRenderer itself is never exposed (checklist
 * #20): a page script could otherwise send on any channel or listen to anything.
 * Runs sandboxed (#4), so it cannot require project files: vite.preload.config.mts bundles it
 * into dist/preload/preload.js, which requires only 'electron'.
 */
contextBridge.exposeInMainWorld(
  'api',
  buildApi((channel, input) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>),
);
