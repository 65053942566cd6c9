// An Electron MessagePortMain seen as the backend's TextMessageChannel: one JSON-RPC message per string message.
import type { MessagePortMain } from 'electron';
import type { TextMessageChannel } from '../backend/message-channel';

export function messagePortChannel(port: MessagePortMain): TextMessageChannel {
  let closed = false;
  port.on('close', () => (closed = true));
  return {
    send(text) {
      if (closed) throw new Error('The window connection is closed.');
      port.postMessage(text);
    },
    onMessage(listener) {
      // Anything but a string is not ours (the renderer transport posts JSON text), so it is dropped.
      port.on('message', (event) => {
        if (typeof event.data === 'string') listener(event.data);
      });
    },
    onClose(listener) {
      port.on('close', () => listener());
    },
  };
}
