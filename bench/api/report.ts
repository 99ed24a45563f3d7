import { Measured, Scenario } from './load';

/** The issue's targets on its 2-core machine. */
export const TARGETS = {
  ratio: 0.5,
  p99Ms: 50,
  createPerSecond: 300,
  rssMb: 250,
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** A scenario's rounds on one server, summed up: medians of rate and latency, every failure, the most memory. */
export interface Summary {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  failed: number;
  rssMb: number;
  rssTotalMb: number;
  failures: string[];
}

export function summarise(rounds: Measured[]): Summary {
  return {
    requestsPerSecond: median(rounds.map((round) => round.requestsPerSecond)),
    p50: median(rounds.map((round) => round.p50)),
    p99: median(rounds.map((round) => round.p99)),
    failed: rounds.reduce((sum, round) => sum + round.non2xx + round.errors, 0),
    rssMb: Math.max(...rounds.map((round) => round.rssMb)),
    rssTotalMb: Math.max(...rounds.map((round) => round.rssTotalMb)),
    failures: [...new Set(rounds.flatMap((round) => round.failures))].slice(0, 3),
  };
}

const mark = (ok: boolean) => (ok ? 'pass' : '**FAIL**');
const rate = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

/** What each target says of a scenario's summaries. */
export function verdicts(scenario: Scenario, api: Summary, reference: Summary): string[] {
  const ratio = api.requestsPerSecond / reference.requestsPerSecond;
  const said: string[] = [];
  if (scenario.target === 'list' || scenario.target === 'detail') {
    said.push(`≥ ${TARGETS.ratio}×: ${mark(ratio >= TARGETS.ratio)}`);
    said.push(`p99 < ${TARGETS.p99Ms} ms: ${mark(api.p99 < TARGETS.p99Ms)}`);
  }
  if (scenario.target === 'create') {
    said.push(`≥ ${TARGETS.createPerSecond}/s: ${mark(api.requestsPerSecond >= TARGETS.createPerSecond)}`);
  }
  said.push(`no non-2xx: ${mark(api.failed === 0)}`);
  said.push(`RSS < ${TARGETS.rssMb} MB: ${mark(api.rssMb < TARGETS.rssMb)}`);
  return said;
}

/** The Markdown table of one configuration, fit for the README. */
export function table(results: { scenario: Scenario; api: Summary; reference: Summary }[]): string {
  const lines = [
    '| scenario | Samvirke req/s | p50 ms | p99 ms | non-2xx | RSS MB | reference req/s | p50 ms | p99 ms | non-2xx | Samvirke ÷ reference | targets |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const { scenario, api, reference } of results) {
    const ratio = api.requestsPerSecond / reference.requestsPerSecond;
    lines.push(
      `| ${scenario.title} | ${rate(api.requestsPerSecond)} | ${ms(api.p50)} | ${ms(api.p99)} | ${api.failed} | ` +
        `${api.rssMb.toFixed(0)}${api.rssTotalMb > api.rssMb + 1 ? ` (${api.rssTotalMb.toFixed(0)} in all)` : ''} | ` +
        `${rate(reference.requestsPerSecond)} | ${ms(reference.p50)} | ${ms(reference.p99)} | ${reference.failed} | ` +
        `${ratio.toFixed(2)}× | ${verdicts(scenario, api, reference).join('; ')} |`,
    );
  }
  return lines.join('\n');
}
