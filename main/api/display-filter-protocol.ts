// Display filter checking: compile a filter without applying it, so the filter bar can turn green or red as the user types.

export interface DisplayFilterCheckParams {
  filter: string;
}

/** `column` is 1-based: where the mistake is, for the filter bar to mark. */
export type DisplayFilterCheckResult = { ok: true } | { ok: false; message: string; column: number };
