// Process definitions: drafts, publishing, versions, export/import
// (API.md "Process definitions", FLOW-DSL.md "Versions" and "Validation at
// publish"). Rules, access checks and transactions live here; queries live in
// ProcessesRepository.
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  validateDefinition,
  type Directory,
  type Problem,
  type ProcessDefinition,
} from '@baton/flow';
import type {
  DraftSaved,
  ProcessSummary,
  ProcessVersion,
  ProcessView,
  Published,
  VersionInfo,
} from '@baton/contracts';
import {
  ApiError,
  badRequest,
  conflict,
  forbidden,
  notFound,
} from '../../platform/errors/api-error.js';
import { ROLE_ADMIN, ROLE_DESIGNER, type AuthUser } from '../../platform/auth/auth.types.js';
import { IdentityService } from '../identity/identity.service.js';
import { buildDirectorySnapshot } from './directory-snapshot.js';
import { checkIdentity, fatalForDraft, findUnstorableText, PROCESS_KEY } from './draft-check.js';
import type { ProcessDefinitionEntity, ProcessVersionEntity } from './process.entity.js';
import { ProcessesRepository } from './processes.repository.js';
import { redactForReader } from './reader-view.js';
import { mayStart } from './starters.js';

const VERSION_PARAM = /^[1-9][0-9]{0,8}$/;

export const isDesigner = (user: AuthUser) =>
  user.roles.includes(ROLE_ADMIN) || user.roles.includes(ROLE_DESIGNER);

function invalidDefinition(what: string, problems: Problem[]): ApiError {
  const first = problems[0]?.message ?? '';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return badRequest('invalid_definition', `${what}: ${first}${more}`, { problems });
}

@Injectable()
export class ProcessesService {
  constructor(
    private readonly repo: ProcessesRepository,
    private readonly identity: IdentityService,
    private readonly dataSource: DataSource,
  ) {}

  /** The organisation as a Directory, for validation and assignee resolution. */
  async directorySnapshot(): Promise<Directory> {
    const [users, departments] = await Promise.all([
      this.identity.listUsers(),
      this.identity.listDepartments(),
    ]);
    return buildDirectorySnapshot(users, departments);
  }

