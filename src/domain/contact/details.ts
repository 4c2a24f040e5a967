/**
 * Validation and normalisation of the contact details a firm gives. Extraction from free text
 * is the dialog's job (recognizers-text-sequence); this module decides what is acceptable and
 * stores one canonical form, so "06 12 34 56 78" and "+33612345678" find the same requests.
 */
import { foldKey } from '../normalize';

// Deliberately simple: one @, a dot in the domain, no spaces. RFC 5322 in full accepts
// addresses no mail server of an operator would, and a stricter rule rejects real ones.
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function normalizeEmail(raw: string): string | null {
  const email = String(raw ?? '')
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/^<(.*)>$/, '$1');
  if (email.length > 254 || !EMAIL.test(email)) return null;
  const [local, domain] = [email.slice(0, email.lastIndexOf('@')), email.slice(email.lastIndexOf('@') + 1)];
  if (local.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return null;
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  if (!/^[A-Za-z]{2,63}$/.test(tld)) return null;
  // Local parts are case-sensitive in theory only; matching a firm's requests must not depend on it.
  return `${local}@${domain}`.toLowerCase();
}

export function isValidEmail(raw: string): boolean {
  return normalizeEmail(raw) !== null;
}

/**
 * Overseas departments have their own country codes in E.164 although they are dialled as
 * 0ABPQ... from within France (ARCEP numbering plan).
 */
const OVERSEAS: Array<{ prefixes: string[]; countryCode: string }> = [
  { prefixes: ['590', '690', '691'], countryCode: '590' }, // Guadeloupe, Saint-Martin, Saint-Barthélemy
  { prefixes: ['596', '696', '697'], countryCode: '596' }, // Martinique
  { prefixes: ['594', '694'], countryCode: '594' }, // Guyane
  { prefixes: ['262', '692', '693', '269', '639'], countryCode: '262' }, // La Réunion, Mayotte
];
const OVERSEAS_CODES = new Set(OVERSEAS.map((o) => o.countryCode));

/**
 * A French phone number (metropolitan or overseas department) in E.164 ("+33612345678"), or null.
 * Accepts the usual ways of writing it: "06 12 34 56 78", "06.12.34.56.78", "+33 6 12 34 56 78",
 * "+33 (0)6 12 34 56 78", "0033 6 12 34 56 78", "+262 692 12 34 56".
 */
export function normalizeFrenchPhone(raw: string): string | null {
  let s = String(raw ?? '').trim();
  if (s.length > 40 || !/^[+0-9 ().\-/\u00a0]+$/.test(s)) return null;
  s = s.replace(/\(0\)/g, '').replace(/[^+0-9]/g, '');
  if (s.startsWith('00')) s = `+${s.slice(2)}`;
  let national: string;
  if (s.startsWith('+33')) national = `0${s.slice(3)}`;
  else if (s.startsWith('+') && OVERSEAS_CODES.has(s.slice(1, 4))) {
    national = `0${s.slice(4)}`;
    const code = s.slice(1, 4);
    const area = national.slice(1, 4);
    if (!OVERSEAS.some((o) => o.countryCode === code && o.prefixes.includes(area))) return null;
  } else if (s.startsWith('+')) return null;
  else national = s;
  if (!/^0[1-9]\d{8}$/.test(national)) return null;
  const overseas = OVERSEAS.find((o) => o.prefixes.includes(national.slice(1, 4)));
  if (overseas) return `+${overseas.countryCode}${national.slice(1)}`;
  return `+33${national.slice(1)}`;
}

export function isValidFrenchPhone(raw: string): boolean {
  return normalizeFrenchPhone(raw) !== null;
}

/** "+33612345678" → "06 12 34 56 78", for people reading it. */
export function formatFrenchPhone(e164: string): string {
  const overseas = OVERSEAS.find((o) => e164.startsWith(`+${o.countryCode}`) && o.prefixes.includes(e164.slice(4, 7)));
  const national = overseas ? `0${e164.slice(4)}` : e164.startsWith('+33') ? `0${e164.slice(3)}` : e164;
  return /^0\d{9}$/.test(national) ? national.replace(/(\d{2})(?=\d)/g, '$1 ') : e164;
}

/** Normalises whatever identifies a firm's contact: an email or a phone number. */
export function normalizeContact(raw: string): { kind: 'email'; value: string } | { kind: 'phone'; value: string } | null {
  const email = normalizeEmail(raw);
  if (email) return { kind: 'email', value: email };
  const phone = normalizeFrenchPhone(raw);
  if (phone) return { kind: 'phone', value: phone };
  return null;
}

/**
 * Whether a stored value (a conversation's state, any shape) mentions a firm: a string in it is
 * the e-mail or phone number asked for, a name equal to the one asked for (accents and case
 * ignored), or one of the references given. Drafts keep e-mails and phones in the canonical forms
 * above, and names cleaned, so an exact comparison finds them.
 */
export function mentionsFirm(query: string, references: readonly string[] = []): (value: unknown) => boolean {
  const email = normalizeEmail(query);
  const phone = email ? null : normalizeFrenchPhone(query);
  const name = email || phone ? '' : foldKey(query);
  const refs = new Set(references);
  const hit = (s: string): boolean =>
    refs.has(s) ||
    (email !== null && normalizeEmail(s) === email) ||
    (phone !== null && normalizeFrenchPhone(s) === phone) ||
    (name !== '' && foldKey(s) === name);
  const walk = (value: unknown, depth: number): boolean => {
    if (typeof value === 'string') return value.length <= 1000 && hit(value);
    if (depth > 32 || value === null || typeof value !== 'object') return false;
    return Object.values(value).some((v) => walk(v, depth + 1));
  };
  return (value) => walk(value, 0);
}
