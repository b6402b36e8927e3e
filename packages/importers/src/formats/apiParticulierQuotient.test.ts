import { describe, expect, it } from 'vitest';
import { getSeriesRecords, parseAll } from '../parseFile.ts';
import { getFixturePath } from '../testing/fixtures.ts';

describe('API Particulier family quotient', () => {
  it('reads the v2 answer into a statement and household facts', async () => {
    const parsed = await parseAll(getFixturePath('valid/api-particulier-qf-v2.json'));
    expect(getSeriesRecords(parsed, 'income/family-quotient')).toEqual([
      {
        familyQuotient: 712,
        numberOfChildren: 2,
        allocataires: ['CLAIRE ANNE MARTIN', 'PAUL DURAND'],
        date: '2025-03-01',
        provider: 'CAF',
      },
    ]);
    expect(getSeriesRecords(parsed, 'household/household')).toEqual([
      {
        size: 4,
        members: [
          { role: 'adult', birthYear: 1986 },
          { role: 'adult', birthYear: 1984 },
          { role: 'child', birthYear: 2014 },
          { role: 'child', birthYear: 2018 },
        ],
      },
    ]);
  });

  it('reads the v3 answer (MSA, nested quotient, ISO birth dates)', async () => {
    const parsed = await parseAll(getFixturePath('valid/api-particulier-qf-v3.json'));
    expect(getSeriesRecords(parsed, 'income/family-quotient')).toEqual([
      { familyQuotient: 480, numberOfChildren: 1, allocataires: ['JULIE PETIT'], date: '2025-02-01', provider: 'MSA' },
    ]);
    expect(getSeriesRecords(parsed, 'household/household')[0]?.size).toBe(2);
  });

  it('reads the historical CAF answer (nomPrenom, ddmmyyyy)', async () => {
    const parsed = await parseAll(getFixturePath('valid/api-particulier-qf-v1.json'));
    expect(getSeriesRecords(parsed, 'income/family-quotient')[0]).toEqual({
      familyQuotient: 1754,
      numberOfChildren: 0,
      allocataires: ['ALEX EXEMPLE'],
      date: '2021-04-01',
      provider: 'CAF',
    });
    expect(getSeriesRecords(parsed, 'household/household')[0]).toEqual({
      size: 1,
      members: [{ role: 'adult', birthYear: 1971 }],
    });
  });
});
