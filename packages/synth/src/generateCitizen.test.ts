import { describe, expect, it } from 'vitest';
import { generateCitizen, generateCitizens, generateDemoCitizen, SynthError } from './index.ts';

const options = { endMonth: '2025-10', months: 12 } as const;

describe('generateCitizen', () => {
  it('returns byte-identical citizens for the same territory, index, seed and period', () => {
    const first = generateCitizen('lyon', 7, { ...options, seed: 'abc' });
    const second = generateCitizen('lyon', 7, { ...options, seed: 'abc' });
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('returns different citizens for different seeds', () => {
    const first = generateCitizen('nantes', 3, { ...options, seed: 'one' });
    const second = generateCitizen('nantes', 3, { ...options, seed: 'two' });
    expect(second.data.electricity.daily).not.toEqual(first.data.electricity.daily);
    expect(second.data).not.toEqual(first.data);
  });

  it('returns different citizens for different indexes and territories', () => {
    expect(generateCitizen('lyon', 1, options).data).not.toEqual(generateCitizen('lyon', 2, options).data);
    expect(generateCitizen('lyon', 1, options).data.water).not.toEqual(
      generateCitizen('nantes', 1, options).data.water,
    );
  });

  it('does not depend on the order or number of citizens generated before', () => {
    const batch = generateCitizens('larochelle', 6, options);
    const reversed = [5, 4, 3, 2, 1, 0].map((index) => generateCitizen('larochelle', index, options));
    expect(reversed.reverse()).toEqual(batch);
    expect(generateCitizens('larochelle', 3, options)).toEqual(batch.slice(0, 3));
  });

  it('uses the seed "sdt" by default', () => {
    expect(generateCitizen('lyon', 0, options)).toEqual(generateCitizen('lyon', 0, { ...options, seed: 'sdt' }));
  });

  it('gives synthetic citizens the contractual account, pod name and password', () => {
    const citizen = generateCitizen('nantes', 42, options);
    expect(citizen.account).toEqual({
      email: 'citizen-0042@nantes.example',
      password: 'synth-nantes-0042',
      podName: 'citizen-0042',
    });
    expect(citizen.data.identity.email).toBe('citizen-0042@nantes.example');
    expect(citizen.index).toBe(42);
    expect(citizen.territory).toBe('nantes');
  });

  it('rejects an unknown territory, a negative index and malformed options with a typed error naming the field', () => {
    const attempts: [() => unknown, string, string][] = [
      [() => generateCitizen('paris' as 'lyon', 0, options), 'unknown-territory', 'territory'],
      [() => generateCitizen('lyon', -1, options), 'invalid-index', 'index'],
      [() => generateCitizen('lyon', 1.5, options), 'invalid-index', 'index'],
      [() => generateCitizens('lyon', -3, options), 'invalid-count', 'count'],
      [() => generateCitizen('lyon', 0, { endMonth: '2025-13' }), 'invalid-end-month', 'options.endMonth'],
      [() => generateCitizen('lyon', 0, { endMonth: '10/2025' }), 'invalid-end-month', 'options.endMonth'],
      [() => generateCitizen('lyon', 0, { ...options, months: 0 }), 'invalid-months', 'options.months'],
    ];
    for (const [attempt, code, field] of attempts) {
      let caught: unknown;
      try {
        attempt();
      } catch (error) {
        caught = error;
      }
      expect(SynthError.isInstance(caught)).toBe(true);
      expect(caught).toMatchObject({ code, field });
      expect((caught as Error).message).toContain(field);
    }
  });

  it('covers the month before the current one when no end month is given', () => {
    const citizen = generateCitizen('lyon', 0, { months: 1 });
    const start = citizen.data.electricity.daily[0]?.start ?? '';
    const now = new Date();
    const expected = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    const previous = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1)).toISOString().slice(0, 7);
    // Around midnight on the first of a month UTC and Paris may disagree by one month.
    expect([expected, previous]).toContain(start.slice(0, 7));
  });
});

describe('generateDemoCitizen', () => {
  it('gives each territory its contractual demo login and pod name', () => {
    for (const territory of ['lyon', 'nantes', 'larochelle'] as const) {
      const demo = generateDemoCitizen(territory, options);
      expect(demo.account).toEqual({ email: `demo@${territory}.example`, password: 'demo-citizen', podName: 'demo' });
      expect(demo.data.identity.email).toBe(`demo@${territory}.example`);
    }
  });

  it('populates every category, gas included, for the Nantes demo citizen', () => {
    const { data } = generateDemoCitizen('nantes', options);
    expect(data.housing.heatingEnergy).toBe('gas');
    expect(data.household.size).toBe(4);
    expect(data.income.allocataires).toHaveLength(2);
    expect(data.electricity.daily).toHaveLength(365);
    expect(data.electricity.curve.length).toBeGreaterThan(1400);
    expect(data.gas.daily).toHaveLength(365);
    expect(data.gas.monthly).toHaveLength(12);
    expect(data.water.daily).toHaveLength(365);
    expect(data.mobility.trips.length).toBeGreaterThan(50);
    expect(data.health.observations.length).toBeGreaterThan(3);
    expect(data.housing).toMatchObject({ yearBuilt: 1978, energyLabel: 'E' });
    expect(data.housing.primaryEnergyConsumption).toBeGreaterThanOrEqual(250);
    expect(data.housing.primaryEnergyConsumption).toBeLessThan(330);
  });

  it('is deterministic and differs from every synthetic citizen', () => {
    expect(generateDemoCitizen('lyon', options)).toEqual(generateDemoCitizen('lyon', options));
    expect(generateDemoCitizen('lyon', options).data.identity).not.toEqual(
      generateCitizen('lyon', 0, options).data.identity,
    );
  });
});
