import { createHash, createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { appendFile, mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A seal of the chain: its last link when sealed, signed. */
export interface Checkpoint {
  seq: number;
  eventId: string;
  hash: string;
  sealedAt: string;
  keyId: string;
  signature: string;
}

/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows it. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
}

/** The key from AUDIT_SIGNING_KEY: a 32-byte Ed25519 seed, base64. */
export function signingKeyFrom(seedBase64: string): SigningKey {
  const seed = Buffer.from(seedBase64, 'base64');
  if (seed.length !== 32) throw new Error('AUDIT_SIGNING_KEY must be 32 bytes encoded as base64');
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(privateKey);
  const raw = publicKey.export({ format: 'der', type: 'spki' });
  return { privateKey, publicKey, keyId: createHash('sha256').update(raw).digest('hex').slice(0, 16) };
}

const message = (checkpoint: Omit<Checkpoint, 'keyId' | 'signature'>) =>
  Buffer.from(
    `samvirke-audit-checkpoint/v1\n${checkpoint.seq}\n${checkpoint.eventId}\n${checkpoint.hash}\n${checkpoint.sealedAt}`,
    'utf8',
  );

export function signCheckpoint(link: Omit<Checkpoint, 'keyId' | 'signature'>, key: SigningKey): Checkpoint {
  return { ...link, keyId: key.keyId, signature: sign(null, message(link), key.privateKey).toString('base64') };
}

export function signatureHolds(checkpoint: Checkpoint, key: SigningKey): boolean {
  return (
    checkpoint.keyId === key.keyId &&
    verify(null, message(checkpoint), key.publicKey, Buffer.from(checkpoint.signature, 'base64'))
  );
}

/**
 * Appends a checkpoint to the file outside the database (one JSON line each), flushed to
 * disk before it counts. A deployment points the directory at write-once storage.
 */
export async function appendCheckpoint(directory: string, checkpoint: Checkpoint): Promise<void> {
  await mkdir(directory, { recursive: true });
  const path = join(directory, CHECKPOINT_FILE);
  await appendFile(path, `${JSON.stringify(checkpoint)}\n`, { encoding: 'utf8', flag: 'a' });
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The checkpoints held outside the database, oldest first; none if there is no file yet. */
export async function readCheckpoints(directory: string): Promise<Checkpoint[]> {
  let text: string;
  try {
    text = await readFile(join(directory, CHECKPOINT_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Checkpoint)
    .sort((a, b) => a.seq - b.seq);
}
