// Records a real TLS ClientHello (OpenSSL's, through Node's tls) with a chosen SNI, for the guest to send with busybox nc.
import net from 'node:net';
import tls from 'node:tls';

/** @returns {Promise<Buffer>} one whole TLS record */
export async function recordClientHello(serverName) {
  const chunks = [];
  const server = net.createServer((socket) => {
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      const bytes = Buffer.concat(chunks);
      // One whole TLS record: 5-byte header plus its length.
      if (bytes.length >= 5 && bytes.length >= 5 + bytes.readUInt16BE(3)) socket.destroy();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => {
    const client = tls.connect({ host: '127.0.0.1', port, servername: serverName, rejectUnauthorized: false });
    client.on('error', () => resolve());
    client.on('close', () => resolve());
  });
  server.close();
  const bytes = Buffer.concat(chunks);
  return bytes.subarray(0, 5 + bytes.readUInt16BE(3));
}
