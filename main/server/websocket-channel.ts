// A browser-mode WebSocket seen as the backend's TextMessageChannel: one JSON-RPC message per text frame.
import type { RawData, WebSocket } from 'ws';
import type { TextMessageChannel } from '../backend/message-channel';

/** WebSocket close code 1003: the endpoint received data of a type it cannot accept. */
const UNSUPPORTED_DATA = 1003;

export function webSocketChannel(socket: WebSocket): TextMessageChannel {
  return {
    send(text) {
      if (socket.readyState !== socket.OPEN) throw new Error('The browser connection is closed.');
      socket.send(text);
    },
    onMessage(listener) {
      socket.on('message', (data, isBinary) => {
        if (isBinary) {
          socket.close(UNSUPPORTED_DATA, 'Mirador accepts text frames only');
          return;
        }
        listener(textOf(data));
      });
    },
    onClose(listener) {
      socket.on('close', () => listener());
    },
  };
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}
