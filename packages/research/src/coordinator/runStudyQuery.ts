import type * as RDF from '@rdfjs/types';
import { checkStudyQuery } from '../query/checkStudyQuery.ts';
import type { StudyQueryPlan } from '../query/StudyQueryPlan.ts';
import { evaluatePodPartials } from '../evaluatePerPod.ts';
import { mergePartials } from '../mergePartials.ts';
import { finalise } from '../finalise.ts';
import { parsePartialAggregates } from '../parsePartialAggregates.ts';
import type { PartialAggregates } from '../partials.ts';
import { PrivacyBudget } from '../privacy/PrivacyBudget.ts';
import { createSecureRandom, type RandomSource } from '../privacy/createSeededRandom.ts';
import {
  addLaplaceNoise,
  clipPodPartials,
  getContributionBounds,
  type NoiseMechanism,
  type NoiseParameters,
} from '../privacy/noise.ts';
import { getStudyQueryPolicy, isStudyExpired, type Study } from '../studies/Study.ts';
import { StudyError } from '../studies/StudyError.ts';
import {
  fetchResourcesAsQuads,
  listPodResources,
  mapBounded,
  PodReadError,
  type HttpReadOptions,
} from '../engine/readPodOverHttp.ts';

/** Path of the research endpoint on a territory server. */
export const RESEARCH_ENDPOINT_PATH = '.sdt/research';

/** One pod to ask. */
export interface PodTarget {
  readonly podUrl: string;
}

/** A pod that did not answer, and why. */
export interface PodFailure {
  readonly pod: string;
  readonly reason: PodReadError['reason'] | 'refused-by-server';
  readonly message: string;
  /** How the pod was asked. */
  readonly path: 'endpoint' | 'http';
}

/** Progress of a run: pods answered or failed so far, out of all asked. */
export interface StudyQueryProgress {
  readonly done: number;
  readonly failed: number;
  readonly total: number;
}

/** The privacy and coverage report of every answer. */
export interface PrivacyReport {
  readonly study: string;
  readonly podsAsked: number;
  readonly podsAnswered: number;
  readonly podsFailed: number;
  /** Every failed pod with its reason (a pod is never dropped silently). */
  readonly failures: readonly PodFailure[];
  /** Pods asked through a research endpoint / over HTTP. */
  readonly paths: { readonly endpoint: number; readonly http: number };
  /** The study's minimum group size k. */
  readonly minimumGroupSize: number;
  readonly groups: number;
  readonly groupsSuppressed: number;
  /** Groups a pod contributed to beyond maxGroupsPerPod, dropped by clipping (noisy studies). */
  readonly clippedGroups: number;
  readonly noise: null | {
    readonly epsilon: number;
    readonly mechanisms: readonly NoiseMechanism[];
  };
  readonly budget: null | { readonly total: number; readonly spent: number; readonly remaining: number };
  readonly durationMs: number;
}

/** One row of an answer; `contributingPods` is left out of noisy answers. */
export interface AnswerRow {
  readonly bindings: Readonly<Record<string, RDF.Term>>;
  readonly contributingPods?: number;
}

/** The answer of {@link runStudyQuery}. */
export interface StudyAnswer {
  readonly variables: readonly string[];
  readonly rows: readonly AnswerRow[];
  readonly report: PrivacyReport;
}

/** Options of {@link runStudyQuery}. */
export interface RunStudyQueryOptions {
  readonly study: Study;
  readonly query: string;
  /** The consenting pods (e.g. from `listStudyParticipants`). */
  readonly pods: readonly PodTarget[];
  /** Authenticated as the research engine with the study's client (`ResearchEngineAccount.openStudyClient`). */
  readonly fetch: typeof globalThis.fetch;
  /**
   * Base URLs of territory servers with a research endpoint: their pods are evaluated there, in one
   * streamed request per server. Other pods are read over HTTP. Default none (all over HTTP).
   */
  readonly endpoints?: readonly string[];
  /** The study's budget (noisy studies must give one); charged before any pod is read. */
  readonly budget?: PrivacyBudget;
  /** Called after a charge, to persist the ledger before the query runs. */
  readonly saveBudget?: (budget: PrivacyBudget) => Promise<void>;
  /** Noise source; default cryptographically secure. Use `createSeededRandom(seed)` in tests. */
  readonly random?: RandomSource;
  /** Pods read over HTTP at the same time (default 16). */
  readonly concurrency?: number;
  /** Time allowed to one pod over HTTP, ms (default 30,000). */
  readonly podTimeoutMs?: number;
  /** Time allowed to one server's endpoint answer, ms (default 600,000). */
  readonly endpointTimeoutMs?: number;
  readonly retries?: number;
  readonly onProgress?: (progress: StudyQueryProgress) => void;
  readonly now?: Date;
}

