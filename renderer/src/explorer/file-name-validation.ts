// Checks a file or folder name typed by the user before it reaches the disk, with a message saying what is wrong.

export function validateEntryName(name: string, existing: ReadonlySet<string> = new Set()): string | null {
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'A file or folder name must be provided.';
  if (trimmed !== name) return 'Leading or trailing whitespace is not allowed in file names.';
  if (name.startsWith('/')) return 'Give a name relative to the folder, not an absolute path.';
  if (name.includes('\\')) return 'Use / to separate folders.';
  if (name.includes('\0')) return 'The name contains a NUL character.';
  if (name.split('/').some((part) => part === '..' || part === '.' || part === '')) return 'The name may not contain empty, "." or ".." parts.';
  if (existing.has(name)) return `A file or folder ${name} already exists at this location. Please choose a different name.`;
  return null;
}
