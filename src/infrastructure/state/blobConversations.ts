import type { ContainerClient } from '@azure/storage-blob';
import type { ConversationRecord, ConversationRecords } from '../../domain/contact/ports';
import type { StateEntry } from './fileStorage';
import { unavailable } from '../storage/azure';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The conversation state container (STORAGE=blob) read directly, for a firm's export and erasure:
 * the bot's store (botbuilder-azure-blobs) cannot list, so without this a firm's drafts and
 * references there would be out of reach until the lifecycle rule. Reads every blob, a few at a
 * time: an administrator's rare request, not a turn.
 */
export class BlobConversationRecords implements ConversationRecords {
  constructor(private readonly container: ContainerClient) {}

  async matching(mentions: (state: Record<string, unknown>) => boolean): Promise<ConversationRecord[]> {
    const found: ConversationRecord[] = [];
    try {
      let batch: Array<{ name: string; modifiedAt: string }> = [];
      const flush = async () => {
        const read = await Promise.all(batch.map(async (b) => ({ ...b, value: await this.read(b.name) })));
        for (const r of read) if (isObject(r.value) && mentions(r.value)) found.push({ key: r.name, modifiedAt: r.modifiedAt, value: r.value });
        batch = [];
      };
      for await (const blob of this.container.listBlobsFlat()) {
        batch.push({ name: blob.name, modifiedAt: blob.properties.lastModified.toISOString() });
        if (batch.length >= 16) await flush();
      }
      await flush();
    } catch (err) {
      throw unavailable('conversation state in blob storage', err);
    }
    return found;
  }

  /**
   * The conversations whose blob was last written in [after, before), for the draft sweep: the
   * listing gives each blob's time, so only those in the window are read.
   */
  async modifiedBetween(after: Date | null, before: Date): Promise<StateEntry[]> {
    const from = after?.getTime() ?? Number.NEGATIVE_INFINITY;
    const to = before.getTime();
    const out: StateEntry[] = [];
    try {
      for await (const blob of this.container.listBlobsFlat()) {
        const at = blob.properties.lastModified.getTime();
        if (at < from || at >= to || !blob.properties.etag) continue;
        const value = await this.read(blob.name);
        if (isObject(value)) out.push({ key: blob.name, value, eTag: blob.properties.etag, modifiedAt: blob.properties.lastModified.toISOString() });
      }
    } catch (err) {
      throw unavailable('conversation state in blob storage', err);
    }
    return out;
  }

  /** Writes `value` over a listed conversation unless it changed since (its ETag); false when it did. */
  async replaceIfUnchanged(entry: StateEntry, value: Record<string, unknown>): Promise<boolean> {
    const body = JSON.stringify(value);
    try {
      await this.container.getBlockBlobClient(entry.key).upload(body, Buffer.byteLength(body), {
        conditions: { ifMatch: entry.eTag },
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
      return true;
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 412) return false;
      throw unavailable('conversation state in blob storage', err);
    }
  }

  async delete(keys: string[]): Promise<void> {
    try {
      for (const key of keys) await this.container.getBlobClient(key).deleteIfExists();
    } catch (err) {
      throw unavailable('conversation state in blob storage', err);
    }
  }

  private async read(name: string): Promise<unknown> {
    let body: Buffer;
    try {
      body = await this.container.getBlobClient(name).downloadToBuffer();
    } catch (err) {
      // Deleted since it was listed (its conversation purged, or erased meanwhile).
      if ((err as { statusCode?: number }).statusCode === 404) return null;
      throw err;
    }
    try {
      return JSON.parse(body.toString('utf8')) as unknown;
    } catch {
      // Not a conversation (the start-up probe, a hand-placed file): nothing of a firm's to find.
      return null;
    }
  }
}
