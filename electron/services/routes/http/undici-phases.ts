// A request's send, first-byte and end times from undici's diagnostics channels (undici:client:sendHeaders,
// undici:request:headers, undici:request:trailers), for the data-plane timing phases. The channels are process
// wide (Node's own fetch publishes on them too), so only sockets this module was told about count: each pool
// slot registers its TLS socket, with the marks of the request that holds the slot now. Reads times only:
// never a header value, a body or a token (the sendHeaders message carries the request's headers: not kept).
import diagnostics from 'node:diagnostics_channel';

/** One request's moments on the caller's clock; each stays undefined until undici reports it. */
export interface RequestMarks {
  /** undici started writing the request (its headers, then the body). */
  sentAt?: number;
  /** The response's headers were parsed: time to first byte ends here. */
  headersAt?: number;
  /** The response's body was fully received (trailers: the end of the message). */
  doneAt?: number;
}

/** Where a socket's current request's marks go, and the clock to stamp them with. */
export interface SocketMarks {
  /** The marks of the request using the socket now (the slot swaps them per request). */
  current(): RequestMarks | null;
  readonly now: () => number;
}

const sockets = new WeakMap<object, SocketMarks>();
/** undici's request objects of our sockets, bound at sendHeaders to the marks they fill. */
const requests = new WeakMap<object, { marks: RequestMarks; now: () => number }>();
let subscribed = false;

interface SendHeadersMessage {
  readonly request: object;
  readonly socket: object;
}
interface RequestMessage {
  readonly request: object;
}

function onSendHeaders(message: unknown): void {
  const { request, socket } = message as SendHeadersMessage;
  const owner = sockets.get(socket);
  const marks = owner?.current();
  if (!owner || !marks) return;
  marks.sentAt = owner.now();
  requests.set(request, { marks, now: owner.now });
}

function onHeaders(message: unknown): void {
  const bound = requests.get((message as RequestMessage).request);
  if (bound && bound.marks.headersAt === undefined) bound.marks.headersAt = bound.now();
}

function onTrailers(message: unknown): void {
  const { request } = message as RequestMessage;
  const bound = requests.get(request);
  if (!bound) return;
  bound.marks.doneAt = bound.now();
  requests.delete(request);
}

/** Subscribes once per process; the handlers do a WeakMap lookup and nothing for sockets not registered. */
function subscribe(): void {
  if (subscribed) return;
  subscribed = true;
  diagnostics.subscribe('undici:client:sendHeaders', onSendHeaders);
  diagnostics.subscribe('undici:request:headers', onHeaders);
  diagnostics.subscribe('undici:request:trailers', onTrailers);
}

/** Registers a socket a pool slot opened: requests undici writes on it fill that slot's current marks. */
export function watchSocket(socket: object, owner: SocketMarks): void {
  subscribe();
  sockets.set(socket, owner);
}
