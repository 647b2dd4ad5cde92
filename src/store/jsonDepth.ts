// The deepest nesting of arrays and objects in a JSON text, found by one pass over its characters. A manifest
// nests six levels at most; a downloaded one nested 100 000 levels deep parses fine but overflows the stack of
// any recursive code that later touches it (validation messages, String(), structuredClone).

export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}
