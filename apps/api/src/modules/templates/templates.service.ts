// The template gallery (API.md "Templates", issue 6): the built-in SOP
// templates of @baton/templates beside the ones admins published from their
// own processes; installing one creates a process through ProcessesService.
import { Injectable } from '@nestjs/common';
import type { Directory, ProcessDefinition } from '@baton/flow';
import { TEMPLATES, findTemplate, type ProcessTemplate } from '@baton/templates';
import { conflict, notFound } from '../../platform/errors/api-error.js';
import type { AuthUser } from '../../platform/auth/auth.types.js';
import { PROCESS_KEY } from '../processes/draft-check.js';
import { isDesigner, ProcessesService } from '../processes/processes.service.js';
import { redactForReader } from '../processes/reader-view.js';
import { rolesOf, stagesOf } from './template-summary.js';
import { TemplatesRepository, type AdminTemplateRow } from './templates.repository.js';
import type {
  InstallBody,
  Installed,
  PublishTemplateBody,
  TemplateSummary,
  TemplateView,
} from '@baton/contracts';

const DEFAULT_ICON = 'file-text';

@Injectable()
export class TemplatesService {
  constructor(
    private readonly processes: ProcessesService,
    private readonly repo: TemplatesRepository,
  ) {}

  async list(): Promise<TemplateSummary[]> {
    const [admin, directory] = await Promise.all([
      this.repo.listLatest(),
      this.processes.directorySnapshot(),
    ]);
    return [
      ...TEMPLATES.map((t) => builtInSummary(t, directory)),
      ...admin.map((t) => adminSummary(t, directory)),
    ];
  }

  async get(key: string, caller: AuthUser): Promise<TemplateView> {
    const { summary, definition } = await this.find(key, await this.processes.directorySnapshot());
    return {
      ...summary,
      definition: isDesigner(caller) ? definition : redactForReader(definition),
    };
  }

  /** Creates a process from the template: a draft, or published at once. */
  async install(templateKey: string, body: InstallBody, caller: AuthUser): Promise<Installed> {
    const { definition } = await this.find(templateKey);
    const key = body.key ?? templateKey;
    const copy: ProcessDefinition = { ...structuredClone(definition), key };
    const result = await this.processes.create(copy, caller, { publish: body.publish === true });
    return 'problems' in result
      ? { templateKey, key: result.key, published: false, version: null, problems: result.problems }
      : { templateKey, key: result.key, published: true, version: result.version, problems: [] };
  }

  /** Publishes the latest version of a process as an admin template (new, or its next version). */
  async publish(body: PublishTemplateBody, caller: AuthUser): Promise<TemplateSummary> {
    const templateKey = body.templateKey ?? body.processKey;
    if (findTemplate(templateKey))
      throw conflict(`"${templateKey}" is a built-in template; choose another template key.`);
    const version = await this.processes.latestPublished(body.processKey);
    if (!version) throw notFound(`There is no published process "${body.processKey}".`);
    const previous = await this.repo.findLatest(templateKey);
    const definition = version.definition;
    let row: AdminTemplateRow;
    try {
      row = await this.repo.insertNextVersion({
        key: templateKey,
        name: body.name ?? previous?.name ?? definition.name,
        description: body.description ?? previous?.description ?? definition.description ?? null,
        category: body.category ?? previous?.category ?? definition.category ?? null,
        icon: body.icon ?? previous?.icon ?? DEFAULT_ICON,
        definition,
        sourceProcessKey: version.key,
        sourceVersion: version.version,
        publishedBy: caller.id,
      });
    } catch (err) {
      if ((err as { code?: string }).code === '23505')
        throw conflict('The template was published by someone else at the same time; try again.');
      throw err;
    }
    return adminSummary(row, await this.processes.directorySnapshot());
  }

  private async find(
    key: string,
    directory?: Directory,
  ): Promise<{ summary: TemplateSummary; definition: ProcessDefinition }> {
    const builtIn = findTemplate(key);
    if (builtIn) {
      const dir = directory ?? (await this.processes.directorySnapshot());
      return { summary: builtInSummary(builtIn, dir), definition: builtIn.definition };
    }
    const row = PROCESS_KEY.test(key) ? await this.repo.findLatest(key) : null;
    if (!row) throw notFound('No such template.');
    const dir = directory ?? (await this.processes.directorySnapshot());
    return { summary: adminSummary(row, dir), definition: row.definition };
  }
}

function missing(roles: string[], directory: Directory): string[] {
  return roles.filter((role) => directory.usersWithRole(role).length === 0);
}

function builtInSummary(t: ProcessTemplate, directory: Directory): TemplateSummary {
  return {
    key: t.key,
    name: t.name,
    description: t.description,
    category: t.category,
    icon: t.icon,
    stages: [...t.stages],
    roles: [...t.roles],
    missingRoles: missing(t.roles, directory),
    source: 'built-in',
  };
}

function adminSummary(t: AdminTemplateRow, directory: Directory): TemplateSummary {
  const roles = rolesOf(t.definition);
  return {
    key: t.key,
    name: t.name,
    description: t.description,
    category: t.category,
    icon: t.icon,
    stages: stagesOf(t.definition),
    roles,
    missingRoles: missing(roles, directory),
    source: 'admin',
    version: t.version,
    processKey: t.sourceProcessKey,
    processVersion: t.sourceVersion,
    publishedAt: t.publishedAt.toISOString(),
  };
}
