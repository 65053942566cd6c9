// Parses `solo5-elftool query-manifest IMAGE`: the devices a Solo5 unikernel declares and expects to be attached.

export type Solo5DeviceType = 'NET_BASIC' | 'BLOCK_BASIC';

export interface Solo5Device {
  name: string;
  type: Solo5DeviceType;
}

/**
 * The tool prints (Solo5 elftool.c, elftool_query_mft):
 * `{ "type": "solo5.manifest", "version": 1, "devices": [ { "name": "service", "type": "NET_BASIC" } ] }`
 * pretty-printed one device per line. Throws when the text is not such a manifest.
 */
export function parseSolo5Manifest(text: string, image: string): Solo5Device[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`solo5-elftool printed something other than a manifest for ${image}: ${text.trim().slice(0, 120) || '(nothing)'}`);
  }
  const manifest = json as { type?: unknown; version?: unknown; devices?: unknown };
  if (typeof json !== 'object' || json === null || manifest.type !== 'solo5.manifest' || !Array.isArray(manifest.devices)) {
    throw new Error(`solo5-elftool printed JSON that is not a Solo5 manifest for ${image} (expected "type": "solo5.manifest" and a "devices" list).`);
  }
  if (manifest.version !== 1) {
    throw new Error(`${image} has a Solo5 manifest of version ${String(manifest.version)}; Mirador reads version 1: update Mirador or rebuild with Solo5 0.6 or later.`);
  }
  return manifest.devices.map((device: unknown, index) => {
    const { name, type } = (device ?? {}) as { name?: unknown; type?: unknown };
    if (typeof name !== 'string' || name === '') throw new Error(`The manifest of ${image} has a device without a name (devices[${index}]).`);
    if (type !== 'NET_BASIC' && type !== 'BLOCK_BASIC') {
      throw new Error(`The manifest of ${image} declares device "${name}" of type ${String(type)}, which Mirador cannot attach yet (it knows NET_BASIC and BLOCK_BASIC).`);
    }
    return { name, type };
  });
}
