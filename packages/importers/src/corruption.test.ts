import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImportError } from './ImportError.ts';
import { parseAll } from './parseFile.ts';
import { getFixturePath } from './testing/fixtures.ts';

const VALID = readdirSync(getFixturePath('valid')).sort();
const SEED = 20250330;
const RUNS = 25;

/** Parses bytes; resolves true on success, false on an ImportError, rejects on anything else. */
async function parsesOrRefuses(bytes: Uint8Array, name: string): Promise<boolean> {
  try {
    await parseAll([bytes], { fileName: name });
    return true;
  } catch (error) {
    if (ImportError.isInstance(error)) {
      expect(error.message.startsWith(name)).toBe(true);
      return false;
    }
    throw error;
  }
}

function load(name: string): Buffer {
  return readFileSync(getFixturePath(`valid/${name}`));
}

/** Sets a random value at a random place of a JSON document (or deletes it). */
function mutateJson(document: unknown, choices: number[], replacement: unknown, remove: boolean): unknown {
  let node = document;
  for (const choice of choices) {
    if (typeof node !== 'object' || node === null) break;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[choice % keys.length] as string;
    const child = (node as Record<string, unknown>)[key];
    if (typeof child !== 'object' || child === null || choice % 3 === 0) {
      if (remove) delete (node as Record<string, unknown>)[key];
      else (node as Record<string, unknown>)[key] = replacement;
      return document;
    }
    node = child;
  }
  return document;
}

describe('random corruptions of every valid fixture', () => {
  it.each(VALID)('%s: flipped bytes never crash, they are parsed or refused with an ImportError', async (name) => {
    const original = load(name);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        async (flips) => {
          const bytes = Buffer.from(original);
          for (const [position, value] of flips) bytes[position % bytes.length] = value;
          await parsesOrRefuses(bytes, name);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it.each(VALID)('%s: truncations never crash, and a cut inside the structure is refused', async (name) => {
    const original = load(name);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: original.length - 1 }), async (length) => {
        const ok = await parsesOrRefuses(original.subarray(0, length), name);
        // Cutting a JSON document before its last closing bracket always breaks it.
        const isJsonDocument = name.endsWith('.json') || name.endsWith('.geojson');
        if (isJsonDocument && length < original.toString('utf8').trimEnd().length - 1) expect(ok).toBe(false);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it.each(VALID)('%s: swapped separators never crash', async (name) => {
    const original = load(name).toString('utf8');
    const swaps: [string, string][] = [
      [';', ','],
      [',', ';'],
      ['.', ','],
      [':', ';'],
      ['"', "'"],
      ['\n', '\r\n'],
    ];
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: swaps.length - 1 }), fc.nat(), fc.boolean(), async (which, nth, all) => {
        const [from, to] = swaps[which] as [string, string];
        let text = original;
        if (all) text = text.split(from).join(to);
        else {
          const positions = [...text.matchAll(new RegExp(from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'))].map(
            (m) => m.index,
          );
          if (positions.length > 0) {
            const at = positions[nth % positions.length] as number;
            text = text.slice(0, at) + to + text.slice(at + from.length);
          }
        }
        await parsesOrRefuses(Buffer.from(text), name);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  const jsonFixtures = VALID.filter((name) => name.endsWith('.json') || name.endsWith('.geojson'));
  it.each(jsonFixtures)('%s: random JSON mutations never crash', async (name) => {
    const original = load(name).toString('utf8');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        fc.jsonValue({ maxDepth: 2 }),
        fc.boolean(),
        async (choices, replacement, remove) => {
          const document = mutateJson(JSON.parse(original), choices, replacement, remove);
          await parsesOrRefuses(Buffer.from(JSON.stringify(document)), name);
        },
      ),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });

  it('refuses random bytes without crashing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 300 }), async (bytes) => {
        await parsesOrRefuses(bytes, 'random.bin');
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});
