// The template gallery (API.md "Templates"). One line per route; the service
// holds the rules.
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../platform/auth/decorators.js';
import { ROLE_ADMIN, ROLE_DESIGNER, type AuthUser } from '../../platform/auth/auth.types.js';
import { parseBody } from '../../platform/validation/body.js';
import { TemplatesService } from './templates.service.js';
import type { InstallBody, PublishTemplateBody } from '@baton/contracts';
import { installSchema, publishTemplateSchema } from './templates.schemas.js';

@ApiTags('templates')
@ApiBearerAuth()
@Controller('templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @ApiOperation({
    summary:
      'The gallery: built-in templates, then admin-published ones, each with the roles nobody holds here (missingRoles)',
  })
  list() {
    return this.templates.list();
  }

  @Roles(ROLE_ADMIN)
  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      "Publish a process's latest version as a template (a new template, or the next version of an admin template)",
  })
  @ApiBody({ schema: publishTemplateSchema as object })
  publish(@Body() body: unknown, @CurrentUser() user: AuthUser) {
    return this.templates.publish(
      parseBody<PublishTemplateBody>(publishTemplateSchema, body),
      user,
    );
  }

  @Get(':key')
  @ApiOperation({ summary: 'One template with its definition, for the preview' })
  get(@Param('key') key: string, @CurrentUser() user: AuthUser) {
    return this.templates.get(key, user);
  }

  @Roles(ROLE_DESIGNER)
  @Post(':key/install')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Install the template as a new process: a draft, or published with publish=true; 409 if the key is taken, 400 invalid_definition if it cannot be published',
  })
  @ApiBody({ schema: installSchema as object })
  @ApiCreatedResponse({ description: '{ templateKey, key, published, version, problems }' })
  install(@Param('key') key: string, @Body() body: unknown, @CurrentUser() user: AuthUser) {
    return this.templates.install(key, parseBody<InstallBody>(installSchema, body), user);
  }
}
