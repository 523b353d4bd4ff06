import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import bcrypt from 'bcryptjs';
import { DataSource, In, Repository } from 'typeorm';
import { BATON_CONFIG, type BatonConfig } from '../../platform/config/config.js';
import {
  ApiError,
  badRequest,
  conflict,
  notFound,
  unauthorized,
} from '../../platform/errors/api-error.js';
import { TokenService } from '../../platform/auth/token.service.js';
import { ROLE_ADMIN, type AuthUser } from '../../platform/auth/auth.types.js';
import type {
  CreateDepartmentBody,
  CreateUserBody,
  LoginResponse,
  UpdateDepartmentBody,
  UpdateUserBody,
  User,
} from '@baton/contracts';
import { DepartmentEntity, toUserView, UserEntity } from './user.entity.js';
import { LoginLimiter } from './login-limiter.js';
import { DEMO_DEPARTMENTS, DEMO_USERS } from './demo-organisation.js';

const BCRYPT_COST = 10;
// Compared against when the username is unknown, so a miss costs as much as a hit.
const DUMMY_HASH = bcrypt.hashSync('baton-no-such-user', BCRYPT_COST);

@Injectable()
export class IdentityService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Identity');
  private readonly limiter: LoginLimiter;

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(DepartmentEntity) private readonly departments: Repository<DepartmentEntity>,
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
  ) {
    this.limiter = new LoginLimiter(config.loginRateLimit.max, config.loginRateLimit.windowMs);
  }

  async onApplicationBootstrap() {
    await this.ensureAdmin();
    if (this.config.demo) await this.seedDemo();
  }

  /** First start with no users: create `admin`, printing a generated password once. */
  async ensureAdmin(): Promise<void> {
    // Several processes may boot at once; the advisory lock makes one of them do it.
    await this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(7202612)');
      const [{ count }] = await m.query('SELECT count(*)::int AS count FROM users');
      if (count > 0) return;
      const password = this.config.adminPassword ?? randomBytes(9).toString('base64url');
      await m.insert(UserEntity, {
        username: 'admin',
        passwordHash: await bcrypt.hash(password, BCRYPT_COST),
        displayName: '管理员 Admin',
        roles: [ROLE_ADMIN],
        active: true,
      });
      if (this.config.adminPassword)
        this.logger.log('created user "admin" with BATON_ADMIN_PASSWORD');
      else
        announce(
          `Created the first user: admin / ${password}  (shown once; change it after signing in)`,
        );
    });
  }

  async seedDemo(): Promise<void> {
    const password = this.config.demoPassword ?? randomBytes(6).toString('base64url');
    const created = await this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(7202613)');
      const existing = await m.count(UserEntity, {
        where: { username: In(DEMO_USERS.map((u) => u.username)) },
      });
      if (existing > 0) return false;
      const deptIds = new Map<string, string>();
      for (const d of DEMO_DEPARTMENTS) {
        const row = await m.save(
          m.create(DepartmentEntity, {
            name: d.name,
            parentId: d.parent ? deptIds.get(d.parent)! : null,
          }),
        );
        deptIds.set(d.key, row.id);
      }
      const hash = await bcrypt.hash(password, BCRYPT_COST);
      const userIds = new Map<string, string>();
      for (const u of DEMO_USERS) {
        const row = await m.save(
          m.create(UserEntity, {
            username: u.username,
            passwordHash: hash,
            displayName: u.displayName,
            roles: u.roles,
            departmentId: deptIds.get(u.department)!,
            active: true,
          }),
        );
        userIds.set(u.username, row.id);
      }
      for (const d of DEMO_DEPARTMENTS) {
        if (d.head)
          await m.update(
            DepartmentEntity,
            { id: deptIds.get(d.key) },
            { headId: userIds.get(d.head)! },
          );
      }
      return true;
    });
    if (created) {
      announce(
        `Seeded the demo organisation: users ${DEMO_USERS.map((u) => u.username).join(', ')} — password for each: ${password}`,
      );
    }
  }

  async login(username: string, password: string, clientIp: string): Promise<LoginResponse> {
    const keys = [`user:${username.toLowerCase()}`, `ip:${clientIp}`];
    const wait = this.limiter.retryAfter(keys, Date.now());
    if (wait > 0) {
      throw new ApiError(
        429,
        'too_many_attempts',
        `Too many failed sign-ins; try again in ${Math.ceil(wait / 1000)} s.`,
        {
          retryAfterSeconds: Math.ceil(wait / 1000),
        },
      );
    }
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.username) = lower(:username)', { username })
      .getOne();
    const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      this.limiter.fail(keys, Date.now());
      throw new ApiError(401, 'invalid_credentials', 'The username or password is wrong.');
    }
    this.limiter.succeed(keys);
    const view = toUserView(user);
    return { accessToken: this.tokens.sign(view), user: view };
  }

  async me(caller: AuthUser): Promise<User> {
    const user = await this.users.findOneBy({ id: caller.id });
    if (!user || !user.active) throw unauthorized('Your account no longer exists or is disabled.');
    return toUserView(user);
  }

  async listUsers(): Promise<User[]> {
    return (await this.users.find({ order: { username: 'ASC' } })).map(toUserView);
  }

  async getUser(id: string): Promise<User> {
    const user = isUuid(id) ? await this.users.findOneBy({ id }) : null;
    if (!user) throw notFound('No such user.');
    return toUserView(user);
  }

  async createUser(body: CreateUserBody): Promise<User> {
    if (body.departmentId) await this.requireDepartment(body.departmentId);
    if (
      await this.users
        .createQueryBuilder('u')
        .where('lower(u.username) = lower(:n)', { n: body.username })
        .getExists()
    ) {
      throw conflict(`The username "${body.username}" is taken.`, 'username_taken');
    }
    const saved = await this.users.save(
      this.users.create({
        username: body.username,
        passwordHash: await bcrypt.hash(body.password, BCRYPT_COST),
        displayName: body.displayName,
        roles: body.roles ?? [],
        departmentId: body.departmentId ?? null,
        active: true,
      }),
    );
    return toUserView(saved);
  }

  async updateUser(id: string, body: UpdateUserBody): Promise<User> {
    const user = await this.getUser(id);
    if (body.departmentId) await this.requireDepartment(body.departmentId);
    const patch: Partial<UserEntity> = {};
    if (body.displayName !== undefined) patch.displayName = body.displayName;
    if (body.roles !== undefined) patch.roles = body.roles;
    if (body.departmentId !== undefined) patch.departmentId = body.departmentId;
    if (body.active !== undefined) patch.active = body.active;
    if (body.password !== undefined)
      patch.passwordHash = await bcrypt.hash(body.password, BCRYPT_COST);
    await this.users.update({ id: user.id }, patch);
    return this.getUser(id);
  }

  async listDepartments(): Promise<DepartmentEntity[]> {
    return this.departments.find({ order: { createdAt: 'ASC' } });
  }

  async createDepartment(body: CreateDepartmentBody): Promise<DepartmentEntity> {
    if (body.parentId) await this.requireDepartment(body.parentId);
    if (body.headId) await this.getUser(body.headId);
    return this.departments.save(
      this.departments.create({
        name: body.name,
        parentId: body.parentId ?? null,
        headId: body.headId ?? null,
      }),
    );
  }

  async updateDepartment(id: string, body: UpdateDepartmentBody): Promise<DepartmentEntity> {
    const dept = await this.requireDepartment(id, 404);
    if (body.parentId) {
      await this.requireDepartment(body.parentId);
      await this.refuseCycle(id, body.parentId);
    }
    if (body.headId) await this.getUser(body.headId);
    await this.departments.update(
      { id: dept.id },
      {
        ...(body.name !== undefined && { name: body.name }),
        ...(body.parentId !== undefined && { parentId: body.parentId }),
        ...(body.headId !== undefined && { headId: body.headId }),
      },
    );
    return (await this.departments.findOneBy({ id }))!;
  }

  private async requireDepartment(id: string, status: 400 | 404 = 400): Promise<DepartmentEntity> {
    const dept = isUuid(id) ? await this.departments.findOneBy({ id }) : null;
    if (!dept) {
      if (status === 404) throw notFound('No such department.');
      throw badRequest('unknown_department', `There is no department with id "${id}".`);
    }
    return dept;
  }

  /** A department may not become its own ancestor. */
  private async refuseCycle(id: string, newParentId: string): Promise<void> {
    let cursor: string | null = newParentId;
    for (let guard = 0; cursor && guard < 1000; guard++) {
      if (cursor === id)
        throw badRequest(
          'department_cycle',
          'A department cannot be placed under itself or one of its sub-departments.',
        );
      cursor = (await this.departments.findOneBy({ id: cursor }))?.parentId ?? null;
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

/** Credentials go to stdout as plain lines, not into the JSON log stream. */
function announce(line: string) {
  process.stdout.write(`\n  ${line}\n\n`);
}
