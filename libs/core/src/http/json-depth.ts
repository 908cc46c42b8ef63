/**
 * How deeply the JSON text in `bytes` nests, counted without parsing it, stopping as soon as it
 * passes `limit`. A linear scan over the raw bytes: brackets inside strings (and escaped quotes)
 * do not count. Used before `JSON.parse`, whose cost on a body of nothing but `[[[[…` is what an
 * attacker would otherwise buy with one small request.
 *
 * Returns the deepest level reached, or `limit + 1` when the text nests deeper than `limit`.
 * Malformed text is not judged here: the parser that follows reports it.
 */
export function jsonNestingDepth(bytes: Uint8Array, limit: number): number {
  const OPEN_ARRAY = 0x5b;
  const CLOSE_ARRAY = 0x5d;
  const OPEN_OBJECT = 0x7b;
  const CLOSE_OBJECT = 0x7d;
  const QUOTE = 0x22;
  const BACKSLASH = 0x5c;
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth--;
    }
  }
  return deepest;
}
