import { AuditChainRepository, LINK_BATCH, LinkRow } from './audit-chain.repository';
import { chainHash, contentHash, fieldsOfRow, GENESIS_HASH } from './audit-hash';
import { Checkpoint, SigningKey, signatureHolds } from './checkpoint';

/** What can be wrong with the chain, as the verify result names it (snake_case, as every value clients see). */
export const CHAIN_PROBLEMS = [
  'missing_link',
  'broken_link',
  'missing_event',
  'edited_event',
  'unchained_event',
  'checkpoint_mismatch',
  'checkpoint_signature',
  'retention_anchor',
  'truncated',
] as const;

export type ChainProblem = (typeof CHAIN_PROBLEMS)[number];

/** How a long verification reports as it goes. */
export interface VerifyProgress {
  /** Links read at a time (LINK_BATCH unless given). */
  batch?: number;
  /** Stop at this link: what was chained when the run began (later events are the next run's). */
  upToSeq?: number;
  /** Called after each batch with the links checked so far. */
  onBatch?: (checked: number) => Promise<void>;
}

export interface VerifyResult {
  ok: boolean;
  /** Links checked. */
  checked: number;
  firstBadEventId?: string;
  problem?: ChainProblem;
  checkpoints: { checked: number; external: boolean };
}

/** Whether the event read back hashes to what the chain holds for it. */
function eventProblem(row: LinkRow): ChainProblem | null {
  if (!row.id) return 'missing_event';
  const recomputed = contentHash(fieldsOfRow(row as unknown as Record<string, unknown>));
  return recomputed === row.chain_content_hash && row.content_hash === row.chain_content_hash ? null : 'edited_event';
}

/**
 * Walks the chain in order and recomputes every hash from the events as stored (in this
 * process, not with the database's functions), then holds the chain against the checkpoints:
 * a chain re-hashed after an edit is consistent in itself, and only a checkpoint kept outside
 * the database shows it. Names the first event it cannot vouch for.
 */
export async function verifyChain(
  chain: Pick<AuditChainRepository, 'retentionAnchor' | 'links' | 'firstUnchainedEventId'>,
  checkpoints: Checkpoint[],
  key: SigningKey | null,
  external: boolean,
  progress: VerifyProgress = {},
): Promise<VerifyResult> {
  const batch = progress.batch ?? LINK_BATCH;
  // After retention the chain starts at the last link dropped, which must have been sealed.
  const anchor = await chain.retentionAnchor();
  const summary = { checked: checkpoints.length, external };
  const bad = (problem: ChainProblem, eventId: string | undefined, checked: number): VerifyResult => ({
    ok: false,
    checked,
    firstBadEventId: eventId,
    problem,
    checkpoints: summary,
  });
  for (const checkpoint of checkpoints) {
    if (key && !signatureHolds(checkpoint, key)) return bad('checkpoint_signature', checkpoint.eventId, 0);
  }
  if (
    anchor &&
    external &&
    !checkpoints.some((checkpoint) => checkpoint.seq === Number(anchor.seq) && checkpoint.hash === anchor.hash)
  )
    return bad('retention_anchor', anchor.event_id, 0);
  const sealed = new Map(checkpoints.map((checkpoint) => [checkpoint.seq, checkpoint]));
  let previousHash = anchor?.hash ?? GENESIS_HASH;
  let previousSeq = anchor ? Number(anchor.seq) : 0;
  let checked = 0;
  // The first event after the last checkpoint that matched: where an undetected rewrite could begin.
  let firstUnsealedEventId: string | undefined;
  let walking = true;
  while (walking) {
    const rows = await chain.links(previousSeq, batch);
    for (const row of rows) {
      const seq = Number(row.seq);
      if (progress.upToSeq !== undefined && seq > progress.upToSeq) {
        walking = false;
        break;
      }
      firstUnsealedEventId ??= row.event_id;
      if (seq !== previousSeq + 1) return bad('missing_link', row.event_id, checked);
      if (row.prev_hash !== previousHash) return bad('broken_link', row.event_id, checked);
      const problem = eventProblem(row);
      if (problem) return bad(problem, row.event_id, checked);
      if (chainHash(seq, row.prev_hash, row.chain_content_hash) !== row.hash)
        return bad('broken_link', row.event_id, checked);
      const checkpoint = sealed.get(seq);
      if (checkpoint) {
        if (checkpoint.hash !== row.hash || checkpoint.eventId !== row.event_id)
          return bad('checkpoint_mismatch', firstUnsealedEventId, checked);
        firstUnsealedEventId = undefined;
      }
      previousHash = row.hash;
      previousSeq = seq;
      checked++;
    }
    if (rows.length < batch) walking = false;
    await progress.onBatch?.(checked);
  }
  const latest = checkpoints[checkpoints.length - 1];
  if (latest && latest.seq > previousSeq) return bad('truncated', latest.eventId, checked);
  const unchained = await chain.firstUnchainedEventId();
  if (unchained) return bad('unchained_event', unchained, checked);
  return { ok: true, checked, checkpoints: summary };
}
