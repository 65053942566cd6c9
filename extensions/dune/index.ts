// Node entry of the Dune extension: the `dune` build system for OCaml projects with a dune-project file.
import type { ExtensionModule } from '../../main/api/target-provider-api';
import { duneBuildSystem } from './dune-build-system';

export const buildSystems: NonNullable<ExtensionModule['buildSystems']> = [duneBuildSystem];
