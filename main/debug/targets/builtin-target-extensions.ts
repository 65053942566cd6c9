// The extensions whose targets ship inside Mirador: imported statically so electron-vite bundles them into out/main.
import type { ExtensionModule } from '../../api/target-provider-api';
import * as qemu from '../../../extensions/qemu/index';
import qemuManifest from '../../../extensions/qemu/package.json';
import * as solo5 from '../../../extensions/solo5/index';
import solo5Manifest from '../../../extensions/solo5/package.json';
import * as unix from '../../../extensions/unix/index';
import unixManifest from '../../../extensions/unix/package.json';
import * as xen from '../../../extensions/xen/index';
import xenManifest from '../../../extensions/xen/package.json';

/** One extension's contribution of targets: its manifest's name and declared ids, and its loaded Node entry. */
export interface TargetExtension {
  name: string;
  /** `contributes.targets` of the manifest: what the extension promises, checked against what its module exports. */
  declaredTargets: string[];
  module: ExtensionModule;
}

/**
 * Third-party extensions will join here later: read `extensions/<name>/package.json`, `await import()` its built `.js`
 * `main` (a file URL under the extension folder), and hand the same TargetExtension shape to TargetRegistry.
 */
export const BUILTIN_TARGET_EXTENSIONS: TargetExtension[] = [
  { name: qemuManifest.name, declaredTargets: qemuManifest.contributes.targets, module: qemu },
  { name: solo5Manifest.name, declaredTargets: solo5Manifest.contributes.targets, module: solo5 },
  { name: xenManifest.name, declaredTargets: xenManifest.contributes.targets, module: xen },
  { name: unixManifest.name, declaredTargets: unixManifest.contributes.targets, module: unix },
];
