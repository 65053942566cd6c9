// Two connected TextMessageChannels inside one process: what one side sends, the other receives (asynchronously, like a port).
import type { TextMessageChannel } from '../backend/message-channel';

export interface ClosableChannel extends TextMessageChannel {
  close(): void;
}

export function createInMemoryChannelPair(): [ClosableChannel, ClosableChannel] {
  const messageListeners: [Array<(text: string) => void>, Array<(text: string) => void>] = [[], []];
  const closeListeners: Array<() => void> = [];
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    for (const listener of closeListeners.splice(0)) listener();
  };
  const side = (own: 0 | 1): ClosableChannel => ({
    send(text) {
      if (closed) throw new Error('The in-process channel is closed.');
      const peer = messageListeners[own === 0 ? 1 : 0];
      queueMicrotask(() => {
        if (!closed) for (const listener of peer) listener(text);
      });
    },
    onMessage: (listener) => void messageListeners[own].push(listener),
    onClose: (listener) => void closeListeners.push(listener),
    close,
  });
  return [side(0), side(1)];
}
