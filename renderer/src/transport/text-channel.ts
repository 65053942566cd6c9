// The renderer's view of a transport: text frames in and out, and an end. WebSocket and MessagePort both fit.

export interface RendererTextChannel {
  send(text: string): void;
  onMessage(listener: (text: string) => void): void;
  onClose(listener: () => void): void;
}
