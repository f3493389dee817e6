import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UserDto, UserLinkDto } from '@touchpoint/shared';
import type { AuthUser } from '../../core/auth/auth-user';
import { CurrentUser, Roles } from '../../core/auth/auth.decorators';
import { IdParamDto } from '../../core/http/id-param.dto';
import { InvitationsService } from './invitations.service';
import { CreateUserDto, InviteUserDto, UpdateUserDto } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get()
  @Roles('supervisor', 'manager', 'admin')
  @ApiOperation({ summary: 'All users with their teams' })
  list(): Promise<UserDto[]> {
    return this.users.list();
  }

  @Get(':id')
  @Roles('supervisor', 'manager', 'admin')
  get(@Param() { id }: IdParamDto): Promise<UserDto> {
    return this.users.get(id);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a user (409 if the email exists)' })
  create(@Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(body);
  }

  @Post('invitations')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Invite a colleague: the user is created without a password and a one-time link (7 days) is returned; for a pending invitee a fresh link replaces the older ones (409 if someone else has the email)',
  })
  invite(@Body() body: InviteUserDto, @CurrentUser() actor: AuthUser): Promise<UserLinkDto> {
    return this.invitations.invite(body, actor);
  }

  @Post(':id/invitation')
  @Roles('admin')
  @ApiOperation({
    summary: 'Send a pending invitee a fresh one-time link (7 days); older links stop working',
  })
  resendInvitation(
    @Param() { id }: IdParamDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<UserLinkDto> {
    return this.invitations.resendInvitation(id, actor);
  }

  @Post(':id/password-reset')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Reset a password: the old one stops working, every session ends, and a one-time link (24 hours) lets the user choose a new one',
  })
  resetPassword(@Param() { id }: IdParamDto, @CurrentUser() actor: AuthUser): Promise<UserLinkDto> {
    return this.invitations.resetPassword(id, actor);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change name, role, locale, teams, password or active flag' })
  update(
    @Param() { id }: IdParamDto,
    @Body() body: UpdateUserDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<UserDto> {
    return this.users.update(id, body, actor);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deactivate a user and end their sessions (history keeps them)' })
  deactivate(@Param() { id }: IdParamDto, @CurrentUser() actor: AuthUser): Promise<void> {
    return this.users.deactivate(id, actor);
  }
}