function serverOf(podUrl: string, endpoints: readonly string[]): string | undefined {
  return endpoints.find((server) => podUrl.startsWith(server.endsWith('/') ? server : `${server}/`));
}

/**
 * Runs a study query over the consenting pods: checks it against the study, charges the budget
 * (noisy studies), evaluates it per pod (through the territory servers' research endpoints, or
 * over HTTP), merges the partial aggregates, clips and adds Laplace noise when the study asks for
 * it, suppresses groups with fewer than k distinct contributing pods, and reports coverage.
 * @throws StudyError `expired-study`, `no-consenting-pods`; ResearchError on a refused query or budget
 */
export async function runStudyQuery(options: RunStudyQueryOptions): Promise<StudyAnswer> {
  const started = performance.now();
  const { study } = options;
  if (isStudyExpired(study, options.now))
    throw new StudyError(
      'expired-study',
      `The study ${study.slug} ended on ${study.endDate}; it takes no more queries.`,
    );
  const plan = checkStudyQuery(options.query, getStudyQueryPolicy(study));
  const pods = [...new Map(options.pods.map((p) => [p.podUrl, p])).values()];
  if (pods.length === 0)
    throw new StudyError('no-consenting-pods', `No pod has opted in to the study ${study.slug} yet.`);

  let noise: NoiseParameters | undefined;
  if (study.usesNoise) {
    noise = {
      epsilon: study.queryEpsilon,
      bounds: getContributionBounds(plan, study.clippingBounds),
      maxGroupsPerPod: study.maxGroupsPerPod,
    };
    if (!options.budget)
      throw new StudyError('engine', `The study ${study.slug} adds noise: its privacy budget must be given.`);
    options.budget.charge(study.queryEpsilon, `query ${new Date().toISOString()}`);
    await options.saveBudget?.(options.budget);
  }

  const partials: PartialAggregates[] = [];
  const failures: PodFailure[] = [];
  let clippedGroups = 0;
  let done = 0;
  const progress = (): void => options.onProgress?.({ done, failed: failures.length, total: pods.length });
  const accept = (partial: PartialAggregates): void => {
    if (noise) {
      const clipped = clipPodPartials(partial, plan, noise);
      clippedGroups += clipped.droppedGroups;
      partials.push(clipped.partial);
    } else {
      partials.push(partial);
    }
    done++;
    progress();
  };
  const fail = (failure: PodFailure): void => {
    failures.push(failure);
    done++;
    progress();
  };

  const endpoints = options.endpoints ?? [];
  const byServer = new Map<string, string[]>();
  const overHttp: string[] = [];
  for (const pod of pods) {
    const server = serverOf(pod.podUrl, endpoints);
    if (server === undefined) overHttp.push(pod.podUrl);
    else byServer.set(server, [...(byServer.get(server) ?? []), pod.podUrl]);
  }
  let viaEndpoint = 0;
  const http: HttpReadOptions = { ...(options.retries === undefined ? {} : { retries: options.retries }) };
  const httpTasks: string[] = [...overHttp];

  await Promise.all([
    ...[...byServer].map(async ([server, serverPods]) => {
      const fellBack = await askEndpoint(server, serverPods, plan, options, accept, fail);
      viaEndpoint += serverPods.length - fellBack.length;
      httpTasks.push(...fellBack);
    }),
  ]);
  await mapBounded(httpTasks, options.concurrency ?? 16, async (podUrl) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('timeout')), options.podTimeoutMs ?? 30_000);
    try {
      const read = { ...http, signal: controller.signal, grantedOnly: true };
      const urls = await listPodResources(options.fetch, podUrl, study.categories, read);
      const quads = await fetchResourcesAsQuads(options.fetch, urls, read);
      let partial: PartialAggregates;
      try {
        partial = await evaluatePodPartials(plan, quads);
      } catch (error: unknown) {
        throw new PodReadError('evaluation', (error as Error).message);
      }
      accept(partial);
    } catch (error: unknown) {
      const reason = error instanceof PodReadError ? error.reason : controller.signal.aborted ? 'timeout' : 'network';
      fail({ pod: podUrl, reason, message: (error as Error).message, path: 'http' });
    } finally {
      clearTimeout(timer);
    }
  });

  const k = study.minimumGroupSize;
  let merged = mergePartials(partials.length > 0 ? partials : [emptyPartial(plan)]);
  const groupsSuppressed = merged.groups.filter((group) => group.pods < k).length;
  let mechanisms: readonly NoiseMechanism[] = [];
  if (noise) {
    const noisy = addLaplaceNoise(merged, plan, noise, options.random ?? createSecureRandom());
    merged = noisy.merged;
    mechanisms = noisy.mechanisms;
  }
  const rows = finalise(merged, plan, { minimumContributingPods: k });
  const budget = options.budget;
  return {
    variables: plan.projection.map((item) => item.variable),
    rows: rows.map((row) =>
      noise ? { bindings: row.bindings } : { bindings: row.bindings, contributingPods: row.contributingPods },
    ),
    report: {
      study: study.iri,
      podsAsked: pods.length,
      podsAnswered: partials.length,
      podsFailed: failures.length,
      failures: failures.sort((a, b) => a.pod.localeCompare(b.pod)),
      paths: { endpoint: viaEndpoint, http: pods.length - viaEndpoint },
      minimumGroupSize: k,
      groups: merged.groups.length,
      groupsSuppressed,
      clippedGroups,
      noise: noise ? { epsilon: noise.epsilon, mechanisms } : null,
      // Exact studies spend no budget: report none rather than a ledger nobody charges.
      budget:
        budget && study.usesNoise ? { total: budget.total, spent: budget.spent, remaining: budget.remaining } : null,
      durationMs: Math.round(performance.now() - started),
    },
  };
}

