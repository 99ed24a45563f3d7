import autocannon from 'autocannon';
import { sampleRss } from './processes';

/** One kind of request the benchmark drives, the same against either server. */
export interface Scenario {
  name: string;
  title: string;
  method: 'GET' | 'POST';
  /** Called for every request: a path (and a body) of its own where the scenario varies them. */
  path: () => string;
  body?: () => string;
  token: string;
  /** Which targets apply: a list or a detail read (≥ 0.5× the reference, p99 under 50 ms), creation (≥ 300/s). */
  target: 'list' | 'detail' | 'create' | null;
}

export interface Measured {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Answers outside 2xx, and requests that got no answer (timeouts, socket errors). */
  non2xx: number;
  errors: number;
  /** The largest resident memory of one process of the server, and of all of them, in MB. */
  rssMb: number;
  rssTotalMb: number;
  /** A few of the failures, status and the start of the body, to say why. */
  failures: string[];
}

let running: autocannon.Instance | undefined;

/** Stops the run in progress (Ctrl-C). */
export function stopLoad(): void {
  running?.stop();
}

/** Drives `scenario` against `url` for `seconds` over `connections` connections, sampling the server's memory. */
export function drive(
  url: string,
  serverPid: number,
  scenario: Scenario,
  options: { connections: number; seconds: number },
): Promise<Measured> {
  const failures = new Map<string, number>();
  const memory = sampleRss(serverPid);
  const headers: Record<string, string> = { authorization: `Bearer ${scenario.token}` };
  if (scenario.body) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    running = autocannon(
      {
        url,
        connections: options.connections,
        duration: options.seconds,
        timeout: 10,
        requests: [
          {
            method: scenario.method,
            headers,
            setupRequest: (request) => ({
              ...request,
              path: scenario.path(),
              ...(scenario.body ? { body: scenario.body() } : {}),
            }),
            onResponse: (status, body) => {
              if (status >= 200 && status < 300) return;
              const key = `${status} ${body.slice(0, 300)}`;
              failures.set(key, (failures.get(key) ?? 0) + 1);
            },
          },
        ],
      },
      (error, result) => {
        running = undefined;
        const rss = memory.stop();
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        resolve({
          requestsPerSecond: result.requests.total / (result.duration || options.seconds),
          p50: result.latency.p50,
          p99: result.latency.p99,
          non2xx: result.non2xx,
          errors: result.errors,
          rssMb: rss.maxProcessMb,
          rssTotalMb: rss.maxTotalMb,
          failures: [...failures].map(([failure, count]) => `${count}× ${failure}`).slice(0, 3),
        });
      },
    );
  });
}
