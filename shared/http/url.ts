export type QueryValue = string | number | boolean | undefined | null;
/** Query parameters; an array repeats the key (`a=1&a=2`), undefined and null are left out. */
export type QueryParams = Record<string, QueryValue | readonly QueryValue[]>;

/**
 * Joins a configured base URL and a path written in code. The result must
 * keep the base URL's origin: a path such as `//evil.example` or
 * `https://evil.example` is rejected, so nothing a tool receives can send
 * the request to another host. Query values are encoded, never parsed.
 */
export function buildUrl(baseUrl: string, path: string, query: QueryParams = {}): URL {
  const base = new URL(baseUrl);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new Error(`Base URL must use http or https, not ${base.protocol}`);
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//') || path.includes('\\')) {
    throw new Error(`Request path must be relative to the base URL: ${path}`);
  }

  const prefix = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  const url = new URL(base.origin);
  url.pathname = `${prefix}${path.replace(/^\/+/, '')}`;
  if (url.origin !== base.origin) {
    throw new Error(`Request path leaves the base URL's host: ${path}`);
  }

  for (const [key, value] of Object.entries(query)) {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values as readonly QueryValue[]) {
      if (item !== undefined && item !== null) url.searchParams.append(key, String(item));
    }
  }
  return url;
}

/** Formats the URL without its query string, which is safe to log even when the query carries an API key. */
export function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}
