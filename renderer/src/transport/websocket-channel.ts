// Browser mode transport: the contract over a WebSocket to the server that served this page (the cookie carries the token).
import type { RendererTextChannel } from './text-channel';

export function openWebSocketChannel(url: string): Promise<RendererTextChannel> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const messageListeners: ((text: string) => void)[] = [];
    const closeListeners: (() => void)[] = [];
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
      resolve({
        send: (text) => socket.send(text),
        onMessage: (listener) => messageListeners.push(listener),
        onClose: (listener) => closeListeners.push(listener),
      });
    });
    socket.addEventListener('message', (event) => {
      if (typeof event.data === 'string') for (const listener of messageListeners) listener(event.data);
    });
    socket.addEventListener('close', (event) => {
      if (!opened) reject(new Error(`the server refused the connection (code ${event.code}); open the URL that \`mirador web\` printed`));
      for (const listener of closeListeners) listener();
    });
  });
}
