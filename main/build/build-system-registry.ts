// The build systems extensions contribute, in order of preference, and which of them apply to a folder.
import type { BuildSystemProvider } from '../api/build-protocol';
import type { ExtensionModule } from '../api/target-provider-api';
import * as duneExtension from '../../extensions/dune/index';
import * as makeExtension from '../../extensions/make/index';
import * as mirageExtension from '../../extensions/mirage/index';

/**
 * Built-in extensions are imported statically so they are bundled into out/main; listed most specific first: a MirageOS
 * project also has a dune-project and (once configured) a Makefile, and a dune project may carry a Makefile of shortcuts.
 */
const BUILTIN_EXTENSIONS: readonly ExtensionModule[] = [mirageExtension, duneExtension, makeExtension];

export class BuildSystemRegistry {
  constructor(private readonly providers: readonly BuildSystemProvider[]) {}

  static builtin(): BuildSystemRegistry {
    return new BuildSystemRegistry(BUILTIN_EXTENSIONS.flatMap((extension) => extension.buildSystems ?? []));
  }

  all(): readonly BuildSystemProvider[] {
    return this.providers;
  }

  get(id: string): BuildSystemProvider | undefined {
    return this.providers.find((provider) => provider.id === id);
  }

  /** The build systems that apply to `folder`, preferred first; empty when none does. */
  async detect(folder: string): Promise<BuildSystemProvider[]> {
    const applies = await Promise.all(this.providers.map((provider) => provider.detect(folder).catch(() => false)));
    return this.providers.filter((_, index) => applies[index]);
  }
}
