// Debug part of the contract: DAP sessions with the Mirador debug adapter, whose messages are relayed unchanged.

/** A DAP message (request, response or event) as the Debug Adapter Protocol defines it; relayed as is. */
export interface DapMessage {
  seq: number;
  type: 'request' | 'response' | 'event';
  [key: string]: unknown;
}

export interface DebugSessionInfo {
  sessionId: number;
}

export interface DebugSendParams {
  sessionId: number;
  message: DapMessage;
}

export interface DebugMessageEvent {
  sessionId: number;
  message: DapMessage;
}

export interface DebugSessionEndEvent {
  sessionId: number;
  /** Why the adapter process ended, when it was not a normal end (e.g. it crashed). */
  reason?: string;
}
