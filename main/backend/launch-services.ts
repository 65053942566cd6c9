// The backend's view of the launch path: the toolchain doctor, the targets it enables, and the run configurations.
import type { SharedServices } from './request-handlers';
import { MiradorError } from '../services/mirador-error';

type LaunchServices = Pick<SharedServices, 'doctor' | 'targets' | 'runConfigurations'>;

export function launchServices(): LaunchServices {
  const pending = () => Promise.reject(new MiradorError('unavailable', 'This part of Mirador is still being wired; update Mirador.'));
  return { doctor: pending, targets: pending, runConfigurations: pending };
}
