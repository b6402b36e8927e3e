import { contentToQuads, resourcePathFor, splitByMonth, type ResourceContent } from '@sdt/pod';
import { validateQuads, type CitizenData } from '@sdt/vocab';
import { describe, expect, it } from 'vitest';
import { generateCitizens, generateDemoCitizen } from './index.ts';

// Three months keep the run short and still include the autumn DST day (the curve covers October 2025).
const options = { endMonth: '2025-10', months: 3 } as const;

/** Maps a citizen's records to quads with the pod's RDF mapping, one resource IRI per pod resource. */
function toQuads(data: CitizenData, podRoot: string): ReturnType<typeof contentToQuads> {
  const contents = new Map<string, ResourceContent>([
    [resourcePathFor('identity'), { category: 'identity', record: data.identity }],
    [resourcePathFor('household'), { category: 'household', record: data.household }],
    [resourcePathFor('income'), { category: 'income', record: data.income }],
    [resourcePathFor('housing'), { category: 'housing', record: data.housing }],
    [resourcePathFor('health'), { category: 'health', records: data.health.observations }],
  ]);
  const series = [
    splitByMonth('electricity', 'daily', data.electricity.daily),
    splitByMonth('electricity', 'curve', data.electricity.curve),
    splitByMonth('gas', 'daily', data.gas.daily),
    splitByMonth('gas', 'monthly', data.gas.monthly),
    splitByMonth('water', 'daily', data.water.daily),
    splitByMonth('mobility', 'trips', data.mobility.trips),
  ];
  for (const map of series) for (const [path, content] of map) contents.set(path, content);
  return [...contents].flatMap(([path, content]) => contentToQuads(content, `${podRoot}${path}`));
}

describe('synthetic citizens through the pod RDF mapping', () => {
  it('conform to the SHACL shapes, demo citizens included', async () => {
    const citizens = [
      ...(['lyon', 'nantes', 'larochelle'] as const).flatMap((territory) => generateCitizens(territory, 2, options)),
      ...(['lyon', 'nantes', 'larochelle'] as const).map((territory) => generateDemoCitizen(territory, options)),
    ];
    for (const citizen of citizens) {
      const report = await validateQuads(toQuads(citizen.data, `https://pod.example/${citizen.account.podName}/`));
      expect(report.results.slice(0, 3), `${citizen.account.email}`).toEqual([]);
      expect(report.conforms).toBe(true);
    }
  }, 60_000);
});
