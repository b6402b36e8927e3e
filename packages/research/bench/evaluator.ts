/**
 * Benchmark of the fast evaluator against Comunica on one pod: a year of daily electricity readings,
 * a dwelling and a household; the query "average daily kWh per month by DPE class".
 * Prints medians and ratios measured in the same run. Usage:
 *   node --import tsx packages/research/bench/evaluator.ts [--runs 15] [--pods 1]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { QueryEngine } from '@comunica/query-sparql';
import {
  checkStudyQuery,
  ENERGY_STUDY_POLICY,
  evaluatePerPod,
  evaluatePerPodWithComunica,
  evaluateWithComunica,
  finalise,
  mergePartials,
  PodDataIndex,
} from '../src/index.ts';
import { createEnergyPod } from '../test/support/energyPods.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '15' }, pods: { type: 'string', default: '1' } },
});
const runs = Number(values.runs);
const podCount = Number(values.pods);

const QUERY = `PREFIX sdt: <https://w3id.org/selfdata-territorial/ns#>
PREFIX saref: <https://saref.etsi.org/core/>
SELECT ?label ?month (AVG(?kwh) AS ?avgKwh) WHERE {
  ?r a sdt:ElectricityEnergyReading ; saref:hasTimestamp ?t ; saref:hasValue ?kwh .
  ?d a sdt:Dwelling ; sdt:energyLabel ?label .
  BIND(SUBSTR(STR(?t), 1, 7) AS ?month)
}
GROUP BY ?label ?month`;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function measure(label: string, repetitions: number, action: () => unknown): Promise<number> {
  await action(); // warm-up
  const samples: number[] = [];
  for (let index = 0; index < repetitions; index += 1) {
    const start = performance.now();
    await action();
    samples.push(performance.now() - start);
  }
  const result = median(samples);
  console.log(`${label.padEnd(46)} median ${result.toFixed(2).padStart(9)} ms  (${repetitions} runs)`);
  return result;
}

const labels = ['LabelA', 'LabelB', 'LabelC', 'LabelD', 'LabelE', 'LabelF', 'LabelG'];
const pods = Array.from({ length: podCount }, (_, index) =>
  createEnergyPod({
    index,
    label: labels[index % labels.length],
    householdSize: 1 + (index % 5),
    district: 'Croix-Rousse',
    start: '2025-01-01',
    days: 365,
  }),
);
const plan = checkStudyQuery(QUERY, ENERGY_STUDY_POLICY);
const engine = new QueryEngine();
console.log(
  `${podCount} pod(s), ${pods[0]!.size} triples each, fast evaluator supported: ${plan.fastEvaluation.supported}`,
);

const quads = pods.map((pod) => pod.getQuads(null, null, null, null));
const indexes = quads.map((podQuads) => new PodDataIndex(podQuads));
const fast = await measure('fast evaluator over the N3 Store', Math.max(runs * 20, 100), () =>
  finalise(mergePartials(pods.map((pod) => evaluatePerPod(plan, pod))), plan),
);
const fastQuads = await measure('fast evaluator over parsed quads (indexing)', Math.max(runs * 20, 100), () =>
  finalise(mergePartials(quads.map((podQuads) => evaluatePerPod(plan, podQuads))), plan),
);
const fastIndex = await measure('fast evaluator over a PodDataIndex', Math.max(runs * 20, 100), () =>
  finalise(mergePartials(indexes.map((index) => evaluatePerPod(plan, index))), plan),
);

const comunicaPartial = await measure('Comunica, partial query per pod + merge', runs, async () => {
  const partials = [];
  for (const pod of pods) partials.push(await evaluatePerPodWithComunica(plan, pod, { engine }));
  return finalise(mergePartials(partials), plan);
});
const comunicaPlain = await measure('Comunica, the query itself per pod', runs, async () => {
  for (const pod of pods) await evaluateWithComunica(QUERY, [pod], { engine });
});

console.log(`ratio Comunica query / fast over the Store:            ${(comunicaPlain / fast).toFixed(1)}x`);
console.log(`ratio Comunica partial query / fast over the Store:    ${(comunicaPartial / fast).toFixed(1)}x`);
console.log(`ratio Comunica query / fast over parsed quads:        ${(comunicaPlain / fastQuads).toFixed(1)}x`);
console.log(`ratio Comunica query / fast over a PodDataIndex:       ${(comunicaPlain / fastIndex).toFixed(1)}x`);
