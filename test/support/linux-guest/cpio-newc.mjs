// Writes a cpio archive in the "newc" format the Linux kernel unpacks as an initramfs: directories, files, symlinks, devices.

const TYPE_BITS = { directory: 0o040000, file: 0o100000, symlink: 0o120000, 'char-device': 0o020000 };

function pad4(length) {
  return Buffer.alloc((4 - (length % 4)) % 4);
}

function record(inode, mode, data, name, rdev = { major: 0, minor: 0 }) {
  const nameBytes = Buffer.from(`${name}\0`, 'utf8');
  const fields = [inode, mode, 0, 0, 1, 0, data.length, 0, 0, rdev.major, rdev.minor, nameBytes.length, 0];
  const header = Buffer.from(`070701${fields.map((field) => field.toString(16).padStart(8, '0')).join('')}`, 'ascii');
  return [header, nameBytes, pad4(header.length + nameBytes.length), data, pad4(data.length)];
}

/** Paths are relative to the archive root ("init", "bin/busybox"); parents must come before their children. */
export function encodeCpioNewc(entries) {
  const parts = [];
  entries.forEach((entry, index) => {
    const inode = index + 1;
    switch (entry.kind) {
      case 'directory':
        parts.push(...record(inode, TYPE_BITS.directory | (entry.mode ?? 0o755), Buffer.alloc(0), entry.path));
        break;
      case 'file':
        parts.push(...record(inode, TYPE_BITS.file | (entry.mode ?? 0o644), entry.data, entry.path));
        break;
      case 'symlink':
        parts.push(...record(inode, TYPE_BITS.symlink | 0o777, Buffer.from(entry.target, 'utf8'), entry.path));
        break;
      case 'char-device':
        parts.push(...record(inode, TYPE_BITS['char-device'] | (entry.mode ?? 0o600), Buffer.alloc(0), entry.path, entry));
        break;
      default:
        throw new Error(`unknown cpio entry kind ${entry.kind}`);
    }
  });
  parts.push(...record(0, 0, Buffer.alloc(0), 'TRAILER!!!'));
  return Buffer.concat(parts);
}
