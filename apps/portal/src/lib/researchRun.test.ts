import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { ResearchError, StudyError, type StudyAnswer } from '@sdt/research';
import { toErrorLine, toResultLine } from './researchRun.ts';

const XSD = 'http://www.w3.org/2001/XMLSchema#';

describe('the lines of the research run route', () => {
  it('sends the rows as JSON terms and the report with failed pods by reason only (no pod address)', () => {
    const answer: StudyAnswer = {
      variables: ['label', 'avgKwh'],
      rows: [
        {
          bindings: {
            label: DataFactory.namedNode('https://w3id.org/selfdata-territorial/ns#LabelF'),
            avgKwh: DataFactory.literal('12.5', DataFactory.namedNode(`${XSD}decimal`)),
          },
          contributingPods: 6,
        },
      ],
      report: {
        study: 'http://localhost:3101/research-engine/studies/dpe-electricity#study',
        podsAsked: 8,
        podsAnswered: 6,
        podsFailed: 2,
        failures: [
          { pod: 'http://localhost:3101/alice/', reason: 'forbidden', message: 'GET http://localhost:3101/alice/data/ answered 403', path: 'endpoint' },
          { pod: 'http://localhost:3102/bob/', reason: 'forbidden', message: 'no grant', path: 'endpoint' },
        ],
        paths: { endpoint: 8, http: 0 },
        minimumGroupSize: 5,
        groups: 2,
        groupsSuppressed: 1,
        clippedGroups: 0,
        noise: null,
        budget: null,
        durationMs: 1234,
      },
    };
    const line = toResultLine(answer);
    expect(line).toMatchObject({
      type: 'result',
      variables: ['label', 'avgKwh'],
      rows: [
        {
          bindings: {
            label: { termType: 'NamedNode', value: 'https://w3id.org/selfdata-territorial/ns#LabelF' },
            avgKwh: { termType: 'Literal', value: '12.5', datatype: `${XSD}decimal` },
          },
          contributingPods: 6,
        },
      ],
      report: { podsAsked: 8, podsAnswered: 6, podsFailed: 2, failures: [{ reason: 'forbidden', count: 2 }], groupsSuppressed: 1 },
    });
    expect(JSON.stringify(line)).not.toContain('alice');
    expect(JSON.stringify(line)).not.toContain('bob');
  });

  it("passes on the checker's message and position, and only a code for unexpected failures", () => {
    expect(toErrorLine(new ResearchError('syntax', "Invalid SPARQL at line 3, column 4: unexpected '}'.", { position: { line: 3, column: 4 } }))).toEqual({
      type: 'error',
      code: 'syntax',
      message: "Invalid SPARQL at line 3, column 4: unexpected '}'.",
      position: { line: 3, column: 4 },
    });
    expect(toErrorLine(new ResearchError('not-aggregate', 'SELECT ?kwh: ?kwh is neither an aggregate nor a GROUP BY key'))).toMatchObject({
      code: 'not-aggregate',
      message: expect.stringContaining('?kwh'),
    });
    expect(toErrorLine(new StudyError('no-consenting-pods', 'No pod has opted in.'))).toEqual({ type: 'error', code: 'no-consenting-pods', message: 'No pod has opted in.' });
    // Engine login problems and the like: never their message (it could name an account or a server).
    expect(toErrorLine(new StudyError('engine', 'No research engine account research-engine@x with password'))).toEqual({ type: 'error', code: 'failed', message: '' });
    expect(toErrorLine(new Error('secret'))).toEqual({ type: 'error', code: 'failed', message: '' });
  });
});
