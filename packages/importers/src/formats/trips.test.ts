import { describe, expect, it } from 'vitest';
import { EMISSION_FACTORS } from '../emissionFactors.ts';
import { getHaversineKm } from '../geo.ts';
import { getSeriesRecords, parseAll } from '../parseFile.ts';
import { getFixturePath } from '../testing/fixtures.ts';

describe('trips', () => {
  it('reads GeoJSON LineStrings, computing the distance when absent', async () => {
    const parsed = await parseAll(getFixturePath('valid/trips-2025-01.geojson'));
    const trips = getSeriesRecords(parsed, 'mobility/trips');
    expect(trips).toHaveLength(4);
    const [bus, bike, train, walk] = trips;
    const busKm =
      getHaversineKm([-1.1517, 46.1591], [-1.145, 46.156]) + getHaversineKm([-1.145, 46.156], [-1.1302, 46.1498]);
    expect(bus?.distanceKm).toBeCloseTo(busKm, 3);
    expect(bus).toMatchObject({
      id: 't20250106T064200Z',
      departure: '2025-01-06T07:42:00+01:00',
      arrival: '2025-01-06T08:05:00+01:00',
      mode: 'bus',
    });
    expect(bus?.co2Kg).toBeCloseTo(busKm * 0.113, 3);
    expect(bike).toMatchObject({ mode: 'bike', distanceKm: 2.1, co2Kg: 0 });
    expect(train).toMatchObject({
      mode: 'train',
      departure: '2025-01-07T07:55:00+01:00',
      distanceKm: 187,
      co2Kg: 5.1799,
    });
    expect(walk?.mode).toBe('walk');
  });

  it('reads the CSV variant with French mode names, local times and coordinates', async () => {
    const parsed = await parseAll(getFixturePath('valid/trips-2025-01.csv'));
    const trips = getSeriesRecords(parsed, 'mobility/trips');
    expect(trips.map((t) => t.mode)).toEqual(['bus', 'car', 'carpool', 'train', 'tram']);
    const car = trips[1];
    expect(car?.distanceKm).toBeCloseTo(getHaversineKm([-1.1517, 46.1591], [-1.1302, 46.1498]), 3);
    expect(trips[2]).toMatchObject({ id: 't20250107T070000Z', departure: '2025-01-07T08:00:00+01:00', co2Kg: 1.3625 });
    // TGV keeps its own factor even though the platform mode is `train`.
    expect(trips[3]?.co2Kg).toBeCloseTo(300 * EMISSION_FACTORS.tgv.kgCo2ePerKm, 4);
  });

  it('writes every emission factor with a source', () => {
    for (const factor of Object.values(EMISSION_FACTORS)) {
      expect(factor.kgCo2ePerKm).toBeGreaterThanOrEqual(0);
      expect(factor.source.length).toBeGreaterThan(10);
    }
    expect(EMISSION_FACTORS.carpool.kgCo2ePerKm).toBeCloseTo(EMISSION_FACTORS.car.kgCo2ePerKm / 2, 6);
  });

  it('measures a MultiLineString line by line, without the jump between lines', async () => {
    const feature = {
      type: 'Feature',
      geometry: {
        type: 'MultiLineString',
        coordinates: [
          [
            [0, 0],
            [0, 0.01],
          ],
          [
            [1, 0],
            [1, 0.01],
          ],
        ],
      },
      properties: { mode: 'walk', start: '2025-01-06T07:00:00Z', end: '2025-01-06T07:30:00Z' },
    };
    const parsed = await parseAll([Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [feature] }))], {
      fileName: 'multi.geojson',
    });
    const oneLine = getHaversineKm([0, 0], [0, 0.01]);
    expect(getSeriesRecords(parsed, 'mobility/trips')[0]?.distanceKm).toBeCloseTo(2 * oneLine, 3);
  });
});
