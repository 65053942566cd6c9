// The sandboxed preload: hands the page the MessagePort that carries the contract, and exposes nothing else.
import { ipcRenderer } from 'electron';
import { ELECTRON_PORT_CHANNEL, ELECTRON_PORT_MESSAGE } from '../api/channels';

/** The little of the page's window this file uses (the Node-side tsconfig has no DOM types). */
interface PageWindow {
  postMessage(message: string, targetOrigin: string, transfer: readonly unknown[]): void;
  location: { origin: string };
}

const page = globalThis as unknown as PageWindow;

ipcRenderer.on(ELECTRON_PORT_CHANNEL, (event) => {
  // Electron's documented way across context isolation: window.postMessage from the isolated world reaches the
  // page's main world, and the transfer list moves the port with it. Main sends only after did-finish-load, by
  // which time the page's module scripts have run and are listening. The target origin keeps it within our page.
  page.postMessage(ELECTRON_PORT_MESSAGE, page.location.origin, event.ports);
});
