const VOID_ELEMENTS = new Set(
  'area base br col embed hr img input link meta param source track wbr'.split(' '),
);

/** Elements whose content is not prose and is never sent for translation. */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'code', 'pre']);

export interface HtmlToken {
  kind: 'tag' | 'text';
  value: string;
  /** Offset of the token in the source. */
  start: number;
  /** Lower-case element name, for tags. */
  name?: string;
  closing?: boolean;
  /** A void element or one written `<x/>`: it opens nothing. */
  selfClosing?: boolean;
}

/** End of a tag that starts at `start`, skipping `>` inside quoted attribute values. */
function tagEnd(html: string, start: number): number {
  if (html.startsWith('<!--', start)) {
    const end = html.indexOf('-->', start + 4);
    return end === -1 ? html.length : end + 3;
  }
  let quote: string | undefined;
  for (let index = start + 1; index < html.length; index += 1) {
    const char = html[index];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      return index + 1;
    }
  }
  return html.length;
}

function describeTag(value: string, start: number): HtmlToken {
  const match = /^<(\/?)([a-zA-Z][\w:-]*)/.exec(value);
  if (!match) return { kind: 'tag', value, start };
  const name = (match[2] ?? '').toLowerCase();
  return {
    kind: 'tag',
    value,
    start,
    name,
    closing: match[1] === '/',
    selfClosing: VOID_ELEMENTS.has(name) || value.endsWith('/>'),
  };
}

/** Splits HTML into tags (comments and doctypes included) and the text between them. */
export function tokenizeHtml(html: string): HtmlToken[] {
  const tokens: HtmlToken[] = [];
  let position = 0;
  while (position < html.length) {
    const open = html.indexOf('<', position);
    const isTag = open !== -1 && /[a-zA-Z/!?]/.test(html[open + 1] ?? '');
    if (open === -1 || !isTag) {
      const next = open === -1 ? html.length : open + 1;
      const last = tokens.at(-1);
      if (last?.kind === 'text') last.value += html.slice(position, next);
      else tokens.push({ kind: 'text', value: html.slice(position, next), start: position });
      position = next;
      continue;
    }

    if (open > position) {
      const last = tokens.at(-1);
      if (last?.kind === 'text') last.value += html.slice(position, open);
      else tokens.push({ kind: 'text', value: html.slice(position, open), start: position });
    }
    const end = tagEnd(html, open);
    tokens.push(describeTag(html.slice(open, end), open));
    position = end;
  }
  return tokens;
}

/**
 * Offsets where HTML may be cut into separately translated pieces: in text
 * outside every element, or right after a top-level element closes. A cut
 * inside an element would send a provider half an element.
 */
export function topLevelSplitPoints(html: string): Set<number> {
  const points = new Set<number>();
  let depth = 0;
  for (const token of tokenizeHtml(html)) {
    if (token.kind === 'text') {
      if (depth === 0) {
        for (let offset = token.start; offset <= token.start + token.value.length; offset += 1) {
          points.add(offset);
        }
      }
      continue;
    }
    if (token.name === undefined || token.selfClosing) {
      if (depth === 0) points.add(token.start + token.value.length);
      continue;
    }
    depth = token.closing ? Math.max(0, depth - 1) : depth + 1;
    if (depth === 0) points.add(token.start + token.value.length);
  }
  return points;
}

/**
 * Problems with the tags of a translated HTML text: elements the provider
 * dropped or added, and closing tags that do not match the open element.
 * An empty list means every tag survived and, when the source was balanced,
 * so is the translation.
 */
export function checkHtmlTags(source: string, translated: string): string[] {
  const problems: string[] = [];
  const count = (html: string) => {
    const counts = new Map<string, number>();
    for (const token of tokenizeHtml(html)) {
      if (token.name === undefined) continue;
      const key = `<${token.closing ? '/' : ''}${token.name}>`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  };

  const before = count(source);
  const after = count(translated);
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const expected = before.get(key) ?? 0;
    const actual = after.get(key) ?? 0;
    if (expected !== actual) {
      problems.push(
        `${key} appears ${expected} times in the source and ${actual} in the translation`,
      );
    }
  }

  if (balanceProblems(source).length === 0) problems.push(...balanceProblems(translated));
  return problems;
}

/** Closing tags that do not match the open element, and elements never closed. */
function balanceProblems(html: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  for (const token of tokenizeHtml(html)) {
    if (token.name === undefined || token.selfClosing) continue;
    if (!token.closing) {
      open.push(token.name);
    } else if (open.at(-1) === token.name) {
      open.pop();
    } else {
      problems.push(`</${token.name}> closes <${open.at(-1) ?? 'nothing'}>`);
      const index = open.lastIndexOf(token.name);
      if (index !== -1) open.length = index;
    }
  }
  if (open.length > 0) problems.push(`<${open.join('>, <')}> left open`);
  return problems;
}

/** Whether a text token lies inside an element whose content must stay as it is. */
export function rawTextMask(tokens: readonly HtmlToken[]): boolean[] {
  const stack: string[] = [];
  return tokens.map((token) => {
    if (token.kind === 'text') return stack.some((name) => RAW_TEXT_ELEMENTS.has(name));
    if (token.name !== undefined && !token.selfClosing) {
      if (!token.closing) stack.push(token.name);
      else if (stack.at(-1) === token.name) stack.pop();
    }
    return false;
  });
}
