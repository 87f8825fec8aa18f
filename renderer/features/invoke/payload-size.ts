// The payload's size as main counts it (UTF-8 bytes), checked against the policy's limit before anything else
// happens to it (a file is refused before it is read into the editor; Send is refused before it leaves).

const encoder = new TextEncoder();

export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

export interface SizeCheck {
  readonly bytes: number;
  readonly limitBytes: number;
  readonly over: boolean;
}

export function checkSize(bytes: number, limitBytes: number): SizeCheck {
  return { bytes, limitBytes, over: bytes > limitBytes };
}

/** 1,234 B / 12.3 KB / 4.5 MB — binary units, as the limit is usually set (1 MiB = 1,048,576). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes.toLocaleString('en-US')} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function sizeWords(check: SizeCheck): string {
  return `${formatBytes(check.bytes)} of ${formatBytes(check.limitBytes)}${check.over ? ' — over the limit' : ''}`;
}
