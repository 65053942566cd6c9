// What an HTTP body adds to the columns, by its media type, as tshark 4.0's body dissectors do (checked type by type).

/** The Protocol column, the Info suffix and the filter name an HTTP body gives its frame. */
export interface HttpBodyColumns {
  protocol: 'HTTP' | 'HTTP/JSON' | 'HTTP/XML' | 'HTTP/SDP';
  /** Appended to HTTP's Info (the start line and a space): ` (text/html)`, `, JavaScript Object Notation (...)`, or ''. */
  infoSuffix: string;
  /** The body's protocol for display filters (`json`, `xml`, `sdp`), when Wireshark has a dissector for it. */
  filterName?: 'json' | 'xml' | 'sdp';
}

/**
 * What the first bytes of a body are, where an image dissector recognises them (it then names the format in Info).
 * GIF is not among them: tshark 4.0 shows even a well-formed GIF as `(image/gif)`.
 */
export type ImageSignature = 'png' | 'jfif';

/** Media types Wireshark's JSON dissector takes: Protocol HTTP/JSON, Info `, JavaScript Object Notation (type)`. */
const JSON_TYPES = new Set([
  'application/json',
  'application/json-rpc',
  'application/jsonrequest',
  'application/x-ndjson',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/problem+json',
  'application/senml+json',
  'application/vnd.oma.lwm2m+json',
  'application/dds-web+json',
]);

/** Media types Wireshark's XML dissector takes: Protocol HTTP/XML, nothing added to Info. Other +xml types are media. */
const XML_TYPES = new Set([
  'application/xml',
  'text/xml',
  'image/svg+xml',
  'application/soap+xml',
  'application/atom+xml',
  'application/rss+xml',
  'application/xslt+xml',
  'application/mathml+xml',
  'application/xml-dtd',
  'application/rdf+xml',
  'application/pidf+xml',
  'text/vnd.wap.wml',
]);

/** Bodies shown as data (octet-stream) or by dissectors that add nothing to Info (multipart parts, gRPC, CBOR, MIKEY). */
const SILENT_TYPES = new Set(['application/octet-stream', 'application/grpc', 'application/cbor', 'application/mikey']);

const IMAGE_NAMES: Record<ImageSignature, string> = { png: 'PNG', jfif: 'JPEG JFIF image' };
/** Which media type each image dissector is registered for. */
const IMAGE_TYPES: Record<ImageSignature, readonly string[]> = {
  png: ['image/png'],
  jfif: ['image/jpeg', 'image/jpg', 'image/pjpeg'],
};

/** `mediaType` lower case without parameters; `image` what the body's first bytes are, when they were seen. */
export function httpBodyColumns(mediaType: string, image?: ImageSignature): HttpBodyColumns {
  if (JSON_TYPES.has(mediaType)) return { protocol: 'HTTP/JSON', infoSuffix: `, JavaScript Object Notation (${mediaType})`, filterName: 'json' };
  if (XML_TYPES.has(mediaType)) return { protocol: 'HTTP/XML', infoSuffix: '', filterName: 'xml' };
  if (mediaType === 'application/sdp') return { protocol: 'HTTP/SDP', infoSuffix: '', filterName: 'sdp' };
  if (SILENT_TYPES.has(mediaType) || mediaType.startsWith('multipart/')) return { protocol: 'HTTP', infoSuffix: '' };
  if (image && IMAGE_TYPES[image].includes(mediaType)) return { protocol: 'HTTP', infoSuffix: ` (${IMAGE_NAMES[image]})` };
  // Everything else goes to a media dissector (line-based text for text/*) that names the type.
  return { protocol: 'HTTP', infoSuffix: ` (${mediaType})` };
}

/** The image format the bytes [at, end) start with, if one an image dissector recognises. */
export function imageSignatureAt(bytes: Uint8Array, at: number, end: number): ImageSignature | undefined {
  const has = (signature: readonly number[]) => end - at >= signature.length && signature.every((byte, index) => bytes[at + index] === byte);
  if (has([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  // JFIF's APP0 or Exif's APP1 right after the start of image (a bare SOI is left to the generic media dissector).
  if (has([0xff, 0xd8, 0xff, 0xe0]) || has([0xff, 0xd8, 0xff, 0xe1])) return 'jfif';
  return undefined;
}
