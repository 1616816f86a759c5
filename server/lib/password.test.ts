import { describe, expect, it } from 'vitest';
import { getDummyHash, hashPassword, verifyPassword } from './password.ts';

describe('password hashes', () => {
  it('the dummy hash costs what a real one does: the same algorithm and parameters', async () => {
    const params = (h: string) => h.split('$').slice(0, 4).join('$');
    const real = await hashPassword('Some-password-1');
    expect(params(getDummyHash())).toBe(params(real));
    expect(await verifyPassword('Some-password-1', real)).toBe(true);
    expect(await verifyPassword('Some-password-1', getDummyHash())).toBe(false);
  });
});
