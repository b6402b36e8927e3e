/** Outcome of checking one timestamp against those already seen in a series. */
export type DuplicateCheck = { kind: 'new' } | { kind: 'same' } | { kind: 'different'; firstOrdinal: number };

const INITIAL_CAPACITY = 1024;

/**
 * Remembers the timestamps (and a value signature) of a series to find duplicates, in about 20 bytes
 * per reading: readings in increasing order (the usual case) go to sorted typed arrays and are found
 * by binary search; the few out-of-order ones go to a map.
 */
export class DuplicateGuard {
  private keys = new Float64Array(INITIAL_CAPACITY);
  private numericSignatures = new Float64Array(INITIAL_CAPACITY);
  private ordinals = new Int32Array(INITIAL_CAPACITY);
  private textSignatures: (string | undefined)[] | undefined;
  private size = 0;
  private readonly outOfOrder = new Map<number, { signature: number | string; ordinal: number }>();

  /**
   * Records `key` unless already seen; says whether it was new, a repeat with the same signature, or
   * a repeat with a different one.
   * @param ordinal line or element index of this occurrence, reported for the first one
   */
  public check(key: number, signature: number | string, ordinal: number): DuplicateCheck {
    const last = this.size === 0 ? -Infinity : (this.keys[this.size - 1] as number);
    if (key > last) {
      this.append(key, signature, ordinal);
      return { kind: 'new' };
    }
    const index = this.search(key);
    if (index >= 0) {
      const seen = this.signatureAt(index);
      return seen === signature
        ? { kind: 'same' }
        : { kind: 'different', firstOrdinal: this.ordinals[index] as number };
    }
    const earlier = this.outOfOrder.get(key);
    if (earlier !== undefined) {
      return earlier.signature === signature ? { kind: 'same' } : { kind: 'different', firstOrdinal: earlier.ordinal };
    }
    this.outOfOrder.set(key, { signature, ordinal });
    return { kind: 'new' };
  }

  private append(key: number, signature: number | string, ordinal: number): void {
    if (this.size === this.keys.length) this.grow();
    this.keys[this.size] = key;
    this.ordinals[this.size] = ordinal;
    if (typeof signature === 'number') {
      this.numericSignatures[this.size] = signature;
    } else {
      this.numericSignatures[this.size] = Number.NaN;
      (this.textSignatures ??= [])[this.size] = signature;
    }
    this.size += 1;
  }

  private signatureAt(index: number): number | string {
    const numeric = this.numericSignatures[index] as number;
    return Number.isNaN(numeric) ? (this.textSignatures?.[index] ?? '') : numeric;
  }

  private search(key: number): number {
    let low = 0;
    let high = this.size - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const value = this.keys[mid] as number;
      if (value === key) return mid;
      if (value < key) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }

  private grow(): void {
    const capacity = this.keys.length * 2;
    const keys = new Float64Array(capacity);
    keys.set(this.keys);
    this.keys = keys;
    const signatures = new Float64Array(capacity);
    signatures.set(this.numericSignatures);
    this.numericSignatures = signatures;
    const ordinals = new Int32Array(capacity);
    ordinals.set(this.ordinals);
    this.ordinals = ordinals;
  }
}
