// Which files are packet captures: they open in the Packets panel rather than the text editor.

const CAPTURE_EXTENSIONS = /\.(pcap|pcapng|cap)$/i;

export function isCaptureFile(path: string): boolean {
  return CAPTURE_EXTENSIONS.test(path);
}
