import { createUserSchema, updateUserSchema } from './user.schema';

describe('user schemas', () => {
  it('normalises the email and applies defaults', () => {
    const parsed = createUserSchema.parse({
      email: '  Anna@Example.COM ',
      name: 'Anna',
      password: 'long-enough-password',
    });
    expect(parsed).toEqual({
      email: 'anna@example.com',
      name: 'Anna',
      password: 'long-enough-password',
      role: 'agent',
      locale: 'de',
      teamIds: [],
    });
  });

  it('says which field is wrong', () => {
    const result = createUserSchema.safeParse({
      email: 'nope',
      name: '',
      password: 'short',
      role: 'boss',
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['email', 'name', 'password', 'role']);
  });

  it('rejects unknown keys and empty updates', () => {
    expect(
      createUserSchema.safeParse({
        email: 'a@b.de',
        name: 'A',
        password: 'x'.repeat(12),
        admin: true,
      }).success,
    ).toBe(false);
    expect(updateUserSchema.safeParse({}).success).toBe(false);
    expect(updateUserSchema.safeParse({ role: 'supervisor' }).success).toBe(true);
  });
});
