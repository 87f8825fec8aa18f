// A request the IdP read and rewrote (the Entra shims change a token or device-code form), handed on to
// oidc-provider as a fresh, unread message: same socket, method, URL and headers, the new body as its stream.
// Handing it the original, already-read request made oidc-provider fall back to `req.body` and warn once per
// process ("already parsed request body detected"), a line every `npm start` user saw and nobody needed.
import { IncomingMessage } from 'node:http';

export function replayedRequest(original: IncomingMessage, body: string): IncomingMessage {
  const replay = new IncomingMessage(original.socket);
  replay.method = original.method;
  replay.url = original.url;
  replay.httpVersion = original.httpVersion;
  replay.httpVersionMajor = original.httpVersionMajor;
  replay.httpVersionMinor = original.httpVersionMinor;
  replay.headers = { ...original.headers, 'content-length': String(Buffer.byteLength(body)) };
  replay.rawHeaders = [...original.rawHeaders];
  replay.push(Buffer.from(body, 'utf8'));
  replay.push(null);
  // The whole message is here: without this, Node takes the replay's end for an aborted request and
  // destroys the socket under the response.
  replay.complete = true;
  return replay;
}
