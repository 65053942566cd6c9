// Turns whatever a failed request rejected with into the sentence the panel shows.

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
