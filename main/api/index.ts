// Entry to the contract: re-exports every protocol file so both sides import from one place.
export * from './contract';
export * from './errors';
export * from './workspace-protocol';
export * from './terminal-protocol';
export * from './extension-protocol';
export * from './host-protocol';
export * from './channels';
export * from './toolchain-protocol';
export * from './launch-protocol';
export * from './target-provider-api';
export * from './build-protocol';
export * from './debug-protocol';
export * from './display-filter-protocol';
export * from './packets-protocol';
export * from './project-protocol';
export * from './notebook-outputs';
export * from './notebook-protocol';
