// Entry of the unix extension: the `unix` target.
import type { TargetProvider } from '../../main/api/target-provider-api';
import { unixTarget } from './unix-target';

export const targets: TargetProvider[] = [unixTarget];
