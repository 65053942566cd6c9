// Node entry of the Make extension: the `make` build system for Makefile projects (C unikernels and the like).
import type { ExtensionModule } from '../../main/api/target-provider-api';
import { makeBuildSystem } from './make-build-system';

export const buildSystems: NonNullable<ExtensionModule['buildSystems']> = [makeBuildSystem];
