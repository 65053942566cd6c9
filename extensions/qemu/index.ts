// Entry of the QEMU extension: the generic `qemu` target and Solo5's `virtio` target, both run by qemu-system-x86_64.
import type { TargetProvider } from '../../main/api/target-provider-api';
import { qemuTarget } from './qemu-target';
import { virtioTarget } from './virtio-target';

export const targets: TargetProvider[] = [qemuTarget, virtioTarget];
