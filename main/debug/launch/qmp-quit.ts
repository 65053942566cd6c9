// Asks QEMU to quit over its QMP socket: the clean way to stop a guest (QEMU flushes and removes what it made).
import net from 'node:net';

/** Resolves true once QEMU accepted `quit`, false when the socket is missing, silent or refuses (then signal it). */
export function sendQmpQuit(socketPath: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(socketPath);
    let received = '';
    let stage: 'greeting' | 'capabilities' | 'quit' = 'greeting';
    const finish = (accepted: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(accepted);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('error', () => finish(false));
    // QEMU closing the socket after `quit` counts as accepted: it may exit before its `return` reaches us.
    socket.on('close', () => finish(stage === 'quit'));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
      let newline: number;
      while ((newline = received.indexOf('\n')) >= 0) {
        const line = received.slice(0, newline).trim();
        received = received.slice(newline + 1);
        let message: { QMP?: unknown; return?: unknown; error?: unknown };
        try {
          message = JSON.parse(line) as typeof message;
        } catch {
          continue;
        }
        if (message.error !== undefined) return finish(false);
        if (stage === 'greeting' && message.QMP !== undefined) {
          stage = 'capabilities';
          socket.write('{"execute":"qmp_capabilities"}\n');
        } else if (stage === 'capabilities' && message.return !== undefined) {
          stage = 'quit';
          socket.write('{"execute":"quit"}\n');
        } else if (stage === 'quit' && message.return !== undefined) {
          return finish(true);
        }
      }
    });
  });
}
