// The targets contributed by extensions: lists them with their availability here, and plans launches through them.
import path from 'node:path';
import { MiradorErrorCode } from '../../api/errors';
import type { LaunchArguments, LaunchPlan, TargetInfo } from '../../api/launch-protocol';
import type { TargetHost, TargetProvider } from '../../api/target-provider-api';
import { MiradorError } from '../../services/mirador-error';
import { BUILTIN_TARGET_EXTENSIONS, type TargetExtension } from './builtin-target-extensions';

interface RegisteredTarget {
  provider: TargetProvider;
  extension: string;
}

/**
 * Providers throw a plain `Error` for what the user can fix (a missing kernel, an unattached device): its message is
 * for people, so it becomes a MiradorError. Anything else (TypeError...) is a bug and keeps its type.
 */
function asUserError(error: unknown): unknown {
  if (error instanceof Error && error.constructor === Error) return new MiradorError(MiradorErrorCode.invalidParams, error.message);
  return error;
}

export class TargetRegistry {
  private readonly targets = new Map<string, RegisteredTarget>();
  /** Contributions that were refused (duplicate ids, ids the manifest does not declare...), for the Extensions view. */
  readonly problems: string[] = [];

  constructor(extensions: TargetExtension[]) {
    for (const extension of extensions) {
      const exported = extension.module.targets ?? [];
      for (const provider of exported) {
        const where = `extensions/${extension.name}`;
        if (!extension.declaredTargets.includes(provider.id)) {
          this.problems.push(`${where}: exports target "${provider.id}" that package.json contributes.targets does not declare; ignored`);
          continue;
        }
        const taken = this.targets.get(provider.id);
        if (taken) {
          this.problems.push(`${where}: target "${provider.id}" is already contributed by extension "${taken.extension}"; ignored`);
          continue;
        }
        this.targets.set(provider.id, { provider, extension: extension.name });
      }
      for (const id of extension.declaredTargets) {
        if (!exported.some((provider) => provider.id === id)) {
          this.problems.push(`extensions/${extension.name}: package.json declares target "${id}" but its main module does not export it`);
        }
      }
    }
  }

  static builtin(): TargetRegistry {
    return new TargetRegistry(BUILTIN_TARGET_EXTENSIONS);
  }

  ids(): string[] {
    return [...this.targets.keys()];
  }

  get(id: string): TargetProvider | undefined {
    return this.targets.get(id)?.provider;
  }

  list(host: TargetHost): TargetInfo[] {
    return [...this.targets.values()].map(({ provider, extension }) => {
      const availability = provider.availability(host);
      const info: TargetInfo = { id: provider.id, label: provider.label, description: provider.description, available: availability.available, extension };
      if (!availability.available) {
        if (availability.reason !== undefined) info.reason = availability.reason;
        if (availability.fix !== undefined) info.fix = availability.fix;
      }
      return info;
    });
  }

  /** Checks the target is known and available and the image sound, then asks the provider for the plan. */
  async plan(launch: LaunchArguments, host: TargetHost): Promise<LaunchPlan> {
    const provider = this.get(launch.target);
    if (!provider) {
      const known = this.ids().join(', ');
      throw new MiradorError(MiradorErrorCode.invalidParams, `Unknown target "${String(launch.target)}": set "target" to one of ${known}.`);
    }
    const availability = provider.availability(host);
    if (!availability.available) {
      const fix = availability.fix ? ` Fix: ${availability.fix}` : '';
      throw new MiradorError(MiradorErrorCode.unavailable, `The ${provider.id} target is not available here: ${availability.reason ?? 'its provider says so'}.${fix}`);
    }
    if (!launch.kernel) {
      throw new MiradorError(MiradorErrorCode.invalidParams, `"kernel" is not set: point it at the image to boot with the ${provider.id} target.`);
    }
    try {
      const problem = await provider.validateImage(path.resolve(host.workspaceFolder, launch.kernel), host);
      if (problem !== null) throw new MiradorError(MiradorErrorCode.invalidParams, problem);
      return await provider.plan(launch, host);
    } catch (error) {
      throw asUserError(error);
    }
  }
}
