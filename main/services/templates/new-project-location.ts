// Where a project made from the welcome page goes: an absolute parent folder and one plain folder name, checked first.
import path from 'node:path';
import { MiradorErrorCode } from '../../api/errors';
import { PROJECT_NAME_MAX_LENGTH, PROJECT_NAME_PATTERN } from '../../api/project-protocol';
import { MiradorError } from '../mirador-error';

/** Why a project name cannot be used, in words for the form; null when it can. */
export function projectNameProblem(name: string): string | null {
  if (name === '') return 'Give the project a name, e.g. my-unikernel.';
  if (name.length > PROJECT_NAME_MAX_LENGTH) return `Keep the name under ${PROJECT_NAME_MAX_LENGTH} characters.`;
  if (name === '.' || name === '..') return 'Choose a real folder name, not "." or "..".';
  if (name.includes('/') || name.includes('\\')) return 'A name, not a path: choose the parent folder in the field above.';
  if (!PROJECT_NAME_PATTERN.test(name)) return 'Use letters, digits, ".", "-" and "_" only, starting with a letter, digit or "_".';
  return null;
}

/** The absolute project folder for a parent and a name, or an invalid-params error saying what to change. */
export function projectFolder(parent: string, name: string): string {
  if (!path.isAbsolute(parent)) {
    throw new MiradorError(MiradorErrorCode.invalidParams, `"${parent}" is not an absolute path; give the full path of the parent folder (it starts with /).`);
  }
  const problem = projectNameProblem(name);
  if (problem !== null) throw new MiradorError(MiradorErrorCode.invalidParams, problem);
  return path.join(path.resolve(parent), name);
}
