import { Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Public, Roles } from '../../platform/auth/decorators.js';
import { ROLE_ADMIN, type AuthUser } from '../../platform/auth/auth.types.js';
import { SystemService } from './system.service.js';

@ApiTags('system')
@Controller()
export class SystemController {
  constructor(private readonly system: SystemService) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Liveness of the API, its database and its queue' })
  async health(@Res({ passthrough: true }) res: Response) {
    const health = await this.system.health();
    if (health.status !== 'ok') res.status(503);
    return health;
  }

  @Roles(ROLE_ADMIN)
  @ApiBearerAuth()
  @Post('system/queue-check')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a probe job through the queue and report which worker ran it' })
  queueCheck(@CurrentUser() user: AuthUser) {
    return this.system.queueCheck(user.username);
  }
}
