import { z } from 'zod';
import type { UserDto } from './user.schema';
import { emailSchema } from './common.schema';

export const loginRequestSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, { message: 'is required' }).max(200),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const refreshRequestSchema = z.object({
  refreshToken: z.string().min(20, { message: 'is not a refresh token' }).max(500),
});
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;

export const logoutRequestSchema = refreshRequestSchema;
export type LogoutRequest = RefreshRequest;

export interface AuthTokensDto {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: UserDto;
}

/** Claims inside an access token. */
export interface AccessTokenClaims {
  sub: string;
  role: string;
  email: string;
  /**
   * The user's session version when the token was signed. A password or role change, a deactivation
   * or signing out everywhere raises it, which ends every token signed before at once.
   */
  sv: number;
  /** Expiry (seconds since the epoch); tokens without it are refused. */
  exp?: number;
  iat?: number;
}
