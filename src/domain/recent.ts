/**
 * Answers kept for the next turns that ask the same: a bounded map (least recently used out) of
 * values frozen deeply, since one value is handed to every caller that asks for its key. A caller
 * that tried to change a shared answer throws instead of changing another user's.
 *
 * With `keepWhenAskedAgain`, a value is kept only once its key is asked a second time: most keys
 * are asked once (a town nobody asked about lately), and keeping them cost each such turn the
 * freezing and the map's upkeep, then pushed out values that are asked again. The keys asked once
 * lately are remembered (two generations of at most `max` each, dropped whole), not their values:
 * the first answer goes to its one caller unfrozen and is kept by nobody.
 */
export class Recent<V> {
  private readonly values = new Map<string, V>();
  private askedOnce = new Set<string>();
  private askedOnceBefore = new Set<string>();

  constructor(
    private readonly max: number,
    private readonly options: { keepWhenAskedAgain?: boolean } = {},
  ) {}

  get(key: string): V | undefined {
    const hit = this.values.get(key);
    if (hit !== undefined) {
      this.values.delete(key);
      this.values.set(key, hit);
    }
    return hit;
  }

  /** Freezes `value` (see deepFreeze), keeps it and returns it; with `keepWhenAskedAgain`, the first time its key is asked, returns it as it is. */
  set(key: string, value: V): V {
    if (this.options.keepWhenAskedAgain && this.firstAsk(key)) return value;
    this.values.set(key, deepFreeze(value));
    if (this.values.size > this.max) this.values.delete(this.values.keys().next().value as string);
    return value;
  }

  clear(): void {
    this.values.clear();
    this.askedOnce.clear();
    this.askedOnceBefore.clear();
  }

  /** True the first time `key` is asked lately (and remembers it). */
  private firstAsk(key: string): boolean {
    if (this.askedOnce.has(key) || this.askedOnceBefore.has(key)) return false;
    this.askedOnce.add(key);
    if (this.askedOnce.size >= this.max) {
      this.askedOnceBefore = this.askedOnce;
      this.askedOnce = new Set();
    }
    return true;
  }
}

/**
 * Freezes a value and everything it holds, down to what is already frozen: a part frozen by its
 * owner (the knowledge base's referent views) is left as it is, with what it holds.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const identities = new WeakMap<object, number>();
let lastIdentity = 0;

/**
 * A number standing for one frozen object in the key of a kept value: a frozen object never
 * changes, so its identity says as much as its content, and costs nothing to write (a territory's
 * referent views, shared by every answer in it, are 6 KB of JSON). Another object with the same
 * content gets another number: a key built this way can miss, never match wrongly.
 */
export function identityOf(value: object): string {
  if (!Object.isFrozen(value)) throw new Error('identityOf: only a frozen object keeps its content');
  let id = identities.get(value);
  if (id === undefined) identities.set(value, (id = ++lastIdentity));
  return `#${id}`;
}
