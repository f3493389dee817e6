import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UserDto } from '@touchpoint/shared';
import type { AuthUser } from '../../core/auth/auth-user';
import { CurrentUser, Roles } from '../../core/auth/auth.decorators';
import { IdParamDto } from '../../core/http/id-param.dto';
import { CreateUserDto, UpdateUserDto } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'All users with their teams' })
  list(): Promise<UserDto[]> {
    return this.users.list();
  }

  @Get(':id')
  @Roles('supervisor', 'admin')
  get(@Param() { id }: IdParamDto): Promise<UserDto> {
    return this.users.get(id);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a user (409 if the email exists)' })
  create(@Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(body);
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
