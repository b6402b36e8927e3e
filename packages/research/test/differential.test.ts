/**
 * The differential corpus: every query of test/corpus runs over 10 varied synthetic pods through
 * 1. our fast evaluator, per pod, then mergePartials + finalise;
 * 2. Comunica per pod on the query rewritten into partial form (buildPartialQuery), then the same
 *    merge: the per-pod partials must be identical, and so must the final rows;
 * 3. where it is equivalent (no DISTINCT over values shared between pods, no sub-query), Comunica
 *    once over the union of the pods' data, each pod in its own named graph and the WHERE clause
 *    wrapped in GRAPH ?pod {...}: this checks our merge and finalise independently of our code.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { QueryEngine } from '@comunica/query-sparql';
import { DataFactory, Store } from 'n3';
import sparqljs from 'sparqljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkStudyQuery,
  ENERGY_STUDY_POLICY,
  evaluatePerPod,
  evaluatePerPodWithComunica,
  evaluateWithComunica,
  finalise,
  mergePartials,
  PodDataIndex,
  type PartialAggregates,
  type StudyQueryPlan,
} from '../src/index.ts';
import { explainPartialsDifference, explainRowsDifference } from './support/compareResults.ts';
import { createCorpusPods, createEnergyPod } from './support/energyPods.ts';

const corpusDirectory = join(import.meta.dirname, 'corpus');
const files = readdirSync(corpusDirectory)
  .filter((file) => file.endsWith('.rq'))
  .sort();

interface CorpusQuery {
  readonly file: string;
  readonly title: string;
  readonly text: string;
  readonly union: boolean;
  readonly fast: boolean;
  readonly noise: boolean;
}

function readCorpusQuery(file: string): CorpusQuery {
  const text = readFileSync(join(corpusDirectory, file), 'utf8');
  const header = (name: string): string | undefined => new RegExp(`^# ${name}: (\\w+)`, 'mu').exec(text)?.[1];
  return {
    file,
    title: /^# (.*)$/mu.exec(text)?.[1] ?? file,
    text,
    union: header('union') !== 'no',
    fast: header('fast') !== 'no',
    noise: header('noise') === 'yes',
  };
}

function buildUnionQuery(plan: StudyQueryPlan): string {
  const query = {
    ...plan.query,
    where: [{ type: 'graph' as const, name: DataFactory.variable('sdtPod'), patterns: [...plan.where] }],
  };
  return new sparqljs.Generator().stringify(query);
}

describe('the differential corpus', () => {
  const podOptions = createCorpusPods();
  const pods = podOptions.map((options) => createEnergyPod(options));
  const indexes = pods.map((pod) => new PodDataIndex(pod.getQuads(null, null, null, null)));
  const union = new Store();
  const engine = new QueryEngine();

  beforeAll(() => {
    pods.forEach((pod, index) => {
      for (const quad of pod.getQuads(null, null, null, null)) {
        union.addQuad(quad.subject, quad.predicate, quad.object, DataFactory.namedNode(`urn:test:pod:${index}`));
      }
    });
  });

  it('has at least 40 queries', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  for (const file of files) {
    const corpusQuery = readCorpusQuery(file);
    it(`${file}: ${corpusQuery.title} gives the same result as Comunica`, async () => {
      const plan = checkStudyQuery(corpusQuery.text, { ...ENERGY_STUDY_POLICY, usesNoise: corpusQuery.noise });
      expect(plan.fastEvaluation.supported, JSON.stringify(plan.fastEvaluation)).toBe(corpusQuery.fast);

      const reference: PartialAggregates[] = [];
      for (const pod of pods) reference.push(await evaluatePerPodWithComunica(plan, pod, { engine }));
      const referenceRows = finalise(mergePartials(reference), plan).map((row) => row.bindings);

      if (corpusQuery.fast) {
        const partials = pods.map((pod) => evaluatePerPod(plan, pod));
        partials.forEach((partial, index) => {
          expect(explainPartialsDifference(partial, reference[index]!), `pod ${index}`).toBeUndefined();
          // The same over the pod's quads indexed by PodDataIndex instead of the N3 Store.
          const fromQuads = evaluatePerPod(plan, indexes[index]!);
          expect(
            explainPartialsDifference(fromQuads, reference[index]!),
            `pod ${index} from its quads`,
          ).toBeUndefined();
        });
        const rows = finalise(mergePartials(partials), plan).map((row) => row.bindings);
        expect(explainRowsDifference(rows, referenceRows, plan.order.length > 0)).toBeUndefined();
      }

      if (corpusQuery.union) {
        const unionRows = await evaluateWithComunica(buildUnionQuery(plan), [union], { engine });
        const projected = unionRows.map((row) => {
          const { sdtPod: _pod, ...rest } = row;
          return rest;
        });
        expect(explainRowsDifference(referenceRows, projected, plan.order.length > 0)).toBeUndefined();
      }
    });
  }
});
