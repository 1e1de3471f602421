/**
 * The values this node last wrote under keys (redis-state.ts guesses a key holds them), bounded by
 * count and by total length: the least recently used are forgotten first. A line's value may be
 * tens of KB (eight calls, twenty parked), so a count alone would not bound the memory.
 */
export class KnownValues {
  private readonly values = new Map<string, string | undefined>();
  private chars = 0;

  constructor(
    private readonly maxKeys: number,
    private readonly maxChars: number,
  ) {}

  has(key: string): boolean {
    return this.values.has(key);
  }

  get(key: string): string | undefined {
    return this.values.get(key);
  }

  /** Remembers `value` (undefined: the key is known to be absent) as the most recent. */
  set(key: string, value: string | undefined): void {
    this.delete(key);
    const size = value?.length ?? 0;
    if (size > this.maxChars) return;
    this.values.set(key, value);
    this.chars += size;
    while (this.values.size > this.maxKeys || this.chars > this.maxChars) this.delete(this.values.keys().next().value as string);
  }

  delete(key: string): void {
    if (!this.values.has(key)) return;
    this.chars -= this.values.get(key)?.length ?? 0;
    this.values.delete(key);
  }

  get size(): { keys: number; chars: number } {
    return { keys: this.values.size, chars: this.chars };
  }
}
