/**
 * Two small non-cryptographic hashes over a text's UTF-8 bytes: FNV-1a picks a learner's variant (the same in the
 * page, the worker and node), CRC-32 is a result URL's `k=`, which catches a paste that lost or changed characters.
 * Neither is a signature: anything shipped to the browser is public (teaching-embed.md §2.7).
 */

const encoder = new TextEncoder();

/** 32-bit FNV-1a of the text's UTF-8 bytes, as an unsigned number. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(text)) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash >>> 0;
}

let table: Uint32Array | null = null;

function crcTable(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** IEEE CRC-32 of the text's UTF-8 bytes, as 8 lowercase hex characters. */
export function crc32Hex(text: string): string {
  const t = crcTable();
  let crc = 0xffffffff;
  for (const byte of encoder.encode(text)) crc = t[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return ((crc ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}
