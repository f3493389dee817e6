import { Body, Controller, Headers, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { AuthTokensDto } from '@touchpoint/shared';
import type { AuthUser } from '../../core/auth/auth-user';
import { AllowReadOnlyRoles, CurrentUser, Public } from '../../core/auth/auth.decorators';
import { ChangePasswordDto, LoginDto, LogoutDto, RefreshDto } from './auth.dto';
import { AuthService } from './auth.service';
import { LoginRateLimiter } from './login-rate-limiter';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly limits: LoginRateLimiter,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password' })
  @ApiTooManyRequestsResponse({
    description:
      'Too many failed sign-ins for this account or from this address; Retry-After says when to try again',
  })
  login(
    @Body() body: LoginDto,
    @Ip() address: string,
    @Headers('user-agent') userAgent?: string,
  ): Promise<AuthTokensDto> {
    return this.limits.attempt(body.email, address, () => this.auth.login(body, userAgent));
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair (the old one stops working)' })
  refresh(
    @Body() body: RefreshDto,
    @Headers('user-agent') userAgent?: string,
  ): Promise<AuthTokensDto> {
    return this.auth.refresh(body.refreshToken, userAgent);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session the refresh token belongs to' })
  logout(@Body() body: LogoutDto): Promise<void> {
    return this.auth.logout(body.refreshToken);
  }

  @Post('logout-all')
  @AllowReadOnlyRoles()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Sign out everywhere: every access and refresh token of the user ends, sockets close',
  })
  logoutAll(@CurrentUser() user: AuthUser): Promise<void> {
    return this.auth.logoutEverywhere(user.id);
  }

  @Post('password')
  @AllowReadOnlyRoles()
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Change your own password: every other session ends; this one continues with the new tokens returned',
  })
  @ApiTooManyRequestsResponse({
    description:
      'Too many wrong passwords for this account (sign-ins included) or from this address; Retry-After says when to try again',
  })
  changePassword(
    @CurrentUser() user: AuthUser,
    @Body() body: ChangePasswordDto,
    @Ip() address: string,
    @Headers('user-agent') userAgent?: string,
  ): Promise<AuthTokensDto> {
    // A stolen access token must not turn into unlimited guesses at the password.
    return this.limits.attempt(
      user.email,
      address,
      () => this.auth.changePassword(user.id, body, userAgent),
      'password-change',
    );
  }
}
