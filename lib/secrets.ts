/**
 * Secrets (the WeCom robot's key, the SMTP password) never reach a page or a log: settings are
 * shown masked, and any text that could echo one (an error from a library) is scrubbed first.
 */

const MASK = "***";
const SECRET_PARAMS = /^(key|token|access_token|secret|password|pass|sign)$/i;

/** A URL with its password and secret-looking query values replaced by ***; unparseable text is hidden whole. */
export function maskUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return MASK;
  }
  if (url.password) url.password = MASK;
  for (const name of [...url.searchParams.keys()]) {
    if (SECRET_PARAMS.test(name)) url.searchParams.set(name, MASK);
  }
  // URLSearchParams escapes the mask; show it as typed
  return url.toString().replaceAll(encodeURIComponent(MASK), MASK);
}

/** The secret parts of a URL: its password and the values of secret-looking query parameters. */
export function secretsOfUrl(text: string): string[] {
  try {
    const url = new URL(text);
    const found = [decodeURIComponent(url.password), url.password];
    for (const [name, value] of url.searchParams) if (SECRET_PARAMS.test(name)) found.push(value, encodeURIComponent(value));
    return found.filter((secret) => secret.length > 0);
  } catch {
    return text ? [text] : [];
  }
}

/** `text` with every occurrence of every secret (at least 4 characters long) replaced by ***. */
export function redact(text: string, secrets: readonly string[]): string {
  let scrubbed = text;
  const longestFirst = [...new Set(secrets)].filter((secret) => secret.length >= 4).sort((a, b) => b.length - a.length);
  for (const secret of longestFirst) scrubbed = scrubbed.split(secret).join(MASK);
  return scrubbed;
}
