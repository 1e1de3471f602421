/** The form a value takes after a trip over socket.io (JSON, binary kept in place) and its size on the wire. */

// ---- the wire ---------------------------------------------------------------------------------

/**
 * The arguments of one socket.io event as the receiving side gets them: socket.io encodes them as
 * JSON (`undefined` dropped from objects and `null` in arrays, NaN/Infinity → null, -0 → 0,
 * `toJSON` applied). When any argument holds binary data, socket.io first copies the whole packet
 * to cut the binary parts out, and that copy assigns keys one by one — so an own `__proto__` key
 * does not survive the trip (it becomes the copy's prototype, which JSON ignores). Binary data
 * arrives as a Buffer/ArrayBuffer there, which every schema rejects exactly as it rejects the JSON
 * form of a typed array used here.
 */
export function wireArgs(args: readonly unknown[]): unknown[] {
  const data = hasBinary(args) ? copyAsSocketIo(args, false) : args;
  return JSON.parse(JSON.stringify(data)) as unknown[];
}

/** A value as plain JSON carries it (socket.io's handshake `auth` is never split for binary). */
export function jsonForm(value: unknown): unknown {
  return (JSON.parse(JSON.stringify([value])) as unknown[])[0] ?? null;
}

/** Mirrors socket.io-parser's `deconstructPacket` copy (binary kept in place). */
function copyAsSocketIo(data: unknown, viaToJSON: boolean): unknown {
  if (!data || ArrayBuffer.isView(data) || data instanceof ArrayBuffer) return data;
  if (Array.isArray(data)) return data.map((item) => copyAsSocketIo(item, false));
  if (typeof data === 'object' && !(data instanceof Date)) {
    const toJSON = (data as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function' && !viaToJSON) return copyAsSocketIo((toJSON as () => unknown).call(data), true);
    const copy: Record<string, unknown> = {};
    for (const key in data) if (Object.prototype.hasOwnProperty.call(data, key)) copy[key] = copyAsSocketIo((data as Record<string, unknown>)[key], false);
    return copy;
  }
  return data;
}

/**
 * The size in bytes of the text frame socket.io sends for these event arguments (binary parts go
 * in frames of their own and are small here).
 */
export function encodedBytes(args: readonly unknown[]): number {
  return new TextEncoder().encode(JSON.stringify(wireArgs(args))).length;
}

/** True when `value` holds binary data somewhere (socket.io sends such messages as binary events). */
export function hasBinary(value: unknown, depth = 0): boolean {
  if (depth > 50) return false;
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return true;
  if (Array.isArray(value)) return value.some((v) => hasBinary(v, depth + 1));
  if (value !== null && typeof value === 'object') return Object.values(value).some((v) => hasBinary(v, depth + 1));
  return false;
}

// ---- prototype pollution ----------------------------------------------------------------------

const PROTOTYPES: readonly [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
  ['Number.prototype', Number.prototype],
  ['Boolean.prototype', Boolean.prototype],
];

/** Remembers the own keys of the built-in prototypes; `check()` lists anything added since. */
export function pollutionProbe(): { check(): string[] } {
  const before = new Map(PROTOTYPES.map(([name, proto]) => [name, new Set(Reflect.ownKeys(proto))]));
  return {
    check() {
      const found: string[] = [];
      for (const [name, proto] of PROTOTYPES) {
        for (const key of Reflect.ownKeys(proto)) if (!before.get(name)!.has(key)) found.push(`${name}.${String(key)}`);
      }
      const probe = {} as Record<string, unknown>;
      for (const key of ['polluted', 'isAdmin', 'a', '0']) if (probe[key] !== undefined) found.push(`({}).${key}`);
      return found;
    },
  };
}

/** A short, printable description of a message (long strings and the whole cut short), to reproduce a failure. */
export function preview(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' && v.length > 60 ? `${v.slice(0, 40)}…(${v.length} chars)` : v)) ?? 'undefined';
  } catch {
    text = String(value);
  }
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
