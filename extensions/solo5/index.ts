// Entry of the Solo5 extension: the `hvt` and `spt` targets.
import type { TargetProvider } from '../../main/api/target-provider-api';
import { solo5Target } from './solo5-target';

export const targets: TargetProvider[] = [solo5Target('hvt'), solo5Target('spt')];
