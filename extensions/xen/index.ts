// Entry of the Xen extension: the `xen` target.
import type { TargetProvider } from '../../main/api/target-provider-api';
import { xenTarget } from './xen-target';

export const targets: TargetProvider[] = [xenTarget];
