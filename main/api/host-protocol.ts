// Host part of the contract: what differs between the Electron window and a browser tab, asked for, never guessed.

export interface HostInfo {
  /** Product version, shown in the status bar and About. */
  version: string;
  /** Whether `host/pickFolder` opens a native dialog; when false the UI asks for a path instead. */
  nativeFolderPicker: boolean;
  /** The backend's platform (`linux`, `darwin`, `win32`): key labels and path hints follow it. */
  platform: string;
}

export interface PickFolderResult {
  /** Absolute folder chosen, or null when the user cancelled. */
  path: string | null;
}

export interface OutputAppendEvent {
  /** Output channel, e.g. `Mirador`, `Extensions`; later issues add `Build`. */
  channel: string;
  text: string;
}
