// Names of the transport channels and URLs that carry the contract, shared by the Electron shell, the server and the UI.

/** Electron: the IPC channel on which the main process hands the renderer its MessagePort. */
export const ELECTRON_PORT_CHANNEL = 'mirador:port';
/** Electron: the window message the preload posts to the page, carrying that port. */
export const ELECTRON_PORT_MESSAGE = 'mirador:port';
/** Electron: IPC channel for the native folder dialog. */
export const ELECTRON_PICK_FOLDER_CHANNEL = 'mirador:pickFolder';

/** Browser mode: the WebSocket path of the contract. */
export const WEBSOCKET_PATH = '/rpc';
/** Browser mode: the query parameter and cookie that carry the session token. */
export const TOKEN_QUERY_PARAM = 'token';
export const TOKEN_COOKIE = 'mirador-token';
