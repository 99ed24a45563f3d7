import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A server this benchmark started: its process (the root of its process tree), port and log file. */
export interface Server {
  name: string;
  url: string;
  child: ChildProcess;
  log: string;
}

const children = new Set<ChildProcess>();

/** A port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Starts `command` in a process group of its own (so it and whatever it forks can be stopped together), output to `log`. */
export async function startServer(
  name: string,
  command: string[],
  env: Record<string, string>,
  port: number,
  log: string,
  readyPath: string,
): Promise<Server> {
  const out = createWriteStream(log, { flags: 'a' });
  const child = spawn(command[0], command.slice(1), {
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  child.once('exit', () => children.delete(child));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} while starting; see ${log}`);
    try {
      const answer = await fetch(`${url}${readyPath}`);
      if (answer.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} did not answer ${readyPath} within a minute; see ${log}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { name, url, child, log };
}

/** Stops a server's whole process group: SIGTERM, then SIGKILL after five seconds. */
export async function stopServer(server: Pick<Server, 'child'>): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signalGroup(child.pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
  // Whatever it forked and left behind.
  signalGroup(child.pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Every server still running: for the exit path (Ctrl-C, an error). */
export async function stopAll(): Promise<void> {
  await Promise.all([...children].map((child) => stopServer({ child })));
}

/** `pid` and all its descendants, from /proc. */
export function processTree(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: the fields after its closing one are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited meanwhile
    }
  }
  const tree: number[] = [];
  const visit = (id: number) => {
    tree.push(id);
    for (const child of parents.get(id) ?? []) visit(child);
  };
  visit(pid);
  return tree;
}

/** Resident memory of one process in MB (VmRSS), 0 if it has gone. */
export function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples a process tree's memory until stopped: the largest single process and the largest total seen. */
export function sampleRss(pid: number, everyMs = 250): { stop(): { maxProcessMb: number; maxTotalMb: number } } {
  const tree = processTree(pid);
  let maxProcessMb = 0;
  let maxTotalMb = 0;
  const sample = () => {
    const each = tree.map(rssMb);
    maxProcessMb = Math.max(maxProcessMb, ...each);
    maxTotalMb = Math.max(
      maxTotalMb,
      each.reduce((sum, value) => sum + value, 0),
    );
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { maxProcessMb, maxTotalMb };
    },
  };
}
