// RFC 5424 as a collector reads it: `<PRI>VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP
// STRUCTURED-DATA [SP MSG]`. Written apart from Airlock's own formatter (the sandbox shares no code with the
// app), so a mistake on one side shows up as a refusal here. Nil values (`-`) become null. Structured data
// is `[SD-ID *(SP NAME="VALUE")]` repeated; in values `\"`, `\\` and `\]` are escapes and any other
// backslash stays. A message that starts with a UTF-8 BOM says it is UTF-8; the BOM is dropped.
// Never throws: anything that is not a message is a refusal in words.

export interface SyslogMessage {
  readonly facility: number;
  readonly severity: number;
  readonly version: number;
  readonly timestamp: string | null;
  readonly hostname: string | null;
  readonly appName: string | null;
  readonly procId: string | null;
  readonly msgId: string | null;
  /** SD-ID → its parameters (a parameter named twice keeps the last value). */
  readonly structuredData: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly msg: string;
  /** The message started with a BOM (it declared itself UTF-8). */
  readonly bom: boolean;
}

export type ParsedSyslog = { readonly ok: true; readonly message: SyslogMessage } | { readonly ok: false; readonly error: string };

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2})$/;
const PRINTUSASCII = /^[\x21-\x7e]+$/;
const SD_NAME = /^[\x21-\x7e]{1,32}$/;
const BOM = '\u{FEFF}';

class Refusal extends Error {}

function refuse(words: string): never {
  throw new Refusal(words);
}

/** Reads the header field at `text[at]` up to the next space: its value (null for `-`) and where it ends. */
function field(text: string, at: number, name: string, max: number): { value: string | null; end: number } {
  const end = text.indexOf(' ', at);
  if (end < 0) refuse(`the header ends before ${name} (RFC 5424 needs PRI, VERSION and six fields)`);
  const value = text.slice(at, end);
  if (value.length === 0 || value.length > max || !PRINTUSASCII.test(value)) refuse(`${name} must be 1–${max} printable ASCII characters or '-'`);
  return { value: value === '-' ? null : value, end: end + 1 };
}

function sdName(text: string, at: number, stops: string): { name: string; end: number } {
  let end = at;
  while (end < text.length && !stops.includes(text[end]!)) end += 1;
  const name = text.slice(at, end);
  if (!SD_NAME.test(name) || /[="\]]/.test(name)) refuse(`the structured data has a bad name '${name.slice(0, 40)}'`);
  return { name, end };
}

function paramValue(text: string, at: number): { value: string; end: number } {
  if (text[at] !== '"') refuse('the structured data has a parameter value without quotes');
  let value = '';
  let i = at + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') return { value, end: i + 1 };
    if (c === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\' || text[i + 1] === ']')) {
      value += text[i + 1];
      i += 2;
    } else {
      value += c;
      i += 1;
    }
  }
  return refuse('the structured data has a parameter value that never ends');
}

function structuredData(text: string, at: number): { data: Record<string, Record<string, string>>; end: number } {
  if (text[at] === '-') return { data: {}, end: at + 1 };
  if (text[at] !== '[') refuse("the structured data must be '-' or start with '['");
  const data: Record<string, Record<string, string>> = {};
  let i = at;
  while (text[i] === '[') {
    const id = sdName(text, i + 1, ' ]');
    const params: Record<string, string> = {};
    i = id.end;
    while (text[i] === ' ') {
      const name = sdName(text, i + 1, '=');
      if (text[name.end] !== '=') refuse('the structured data has a parameter without =');
      const value = paramValue(text, name.end + 1);
      params[name.name] = value.value;
      i = value.end;
    }
    if (text[i] !== ']') refuse('the structured data has an element that is not closed with ]');
    data[id.name] = params;
    i += 1;
  }
  return { data, end: i };
}

function parse(text: string): SyslogMessage {
  const pri = /^<(\d{1,3})>/.exec(text);
  if (!pri || Number(pri[1]) > 191) refuse('the message does not start with a PRI (<0> to <191>)');
  const priority = Number(pri[1]);
  let at = pri[0].length;
  const version = /^([1-9]\d{0,2}) /.exec(text.slice(at, at + 4));
  if (!version || version[1] !== '1') refuse('the message is not syslog version 1 (RFC 5424)');
  at += version[0].length;
  const timestamp = field(text, at, 'TIMESTAMP', 64);
  if (timestamp.value !== null && !TIMESTAMP.test(timestamp.value)) refuse(`the timestamp '${timestamp.value.slice(0, 40)}' is not an RFC 3339 time`);
  const hostname = field(text, timestamp.end, 'HOSTNAME', 255);
  const appName = field(text, hostname.end, 'APP-NAME', 48);
  const procId = field(text, appName.end, 'PROCID', 128);
  const msgId = field(text, procId.end, 'MSGID', 32);
  const sd = structuredData(text, msgId.end);
  if (sd.end < text.length && text[sd.end] !== ' ') refuse('the structured data is not followed by a space');
  let msg = sd.end < text.length ? text.slice(sd.end + 1) : '';
  const bom = msg.startsWith(BOM);
  if (bom) msg = msg.slice(BOM.length);
  return {
    facility: Math.floor(priority / 8),
    severity: priority % 8,
    version: 1,
    timestamp: timestamp.value,
    hostname: hostname.value,
    appName: appName.value,
    procId: procId.value,
    msgId: msgId.value,
    structuredData: sd.data,
    msg,
    bom,
  };
}

export function parseSyslogMessage(frame: Buffer): ParsedSyslog {
  try {
    return { ok: true, message: parse(frame.toString('utf8')) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.message };
    return { ok: false, error: 'the message could not be read' };
  }
}
