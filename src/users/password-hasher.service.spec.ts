import * as argon2 from '@node-rs/argon2';
import { PasswordHasher } from './password-hasher.service';

jest.mock('@node-rs/argon2', () => {
  const actual = jest.requireActual<typeof argon2>('@node-rs/argon2');
  return { ...actual, verify: jest.fn(actual.verify) };
});

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with argon2id', async () => {
    const hash = await hasher.hash('a long enough password');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hasher.verify(hash, 'a long enough password')).toBe(true);
    expect(await hasher.verify(hash, 'another password')).toBe(false);
  });

  it('does the same argon2 work when there is no account, and says no', async () => {
    const verify = argon2.verify as jest.MockedFunction<typeof argon2.verify>;
    verify.mockClear();
    expect(await hasher.verify(null, 'a long enough password')).toBe(false);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify.mock.calls[0][0]).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
