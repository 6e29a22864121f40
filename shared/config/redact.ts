const SECRET_QUERY_KEYS =
  /^(password|passwd|pwd|key|api[-_]?key|auth[-_]?key|token|secret|access[-_]?token)$/i;

/**
 * Hides the secret parts of a connection string or URL: the password of
 * `scheme://user:password@host` and query parameters named like keys.
 * Text that is not a URL is returned unchanged.
 */
export function redactUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text.replace(/(\/\/[^:/@\s]*:)[^@\s]*@/g, '$1***@');
  }

  if (url.password) url.password = '***';
  for (const key of [...url.searchParams.keys()]) {
    if (SECRET_QUERY_KEYS.test(key)) url.searchParams.set(key, '***');
  }
  return url.toString();
}

/** Replaces every occurrence of the given secrets inside a message. */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) result = result.split(secret).join('***');
  }
  return result;
}

/** Hides the password of every `scheme://user:password@` found inside free text. */
export function redactUrlsInText(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]+@/gi, '$1***@');
}
