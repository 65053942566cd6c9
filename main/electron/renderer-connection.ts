// Gives each page load of the window a fresh MessagePort to the backend, and drops the previous page's connection.
import { MessageChannelMain, type WebContents } from 'electron';
import { ELECTRON_PORT_CHANNEL } from '../api/channels';
import type { Backend, Disposable } from '../backend/backend';
import { isAppUrl } from './app-protocol';
import { messagePortChannel } from './message-port-channel';

export function connectRendererToBackend(webContents: WebContents, backend: Backend): Disposable {
  let current: { attachment: Disposable; close(): void } | undefined;
  const disconnect = () => {
    current?.attachment.dispose();
    current?.close();
    current = undefined;
  };
  const connect = () => {
    disconnect();
    // Only our own pages get a port: navigation is blocked elsewhere, this is the second lock.
    if (!isAppUrl(webContents.getURL())) return;
    const { port1, port2 } = new MessageChannelMain();
    const attachment = backend.attach(messagePortChannel(port1));
    // Started after attach, so no message arrives before the backend listens.
    port1.start();
    current = { attachment, close: () => port1.close() };
    webContents.postMessage(ELECTRON_PORT_CHANNEL, null, [port2]);
  };
  webContents.on('did-finish-load', connect);
  webContents.once('destroyed', disconnect);
  return { dispose: disconnect };
}