function emptyPartial(plan: StudyQueryPlan): PartialAggregates {
  return {
    functions: plan.aggregates.map((a) => a.fn),
    grouped: plan.groupKeys.length > 0,
    groups: [],
  };
}

/** One line of the endpoint's NDJSON answer. */
export type EndpointLine =
  | { readonly type: 'partial'; readonly pod: string; readonly partial: unknown }
  | { readonly type: 'error'; readonly pod: string; readonly reason: string; readonly message: string }
  | { readonly type: 'end'; readonly pods: number };

/**
 * Asks one territory server's research endpoint for the per-pod partials of its pods (one streamed
 * answer). Returns the pods to read over HTTP instead (all of them when the server has no endpoint).
 */
async function askEndpoint(
  server: string,
  pods: readonly string[],
  plan: StudyQueryPlan,
  options: RunStudyQueryOptions,
  accept: (partial: PartialAggregates) => void,
  fail: (failure: PodFailure) => void,
): Promise<string[]> {
  const url = new URL(RESEARCH_ENDPOINT_PATH, server.endsWith('/') ? server : `${server}/`).href;
  const answered = new Set<string>();
  const failAll = (reason: PodFailure['reason'], message: string): void => {
    for (const pod of pods) if (!answered.has(pod)) fail({ pod, reason, message, path: 'endpoint' });
  };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('timeout')), options.endpointTimeoutMs ?? 600_000);
  try {
    let response: Response;
    try {
      response = await options.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/x-ndjson' },
        body: JSON.stringify({ study: options.study.iri, query: options.query, pods }),
        signal: controller.signal,
      });
    } catch (error: unknown) {
      failAll('server-unreachable', `${server} is unreachable: ${(error as Error).message}`);
      return [];
    }
    if (response.status === 404 || response.status === 405) {
      await response.arrayBuffer();
      return [...pods];
    }
    if (!response.ok || !response.body) {
      const text = await response.text().catch(() => '');
      failAll('refused-by-server', `${url} answered ${response.status}: ${text.slice(0, 300)}`);
      return [];
    }
    const decoder = new TextDecoder();
    let buffer = '';
    const handle = (line: string): void => {
      if (line.trim() === '') return;
      const item = JSON.parse(line) as EndpointLine;
      if (item.type === 'end' || !pods.includes(item.pod) || answered.has(item.pod)) return;
      answered.add(item.pod);
      if (item.type === 'partial') {
        try {
          accept(parsePartialAggregates(item.partial, plan));
        } catch (error: unknown) {
          fail({ pod: item.pod, reason: 'parse', message: (error as Error).message, path: 'endpoint' });
        }
      } else {
        const reason =
          (['forbidden', 'evaluation', 'timeout', 'not-found'] as const).find((r) => r === item.reason) ??
          'refused-by-server';
        fail({ pod: item.pod, reason, message: item.message, path: 'endpoint' });
      }
    };
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let newline = buffer.indexOf('\n');
        while (newline >= 0) {
          handle(buffer.slice(0, newline));
          buffer = buffer.slice(newline + 1);
          newline = buffer.indexOf('\n');
        }
      }
      handle(buffer);
    } catch (error: unknown) {
      failAll(
        controller.signal.aborted ? 'timeout' : 'network',
        `The answer of ${server} broke off: ${(error as Error).message}`,
      );
      return [];
    }
    failAll('network', `${server} ended its answer without this pod.`);
    return [];
  } finally {
    clearTimeout(timer);
  }
}
