/**
 * Which channels a bot without app id (local mode) may answer. With an app id, each request's
 * token names its channel's serviceUrl and the SDK checks it; without one nothing does, and the
 * bot would POST its reply to whatever URL a request names (any host, any port: a probe of the
 * network it runs in). So in local mode only the bot's own local Direct Line, and the origins
 * LOCAL_CHANNEL_URLS lists, are answered.
 */
export type ServiceUrlCheck = (serviceUrl: unknown) => boolean;

interface Origin {
  protocol: string;
  hostname: string;
  /** '' for the scheme's default port, '*' for any. */
  port: string;
}

function parseEntry(entry: string): Origin | null {
  const anyPort = /:\*\/?$/.test(entry);
  try {
    const url = new URL(anyPort ? entry.replace(/:\*\/?$/, '') : entry);
    return { protocol: url.protocol, hostname: url.hostname, port: anyPort ? '*' : url.port };
  } catch {
    return null;
  }
}

/** `own()` gives the serviceUrls of the channels this server plays itself (read per request: they exist once it listens). */
export function serviceUrlCheck(allowed: readonly string[], own: () => readonly string[]): ServiceUrlCheck {
  const origins = allowed.map(parseEntry).filter((o): o is Origin => o !== null);
  return (serviceUrl) => {
    if (typeof serviceUrl !== 'string' || serviceUrl.length > 2000) return false;
    let url: URL;
    try {
      url = new URL(serviceUrl);
    } catch {
      return false;
    }
    if (url.username || url.password || (url.protocol !== 'http:' && url.protocol !== 'https:')) return false;
    const target = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
    if (own().some((base) => target === base || target.startsWith(`${base}/`))) return true;
    return origins.some((o) => o.protocol === url.protocol && o.hostname === url.hostname && (o.port === '*' || o.port === url.port));
  };
}
