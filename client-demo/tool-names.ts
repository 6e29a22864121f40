/** Tool names every provider accepts: OpenAI and Anthropic both require this pattern. */
export const PROVIDER_TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

const MAX_LENGTH = 64;
const SEPARATOR = '__';

function sanitize(part: string): string {
  const cleaned = part.replace(/[^a-zA-Z0-9_-]+/g, '_').replace(/^_+|_+$/g, '');
  return cleaned === '' ? 'x' : cleaned;
}

/** Returns a short stable suffix, so two long names cut to the same prefix stay apart. */
function hashSuffix(text: string): string {
  let hash = 2166136261;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0).toString(36).padStart(7, '0').slice(0, 7);
}

function fit(name: string, original: string): string {
  if (name.length <= MAX_LENGTH) return name;
  const suffix = `_${hashSuffix(original)}`;
  return name.slice(0, MAX_LENGTH - suffix.length) + suffix;
}

export interface ToolKey {
  server: string;
  tool: string;
}

/**
 * Gives every tool of every server a `server__tool` name that matches
 * PROVIDER_TOOL_NAME. Characters outside the pattern become `_`, long names
 * are cut and end in a hash of the original, and a name taken twice gets
 * `_2`, `_3`... in the order the tools are given.
 */
export function qualifyToolNames(keys: readonly ToolKey[]): string[] {
  const usedNames = new Set<string>();
  return keys.map(({ server, tool }) => {
    const original = `${server}${SEPARATOR}${tool}`;
    const base = fit(`${sanitize(server)}${SEPARATOR}${sanitize(tool)}`, original);

    let candidate = base;
    for (let counter = 2; usedNames.has(candidate); counter += 1) {
      const suffix = `_${counter}`;
      candidate = base.slice(0, MAX_LENGTH - suffix.length) + suffix;
    }
    usedNames.add(candidate);
    return candidate;
  });
}
