// Electron transport: the contract over the MessagePort that the main process hands this page through the preload.
import type { RendererTextChannel } from './text-channel';
import { ELECTRON_PORT_MESSAGE } from '../../../main/api/channels';

export function awaitMessagePortChannel(timeoutMs: number): Promise<RendererTextChannel> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the Electron main process did not hand over its port')), timeoutMs);
    const onWindowMessage = (event: MessageEvent) => {
      if (event.source !== window || event.data !== ELECTRON_PORT_MESSAGE || event.ports.length !== 1) return;
      window.removeEventListener('message', onWindowMessage);
      clearTimeout(timer);
      const port = event.ports[0];
      const messageListeners: ((text: string) => void)[] = [];
      const closeListeners: (() => void)[] = [];
      port.onmessage = (message) => {
        if (typeof message.data === 'string') for (const listener of messageListeners) listener(message.data);
      };
      port.addEventListener('close', () => closeListeners.forEach((listener) => listener()));
      port.start();
      resolve({
        send: (text) => port.postMessage(text),
        onMessage: (listener) => messageListeners.push(listener),
        onClose: (listener) => closeListeners.push(listener),
      });
    };
    window.addEventListener('message', onWindowMessage);
  });
}
