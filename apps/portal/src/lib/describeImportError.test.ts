import { describe, expect, it } from 'vitest';
import { describeImportError } from './describeImportError.ts';

describe('describing a refused upload', () => {
  it('keeps the importer code, file, line and field of an ImportError', () => {
    const error = Object.assign(new Error('x.csv, line 4, field "Valeur": not a number'), {
      name: 'ImportError',
      code: 'not-a-number',
      file: 'x.csv',
      line: 4,
      field: 'Valeur',
      reason: '"12,5" is not a number',
    });
    expect(describeImportError(error, 'fallback')).toEqual({
      code: 'not-a-number',
      file: 'x.csv',
      line: 4,
      field: 'Valeur',
      detail: '"12,5" is not a number',
    });
  });

  it('turns any other error into a plain failure naming the uploaded file, without its message', () => {
    expect(describeImportError(new Error('ECONNREFUSED 127.0.0.1:3101 token=abc'), 'conso.json')).toEqual({ code: 'failed', file: 'conso.json' });
    expect(describeImportError({ name: 'ImportError', code: 'made-up', file: 'a' }, 'b')).toEqual({ code: 'failed', file: 'a' });
  });
});
