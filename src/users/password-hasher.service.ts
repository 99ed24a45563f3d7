import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/** Argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane); argon2id is the library's default algorithm. */
const ARGON2ID = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  /** A hash of a random password: verifying against it costs what a real check costs. */
  private readonly decoy: Promise<string> = hash(`decoy-${Math.random()}`, ARGON2ID);

  hash(password: string): Promise<string> {
    return hash(password, ARGON2ID);
  }

  /** Checks a password; with no stored hash it still spends the same time and answers false. */
  async verify(storedHash: string | null, password: string): Promise<boolean> {
    const target = storedHash ?? (await this.decoy);
    const matches = await verify(target, password).catch(() => false);
    return storedHash !== null && matches;
  }
}
