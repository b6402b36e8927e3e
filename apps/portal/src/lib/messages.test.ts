import { CATEGORIES, CATEGORY_NAMES } from '@sdt/vocab';
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json' with { type: 'json' };
import fr from '../../messages/fr.json' with { type: 'json' };

/** Every key path of a nested message catalogue, e.g. `home.status.online`. */
function listKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => listKeys(child, prefix ? `${prefix}.${key}` : key));
}

describe('the message catalogues', () => {
  it('have the same keys in French and English', () => {
    expect(listKeys(en).sort()).toEqual(listKeys(fr).sort());
  });

  it('label the data categories as the vocabulary does', () => {
    for (const name of CATEGORY_NAMES) {
      expect(fr.home.categories[name]).toBe(CATEGORIES[name].label.fr);
      expect(en.home.categories[name]).toBe(CATEGORIES[name].label.en);
    }
  });
});
