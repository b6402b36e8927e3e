import { describe, expect, it } from 'vitest';
import { getSeriesRecords, parseAll } from '../parseFile.ts';
import { getFixturePath } from '../testing/fixtures.ts';

describe('ADEME DPE record', () => {
  it('reads a record into a dwelling with the default tenure', async () => {
    const parsed = await parseAll(getFixturePath('valid/ademe-dpe-record.json'));
    expect(getSeriesRecords(parsed, 'housing/dwelling')).toEqual([
      {
        floorArea: 68.5,
        energyLabel: 'D',
        greenhouseGasLabel: 'B',
        heatingEnergy: 'electric',
        tenure: 'owner',
        yearBuilt: 1972,
        primaryEnergyConsumption: 231.4,
        greenhouseGasEmissions: 8.9,
      },
    ]);
  });

  it('reads the data-fair API answer, recognises a heat pump and takes the tenure option', async () => {
    const parsed = await parseAll(getFixturePath('valid/ademe-dpe-api-answer.json'), { tenure: 'social-tenant' });
    expect(getSeriesRecords(parsed, 'housing/dwelling')[0]).toMatchObject({
      energyLabel: 'C',
      heatingEnergy: 'heat-pump',
      tenure: 'social-tenant',
      floorArea: 92,
    });
  });

  it('picks one record of a search answer by its numero_dpe', async () => {
    const parsed = await parseAll(getFixturePath('invalid/ademe-dpe-ambiguous.json'), { numeroDpe: '2444E0000001Y' });
    expect(getSeriesRecords(parsed, 'housing/dwelling')[0]?.energyLabel).toBe('C');
  });
});
