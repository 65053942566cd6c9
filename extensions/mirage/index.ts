// Node entry of the MirageOS extension: the `mirage` build system.
import type { ExtensionModule } from '../../main/api/target-provider-api';
import { mirageBuildSystem } from './mirage-build-system';

export const buildSystems: NonNullable<ExtensionModule['buildSystems']> = [mirageBuildSystem];
