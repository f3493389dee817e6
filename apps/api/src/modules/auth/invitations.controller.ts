import { Body, Controller, Get, Headers, HttpCode, Ip, Param, Post } from '@nestjs/common';
import {
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { AuthTokensDto, UserLinkInfoDto } from '@touchpoint/shared';
import { Public } from '../../core/auth/auth.decorators';
import { InvitationsService } from '../users/invitations.service';
import { LinkRateLimiter } from '../users/link-rate-limiter';
import { RedeemLinkDto } from '../users/users.dto';
import { AuthService } from './auth.service';

/**
 * The one-time links admins hand out (invitation, password reset), opened by people who are not
 * signed in. Accepting one signs the user in, as a sign-in with a password does.
 */
@ApiTags('auth')
@Controller('api/invitations')
@ApiNotFoundResponse({ description: 'No such link (`invitations.unknown`)' })
@ApiGoneResponse({ description: 'The link expired or was used (`invitations.expired`, `.used`)' })
@ApiTooManyRequestsResponse({
  description: 'Too many links that do not work from this address; Retry-After says when to retry',
})
export class InvitationsController {
  constructor(
    private readonly auth: AuthService,
    private readonly invitations: InvitationsService,
    private readonly limits: LinkRateLimiter,
  ) {}

  @Get(':token')
  @Public()
  @ApiOperation({ summary: 'Whose link it is and what for, while it works' })
  describe(@Param('token') token: string, @Ip() address: string): Promise<UserLinkInfoDto> {
    return this.limits.attempt(address, () => this.invitations.describe(token));
  }

  @Post(':token')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Choose the password, use the link up and sign in (answers as POST /api/auth/login)',
  })
  redeem(
    @Param('token') token: string,
    @Body() body: RedeemLinkDto,
    @Ip() address: string,
    @Headers('user-agent') userAgent?: string,
  ): Promise<AuthTokensDto> {
    return this.limits.attempt(address, () =>
      this.auth.redeemLink(token, body.password, userAgent),
    );
  }
}
