/**
 * The movable clock of the browser tests' third service: a small HTTP listener of the test stack
 * (never a route of the application) that moves the API's and the worker's Clock together.
 *
 *   GET  /now             → { now }
 *   POST /advance { ms }  → { now }   time moves forward by ms
 *   POST /set { iso }     → { now }   time moves forward to iso (never back: sessions and jobs only go forward)
 *
 * BullMQ delays jobs by the wall clock, so after each move the one-off jobs the move made due
 * (reminders, the unseen-referral flag, agenda steps) are promoted to run now. The recurring
 * schedules (the daily retention run, the sweeps) keep their real-time rhythm, so a test decides
 * what has run.
 */
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Clock } from '../../../src/clock/clock';
import { QUEUES } from '../../../src/queue/queues';

/** When (wall clock) the offset changed to what: a job's due time is its delay plus the offset when it was added. */
type Offsets = { since: number; offsetMs: number }[];

function offsetAt(offsets: Offsets, at: number): number {
  let offsetMs = 0;
  for (const change of offsets) if (change.since <= at) offsetMs = change.offsetMs;
  return offsetMs;
}

async function promoteDue(worker: INestApplicationContext, offsets: Offsets): Promise<number> {
  const current = offsets.at(-1)?.offsetMs ?? 0;
  let promoted = 0;
  for (const name of Object.values(QUEUES)) {
    const queue = worker.get<Queue>(getQueueToken(name), { strict: false });
    for (const job of await queue.getDelayed()) {
      if (job.repeatJobKey) continue;
      const dueAt = job.timestamp + job.delay + offsetAt(offsets, job.timestamp);
      if (dueAt <= Date.now() + current) {
        await job.promote();
        promoted += 1;
      }
    }
  }
  return promoted;
}

async function body(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** Listens on 127.0.0.1:port; answers a function that closes the listener. */
export async function openClockControl(
  port: number,
  api: INestApplicationContext,
  worker: INestApplicationContext,
): Promise<() => Promise<void>> {
  const clocks = [api.get(Clock), worker.get(Clock)];
  const offsets: Offsets = [];
  const now = () => clocks[0].now();

  const move = async (ms: number) => {
    for (const clock of clocks) clock.advance(ms);
    offsets.push({ since: Date.now(), offsetMs: (offsets.at(-1)?.offsetMs ?? 0) + ms });
    await promoteDue(worker, offsets);
  };

  const answer = (response: ServerResponse, status: number, payload: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(payload));
  };

  const server = createServer((request, response) => {
    void (async () => {
      try {
        if (request.method === 'GET' && request.url === '/now') return answer(response, 200, { now: now() });
        if (request.method !== 'POST') return answer(response, 405, { error: 'GET /now, POST /advance or /set' });
        const input = await body(request);
        let ms: number;
        if (request.url === '/advance') ms = Number(input.ms);
        else if (request.url === '/set') ms = new Date(String(input.iso)).getTime() - now().getTime();
        else return answer(response, 404, { error: 'POST /advance {ms} or /set {iso}' });
        if (!Number.isFinite(ms) || ms < 0) return answer(response, 400, { error: 'time only moves forward' });
        await move(ms);
        answer(response, 200, { now: now() });
      } catch (error) {
        answer(response, 500, { error: String(error) });
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
