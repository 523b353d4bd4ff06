// Instances, tasks, notifications and incidents (API.md). One line per
// route; the services hold the rules.
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { TaskActionBody } from '@baton/contracts';
import { CurrentUser, Roles } from '../../platform/auth/decorators.js';
import { ROLE_ADMIN, type AuthUser } from '../../platform/auth/auth.types.js';
import { parseBody } from '../../platform/validation/body.js';
import { InstancesService } from './instances.service.js';
import { TasksService } from './tasks.service.js';
import { NotificationsService } from './notifications.service.js';
import * as S from './runtime.schemas.js';

type Answer = { status: number; body: unknown };
const send = (res: Response, a: Answer) => {
  res.status(a.status);
  return a.body;
};

@ApiTags('instances')
@ApiBearerAuth()
@Controller()
export class InstancesController {
  constructor(private readonly instances: InstancesService) {}

  @Post('processes/:key/instances')
  @ApiOperation({ summary: 'Start a process with its form data' })
  @ApiBody({ schema: S.startInstanceSchema as object })
  async start(
    @Param('key') key: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ) {
    return send(
      res,
      await this.instances.start(
        key,
        parseBody<{ data?: unknown }>(S.startInstanceSchema, body),
        user,
      ),
    );
  }

  @Get('instances')
  list(@CurrentUser() user: AuthUser, @Query() q: Record<string, string>) {
    return this.instances.list(user, q);
  }

  @Get('instances/:id')
  get(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    return this.instances.get(id, user);
  }

  @Get('instances/:id/events')
  @ApiOperation({ summary: 'The audit trail, oldest first' })
  events(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    return this.instances.events(id, user);
  }

  @Post('instances/:id/withdraw')
  @ApiBody({ schema: S.commentSchema as object })
  async withdraw(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ) {
    return send(
      res,
      await this.instances.withdraw(
        id,
        user,
        parseBody<{ comment?: string }>(S.commentSchema, body).comment,
      ),
    );
  }

  @Roles(ROLE_ADMIN)
  @Post('instances/:id/cancel')
  @ApiBody({ schema: S.commentSchema as object })
  async cancel(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ) {
    return send(
      res,
      await this.instances.cancel(
        id,
        user,
        parseBody<{ comment?: string }>(S.commentSchema, body).comment,
      ),
    );
  }
}

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({ summary: "The caller's tasks, newest first" })
  list(@CurrentUser() user: AuthUser, @Query() q: Record<string, string>) {
    return this.tasks.inbox(user, q);
  }

  @Get(':id')
  get(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    return this.tasks.get(id, user);
  }

  @Post(':id/actions')
  @ApiOperation({ summary: 'approve / reject / submit / return / transfer / addSigner / comment' })
  @ApiBody({ schema: S.taskActionSchema as object })
  async act(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ) {
    return send(
      res,
      await this.tasks.act(id, parseBody<TaskActionBody>(S.taskActionSchema, body), user),
    );
  }
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  list(@CurrentUser() user: AuthUser, @Query('unread') unread?: string) {
    return this.notifications.list(user, unread === 'true');
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  readAll(@CurrentUser() user: AuthUser) {
    return this.notifications.readAll(user);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  read(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    return this.notifications.read(id, user);
  }

  @Roles(ROLE_ADMIN)
  @Get('incidents')
  @ApiOperation({ summary: 'Failed automations and steps waiting for an admin' })
  incidents(@Query('all') all?: string) {
    return this.notifications.incidents(all === 'true');
  }

  @Roles(ROLE_ADMIN)
  @Post('incidents/:id/retry')
  async retry(
    @Param('id') id: string,
    @CurrentUser() user: AuthUser,
    @Headers() _h: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    return send(res, await this.notifications.retryIncident(id, user));
  }
}
