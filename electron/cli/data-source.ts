// `--data <file|->`: the request body for `airlock invoke`, from a file or standard input, read whole up to the
// contract's bound (64 MiB) so a huge file is refused in words rather than read into memory. The policy's own
// size limit is main's to apply (E_PAYLOAD_TOO_LARGE from endpoint.score); this is only the transport's bound.
import { open } from 'node:fs/promises';
import path from 'node:path';
import { AirlockError } from '../../shared/errors/airlock-error';
import { inert } from './inert';

export const DATA_LIMIT_BYTES = 64 * 1024 * 1024;

function tooLarge(bytes: number): AirlockError {
  return new AirlockError('E_PAYLOAD_TOO_LARGE', {
    message: `The request body is larger than Airlock can send (${DATA_LIMIT_BYTES} bytes), so it did not read it.`,
    details: { bytes, limitBytes: DATA_LIMIT_BYTES },
  });
}

async function readStdin(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk);
    bytes += buffer.length;
    if (bytes > DATA_LIMIT_BYTES) throw tooLarge(bytes);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function readData(source: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  if (source === '-') return readStdin(stdin);
  const file = path.resolve(source);
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    throw new AirlockError('E_NOT_FOUND', { message: `Airlock could not open the request body file ${inert(file, 300)}.`, hint: "Check the path, or give '-' to read the body from standard input." });
  }
  try {
    const { size } = await handle.stat();
    if (size > DATA_LIMIT_BYTES) throw tooLarge(size);
    return (await handle.readFile()).toString('utf8');
  } catch (thrown) {
    if (thrown instanceof AirlockError) throw thrown;
    throw new AirlockError('E_BAD_REQUEST', { message: `Airlock could not read the request body from ${inert(file, 300)} (is it a folder?).`, hint: 'Give a file with the JSON body.' });
  } finally {
    await handle.close();
  }
}
