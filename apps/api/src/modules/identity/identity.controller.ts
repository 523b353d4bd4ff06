import { Body, Controller, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type {
  CreateDepartmentBody,
  CreateUserBody,
  LoginBody,
  UpdateDepartmentBody,
  UpdateUserBody,
} from '@baton/contracts';
import { CurrentUser, Public, Roles } from '../../platform/auth/decorators.js';
import { ROLE_ADMIN, type AuthUser } from '../../platform/auth/auth.types.js';
import { parseBody } from '../../platform/validation/body.js';
import { IdentityService } from './identity.service.js';
import * as S from './identity.schemas.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly identity: IdentityService) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; returns an access token' })
  @ApiBody({ schema: S.loginSchema as object })
  login(@Body() body: unknown, @Req() req: Request) {
    const { username, password } = parseBody<LoginBody>(S.loginSchema, body);
    return this.identity.login(username, password, req.ip ?? 'unknown');
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ summary: 'The current user' })
  me(@CurrentUser() user: AuthUser) {
    return this.identity.me(user);
  }
}

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly identity: IdentityService) {}

  // Any signed-in user may list people: assignee pickers and @mentions need it.
  @Get()
  list() {
    return this.identity.listUsers();
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.identity.getUser(id);
  }

  @Roles(ROLE_ADMIN)
  @Post()
  @ApiBody({ schema: S.createUserSchema as object })
  create(@Body() body: unknown) {
    return this.identity.createUser(parseBody<CreateUserBody>(S.createUserSchema, body));
  }

  @Roles(ROLE_ADMIN)
  @Patch(':id')
  @ApiBody({ schema: S.updateUserSchema as object })
  update(@Param('id') id: string, @Body() body: unknown) {
    return this.identity.updateUser(id, parseBody<UpdateUserBody>(S.updateUserSchema, body));
  }
}

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly identity: IdentityService) {}

  @Get()
  list() {
    return this.identity.listDepartments();
  }

  @Roles(ROLE_ADMIN)
  @Post()
  @ApiBody({ schema: S.createDepartmentSchema as object })
  create(@Body() body: unknown) {
    return this.identity.createDepartment(
      parseBody<CreateDepartmentBody>(S.createDepartmentSchema, body),
    );
  }

  @Roles(ROLE_ADMIN)
  @Patch(':id')
  @ApiBody({ schema: S.updateDepartmentSchema as object })
  update(@Param('id') id: string, @Body() body: unknown) {
    return this.identity.updateDepartment(
      id,
      parseBody<UpdateDepartmentBody>(S.updateDepartmentSchema, body),
    );
  }
}
