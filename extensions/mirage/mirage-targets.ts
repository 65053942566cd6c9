// How MirageOS names its images per target (`mirage configure -t T` puts `dist/<name><suffix>`), and Mirador's ids for them.

/** Image suffix per MirageOS target; unix and macosx build a plain executable. */
export const IMAGE_SUFFIX: Record<string, string> = {
  unix: '',
  macosx: '',
  hvt: '.hvt',
  spt: '.spt',
  virtio: '.virtio',
  xen: '.xen',
  qubes: '.xen',
  muen: '.muen',
  genode: '.genode',
  'unikraft-qemu': '.qemu',
  'unikraft-firecracker': '.fc',
};

/** Mirador target ids that are not MirageOS targets, with what to pick instead. */
const NOT_MIRAGE: Record<string, string> = {
  qemu: 'MirageOS has no "qemu" target: build with --target virtio (QEMU boots .virtio images) or --target hvt',
};

/** The MirageOS target for a Mirador target id; MirageOS itself defaults to unix. */
export function mirageTarget(target: string | undefined): string {
  const chosen = target ?? 'unix';
  const why = NOT_MIRAGE[chosen];
  if (why !== undefined) throw new Error(why);
  if (!(chosen in IMAGE_SUFFIX)) throw new Error(`MirageOS has no "${chosen}" target; use one of ${Object.keys(IMAGE_SUFFIX).join(', ')}`);
  return chosen;
}
