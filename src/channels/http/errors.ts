const MESSAGES: Record<number, string> = {
  400: 'Requête invalide. / Bad request.',
  401: 'Authentification requise. / Authentication required.',
  403: 'Accès refusé. / Forbidden.',
  404: 'Introuvable. / Not found.',
  405: 'Méthode non autorisée. / Method not allowed.',
  406: 'Format de réponse non disponible. / Not acceptable.',
  413: 'Requête trop volumineuse. / Request too large.',
  415: 'Type de contenu non pris en charge. / Unsupported content type.',
  429: 'Trop de requêtes, réessayez dans un instant. / Too many requests, try again shortly.',
  503: 'Service en cours de démarrage. / Service starting.',
};

/** 503 with Retry-After when a store (disk, Azure Storage) is out of reach. */
export const STORAGE_UNAVAILABLE =
  'Stockage momentanément indisponible : rien n’a été enregistré, réessayez dans une minute. / Storage temporarily unavailable: nothing was recorded, try again in a minute.';

/** The body of every error answer: a stable code and a polite message, never a stack trace. */
export function errorBody(status: number, message?: string): { error: { status: number; message: string } } {
  return {
    error: { status, message: message ?? MESSAGES[status] ?? (status >= 500 ? 'Erreur interne. / Internal error.' : 'Requête refusée. / Request refused.') },
  };
}

export function isErrorBody(value: unknown): value is ReturnType<typeof errorBody> {
  const error = (value as { error?: { status?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.status === 'number' && typeof error.message === 'string';
}
