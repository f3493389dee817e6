import type { AuthTokensDto } from '@touchpoint/shared';
import request from 'supertest';
import type { MadeUser } from './factories';

export async function login(
  url: string,
  user: Pick<MadeUser, 'email' | 'password'>,
): Promise<AuthTokensDto> {
  const res = await request(url)
    .post('/api/auth/login')
    .send({ email: user.email, password: user.password });
  if (res.status !== 200)
    throw new Error(`login of ${user.email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as AuthTokensDto;
}

/** supertest agent bound to a bearer token. */
export function as(url: string, token: string) {
  const auth = (r: request.Test) => r.set('Authorization', `Bearer ${token}`);
  return {
    get: (path: string) => auth(request(url).get(path)),
    post: (path: string) => auth(request(url).post(path)),
    patch: (path: string) => auth(request(url).patch(path)),
    put: (path: string) => auth(request(url).put(path)),
    delete: (path: string) => auth(request(url).delete(path)),
  };
}
