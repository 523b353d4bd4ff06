import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { definitionSchema } from '@baton/flow';
import { CurrentUser, Roles } from '../../platform/auth/decorators.js';
import { ROLE_DESIGNER, type AuthUser } from '../../platform/auth/auth.types.js';
import { ProcessesService } from './processes.service.js';
import { definitionBodySchema, publishedSchema } from './processes.schemas.js';

const flag = (v: string | undefined) => v === 'true' || v === '1';

@ApiTags('processes')
@ApiBearerAuth()
@Controller('processes')
export class ProcessesController {
  constructor(private readonly processes: ProcessesService) {}

  // Static paths come before `:key`; the keys "schema" and "import" are reserved.
  @Get('schema')
  @ApiOperation({ summary: 'The JSON Schema (draft-07) of a process definition' })
  schema() {
    return definitionSchema;
  }

  @Roles(ROLE_DESIGNER)
  @Post('import')
  @ApiOperation({
    summary:
      'Import an exported definition as the draft; with publish=true publish it at once (201 {key, version})',
  })
  @ApiQuery({ name: 'publish', required: false, type: Boolean })
  @ApiBody({ schema: definitionBodySchema as object })
  import(
    @Body() body: unknown,
    @Query('publish') publish: string | undefined,
    @CurrentUser() user: AuthUser,
  ) {
    return this.processes.importDefinition(body, user, { publish: flag(publish) });
  }

  @Roles(ROLE_DESIGNER)
  @Post()
  @ApiOperation({ summary: 'Save the draft of a process (creates the process if new)' })
  @ApiBody({ schema: definitionBodySchema as object })
  saveDraft(@Body() body: unknown, @CurrentUser() user: AuthUser) {
    return this.processes.saveDraft(body, user);
  }

  @Get()
  @ApiOperation({
    summary:
      'Published processes the caller may start; all=true (designers, admins) lists every process',
  })
  @ApiQuery({ name: 'all', required: false, type: Boolean })
  list(@Query('all') all: string | undefined, @CurrentUser() user: AuthUser) {
    return this.processes.list(user, { all: flag(all) });
  }

  @Get(':key')
  @ApiOperation({
    summary: 'A process: the latest published definition (or the draft if never published)',
  })
  get(@Param('key') key: string, @CurrentUser() user: AuthUser) {
    return this.processes.get(key, user);
  }

  @Get(':key/versions')
  @ApiOperation({ summary: 'The published versions of a process, oldest first' })
  versions(@Param('key') key: string, @CurrentUser() user: AuthUser) {
    return this.processes.listVersions(key, user);
  }

  @Get(':key/versions/:version')
  @ApiOperation({ summary: 'One frozen version' })
  version(
    @Param('key') key: string,
    @Param('version') version: string,
    @CurrentUser() user: AuthUser,
  ) {
    return this.processes.readVersion(key, version, user);
  }

  @Roles(ROLE_DESIGNER)
  @Get(':key/export')
  @ApiOperation({ summary: 'Download the definition (latest published, else the draft)' })
  @ApiProduces('application/json')
  async export(@Param('key') key: string, @Res({ passthrough: true }) res: Response) {
    const definition = await this.processes.exportDefinition(key);
    res.setHeader('Content-Disposition', `attachment; filename="${key}.baton.json"`);
    return definition;
  }

  @Roles(ROLE_DESIGNER)
  @Post(':key/publish')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Publish the draft as the next version, or 400 invalid_definition with problems',
  })
  @ApiOkResponse({ schema: publishedSchema as object })
  publish(@Param('key') key: string, @CurrentUser() user: AuthUser) {
    return this.processes.publish(key, user);
  }
}