  /** Creates the process or replaces its draft; graph problems are returned, not refused. */
  async saveDraft(body: unknown, caller: AuthUser): Promise<DraftSaved> {
    const { definition, problems } = await this.checkForSave(body);
    const row = await this.repo.upsertDraft(this.draftInput(definition, caller));
    return {
      key: row.key,
      name: row.name,
      category: row.category,
      latestVersion: row.latestVersion,
      draft: row.draft as unknown as ProcessDefinition, // stored only after checkForSave
      problems,
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  /** Freezes the draft as the next version, if it passes validation; nothing changes otherwise. */
  async publish(key: string, caller: AuthUser): Promise<Published> {
    if (!PROCESS_KEY.test(key)) throw notFound('No such process.');
    // Read before the transaction: on embedded Postgres a transaction must not
    // wait on another connection.
    const directory = await this.directorySnapshot();
    return this.dataSource.transaction(async (m) => {
      const row = await this.repo.findForUpdate(key, m);
      if (!row) throw notFound('No such process.');
      if (!row.draft) throw new ApiError(422, 'no_draft', 'There is no draft to publish.');
      const problems = validateDefinition(row.draft, directory);
      if (problems.length > 0) throw invalidDefinition('The process cannot be published', problems);
      return this.freeze(row, row.draft as unknown as ProcessDefinition, caller, m);
    });
  }

  /**
   * Takes back an exported definition as the draft. With `publish` it must be
   * valid: it is then saved and published in one transaction, or not at all.
   */
  async importDefinition(
    body: unknown,
    caller: AuthUser,
    opts: { publish: boolean },
  ): Promise<DraftSaved | Published> {
    if (!opts.publish) return this.saveDraft(body, caller);
    const { definition, problems } = await this.checkForSave(body);
    if (problems.length > 0)
      throw invalidDefinition('The definition cannot be published', problems);
    return this.dataSource.transaction(async (m) => {
      await this.repo.upsertDraft(this.draftInput(definition, caller), m);
      const row = (await this.repo.findForUpdate(definition.key, m))!;
      return this.freeze(row, definition, caller, m);
    });
  }

  /**
   * Creates a NEW process from a definition (a template install): 409 when
   * the key is taken. With `publish` it must be valid, and is saved and
   * published in one transaction, or not at all.
   */
  async create(
    body: unknown,
    caller: AuthUser,
    opts: { publish: boolean },
  ): Promise<DraftSaved | Published> {
    const { definition, problems } = await this.checkForSave(body);
    if (opts.publish && problems.length > 0)
      throw invalidDefinition('The definition cannot be published', problems);
    return this.dataSource.transaction(async (m) => {
      const row = await this.repo.insertDraft(this.draftInput(definition, caller), m);
      if (!row) throw conflict(`A process with the key "${definition.key}" already exists.`);
      if (opts.publish) return this.freeze(row, definition, caller, m);
      return {
        key: row.key,
        name: row.name,
        category: row.category,
        latestVersion: row.latestVersion,
        draft: row.draft as unknown as ProcessDefinition, // stored only after checkForSave
        problems,
        updatedAt: row.updatedAt.toISOString(),
      };
    });
  }

  /**
   * Published processes the caller may start (settings.starters). With `all`
   * (designers and admins), every process, drafts included, each marked with
   * whether the caller may start it.
   */
  async list(caller: AuthUser, opts: { all: boolean }): Promise<ProcessSummary[]> {
    if (opts.all && !isDesigner(caller))
      throw forbidden('Only designers and admins may list unpublished processes.');
    const [rows, directory] = await Promise.all([
      this.repo.listSummaries(opts.all),
      this.directorySnapshot(),
    ]);
    const items: ProcessSummary[] = [];
    for (const r of rows) {
      const may = r.latestVersion !== null && mayStart(r.starters, caller.id, directory);
      if (!opts.all && !may) continue;
      const item: ProcessSummary = {
        key: r.key,
        name: r.name,
        category: r.category,
        description: r.description,
        latestVersion: r.latestVersion,
      };
      items.push(opts.all ? { ...item, hasDraft: r.hasDraft, mayStart: may } : item);
    }
    return items;
  }

  /** Anyone signed in may read a published process; drafts are for designers and admins. */
  async get(key: string, caller: AuthUser): Promise<ProcessView> {
    const designer = isDesigner(caller);
    const row = await this.visibleRow(key, caller);
    const latest =
      row.latestVersion === null ? null : await this.repo.findVersion(key, row.latestVersion);
    const definition = latest
      ? designer
        ? latest.definition
        : redactForReader(latest.definition)
      : row.draft;
    const may = latest
      ? mayStart(latest.definition.settings?.starters, caller.id, await this.directorySnapshot())
      : false;
    const description = (definition as { description?: unknown } | null)?.description;
    return {
      key: row.key,
      name: row.name,
      category: row.category,
      description: typeof description === 'string' ? description : null,
      latestVersion: row.latestVersion,
      definition: definition as ProcessDefinition,
      ...(designer && row.draft ? { draft: row.draft as unknown as ProcessDefinition } : {}),
      mayStart: may,
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  async listVersions(key: string, caller: AuthUser): Promise<VersionInfo[]> {
    await this.visibleRow(key, caller);
    return (await this.repo.listVersions(key)).map((v) => ({
      key: v.key,
      version: v.version,
      publishedAt: v.publishedAt.toISOString(),
      publishedBy: v.publishedBy,
    }));
  }

  /** One frozen version as the API shows it to the caller. */
  async readVersion(key: string, versionParam: string, caller: AuthUser): Promise<ProcessVersion> {
    const version =
      VERSION_PARAM.test(versionParam) && PROCESS_KEY.test(key)
        ? await this.getVersion(key, Number(versionParam))
        : null;
    if (!version) throw notFound('No such version of this process.');
    return isDesigner(caller)
      ? version
      : { ...version, definition: redactForReader(version.definition) };
  }

  /** The definition to move to another installation: the latest version, else the draft. */
  async exportDefinition(key: string): Promise<unknown> {
    const row = PROCESS_KEY.test(key) ? await this.repo.find(key) : null;
    if (!row) throw notFound('No such process.');
    if (row.latestVersion === null) return row.draft;
    return (await this.repo.findVersion(key, row.latestVersion))!.definition;
  }

  // ---- for other modules (runtime) ----

  /** A frozen version, or null. Not redacted: for the engine, never for a response as is. */
  async getVersion(key: string, version: number): Promise<ProcessVersion | null> {
    const v = await this.repo.findVersion(key, version);
    return v ? toVersion(v) : null;
  }

  /** The latest published version, or null if the process does not exist or was never published. */
  async latestPublished(key: string): Promise<ProcessVersion | null> {
    const row = PROCESS_KEY.test(key) ? await this.repo.find(key) : null;
    if (!row || row.latestVersion === null) return null;
    return this.getVersion(key, row.latestVersion);
  }

  /** Whether the user may start this definition (its settings.starters). */
  async mayStart(
    userId: string,
    definition: ProcessDefinition,
    directory?: Directory,
  ): Promise<boolean> {
    return mayStart(
      definition.settings?.starters,
      userId,
      directory ?? (await this.directorySnapshot()),
    );
  }

  // ---- internals ----

  /** Refuses what cannot be stored as a draft; returns the publish problems it may still have. */
  private async checkForSave(
    body: unknown,
  ): Promise<{ definition: ProcessDefinition; problems: Problem[] }> {
    const identityProblems = checkIdentity(body);
    if (identityProblems.length > 0)
      throw invalidDefinition('The definition cannot be saved', identityProblems);
    const problems = validateDefinition(body, await this.directorySnapshot());
    const fatal = fatalForDraft(problems);
    if (fatal.length > 0) throw invalidDefinition('The definition cannot be saved', fatal);
    const unstorable = findUnstorableText(body);
    if (unstorable) throw invalidDefinition('The definition cannot be saved', [unstorable]);
    return { definition: body as ProcessDefinition, problems };
  }

  private draftInput(definition: ProcessDefinition, caller: AuthUser) {
    return {
      key: definition.key,
      name: definition.name,
      category: typeof definition.category === 'string' ? definition.category : null,
      draft: definition as unknown as Record<string, unknown>,
      userId: caller.id,
    };
  }

  private async freeze(
    row: ProcessDefinitionEntity,
    definition: ProcessDefinition,
    caller: AuthUser,
    m: EntityManager,
  ): Promise<Published> {
    const version = (row.latestVersion ?? 0) + 1;
    await this.repo.insertVersion({ key: row.key, version, definition, publishedBy: caller.id }, m);
    await this.repo.markPublished(
      {
        key: row.key,
        version,
        name: definition.name,
        category: definition.category ?? null,
        userId: caller.id,
      },
      m,
    );
    return { key: row.key, version };
  }

  /** The row if the caller may see the process at all; 404 otherwise (drafts are not shown to everyone). */
  private async visibleRow(key: string, caller: AuthUser): Promise<ProcessDefinitionEntity> {
    const row = PROCESS_KEY.test(key) ? await this.repo.find(key) : null;
    if (!row || (row.latestVersion === null && !isDesigner(caller)))
      throw notFound('No such process.');
    return row;
  }
}

function toVersion(v: ProcessVersionEntity): ProcessVersion {
  return {
    key: v.key,
    version: v.version,
    definition: v.definition,
    publishedAt: v.publishedAt.toISOString(),
    publishedBy: v.publishedBy,
  };
}
