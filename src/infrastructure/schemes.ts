import { SchemeCatalog, SchemesError, type SchemesDoc } from '../domain/eligibility';
import { JsonDocument } from './json-document';

export const SCHEMES_FILE = 'data/kb/schemes.json';

/** Reads the schemes knowledge base (`data/kb/schemes.json`) and refuses an inconsistent one. */
export async function loadSchemes(file: string = SCHEMES_FILE): Promise<SchemeCatalog> {
  const doc = new JsonDocument<SchemesDoc | null>(file, null);
  try {
    await doc.read();
  } catch (err) {
    throw new SchemesError(`Schemes file ${file} is not valid JSON (${(err as Error).message})`);
  }
  if (doc.data === null) throw new SchemesError(`Schemes file ${file} is missing or empty`);
  return SchemeCatalog.fromDoc(doc.data);
}
