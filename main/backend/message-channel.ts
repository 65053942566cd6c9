// A message channel (WebSocket, Electron MessagePort) as vscode-jsonrpc's reader and writer: one JSON-RPC message per frame.
import { AbstractMessageReader, AbstractMessageWriter, type DataCallback, type Disposable, type Message } from 'vscode-jsonrpc/node';

/** The least a transport must offer: send a text frame, deliver text frames, report its end. */
export interface TextMessageChannel {
  send(text: string): void;
  onMessage(listener: (text: string) => void): void;
  onClose(listener: () => void): void;
}

export class ChannelMessageReader extends AbstractMessageReader {
  private callback: DataCallback | undefined;
  private readonly pending: Message[] = [];

  constructor(channel: TextMessageChannel) {
    super();
    channel.onMessage((text) => {
      let message: Message;
      try {
        message = JSON.parse(text) as Message;
      } catch (error) {
        this.fireError(new Error(`Dropped a frame that is not JSON: ${(error as Error).message}`));
        return;
      }
      if (this.callback) this.callback(message);
      else this.pending.push(message);
    });
    channel.onClose(() => this.fireClose());
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    for (const message of this.pending.splice(0)) callback(message);
    return { dispose: () => (this.callback = undefined) };
  }
}

export class ChannelMessageWriter extends AbstractMessageWriter {
  constructor(private readonly channel: TextMessageChannel) {
    super();
  }

  async write(message: Message): Promise<void> {
    try {
      this.channel.send(JSON.stringify(message));
    } catch (error) {
      this.fireError([error as Error, message, undefined]);
    }
  }

  end(): void {}
}
