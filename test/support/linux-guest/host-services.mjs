// The host side of the test guest's traffic, on 127.0.0.1 (the guest reaches it as 10.0.2.2 through QEMU user networking):
// an HTTP server, a TCP sink for the TLS ClientHello, a UDP listener for ticks; each notes when it heard from the guest.
import dgram from 'node:dgram';
import http from 'node:http';
import net from 'node:net';

export const HTTP_BODY = 'hello from the host\n';

export async function startHostServices() {
  const heard = { http: [], tls: [], udp: [] };
  const httpServer = http.createServer((request, response) => {
    heard.http.push({ at: performance.now(), path: request.url });
    response.setHeader('Content-Type', 'text/plain');
    response.end(HTTP_BODY);
  });
  const tlsSink = net.createServer((socket) => {
    socket.on('data', (chunk) => heard.tls.push({ at: performance.now(), bytes: chunk.length }));
    // No TLS server answers: the capture shows a ClientHello, then the connection closing.
    socket.on('end', () => socket.end());
    socket.on('error', () => undefined);
  });
  const udp = dgram.createSocket('udp4');
  udp.on('message', (message) => heard.udp.push({ at: performance.now(), text: message.toString('utf8').trim() }));
  await Promise.all([
    new Promise((resolve) => httpServer.listen(0, '127.0.0.1', resolve)),
    new Promise((resolve) => tlsSink.listen(0, '127.0.0.1', resolve)),
    new Promise((resolve) => udp.bind(0, '127.0.0.1', resolve)),
  ]);
  return {
    httpPort: httpServer.address().port,
    tlsPort: tlsSink.address().port,
    udpPort: udp.address().port,
    heard,
    close: () => {
      httpServer.closeAllConnections?.();
      httpServer.close();
      tlsSink.close();
      udp.close();
    },
  };
}
