import { StorageError } from './errors';

/**
 * What every Azure Storage adapter shares, without the SDKs: those are loaded (azure-clients.ts)
 * only when STORAGE=blob asks for them.
 */

/** Azure's container naming rule; checked here because the service's own error is an opaque 400. */
const CONTAINER_NAME = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;

export function checkContainerName(container: string, what = 'blob container'): void {
  if (!CONTAINER_NAME.test(container)) {
    throw new StorageError(
      'INVALID_OPTIONS',
      `Invalid ${what} name "${container}": 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit`,
    );
  }
}

export function statusOf(err: unknown): number | undefined {
  return (err as { statusCode?: number } | undefined)?.statusCode;
}

export function describeAzureError(err: unknown): string {
  const e = err as { statusCode?: number; code?: string; name?: string } | undefined;
  return [e?.name, e?.code, e?.statusCode && `HTTP ${e.statusCode}`].filter(Boolean).join(', ') || 'unknown error';
}

/** Keeps the error's kind but not its message or request, which can carry secrets. */
export function stripDetails(err: unknown): Error {
  const e = err as { name?: string; code?: string; statusCode?: number } | undefined;
  return Object.assign(new Error(describeAzureError(err)), { name: e?.name ?? 'Error', code: e?.code, statusCode: e?.statusCode });
}

/** An Azure failure that is not a refused condition: the storage is out of reach for now. */
export function unavailable(what: string, err: unknown): StorageError {
  if (err instanceof StorageError) return err;
  return new StorageError('UNAVAILABLE', `Cannot reach ${what} (${describeAzureError(err)})`, { cause: stripDetails(err) });
}

export async function readAll(stream: NodeJS.ReadableStream | undefined): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}
