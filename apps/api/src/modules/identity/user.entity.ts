import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Department, User } from '@baton/contracts';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') username: string;
  @Column('text', { name: 'password_hash', select: false }) passwordHash: string;
  @Column('text', { name: 'display_name' }) displayName: string;
  @Column('text', { array: true }) roles: string[];
  @Column('uuid', { name: 'department_id', nullable: true }) departmentId: string | null;
  @Column('boolean') active: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('departments')
export class DepartmentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('uuid', { name: 'parent_id', nullable: true }) parentId: string | null;
  @Column('uuid', { name: 'head_id', nullable: true }) headId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** What the API shows of a user: never the password hash. */
export function toUserView(u: UserEntity): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles,
    departmentId: u.departmentId,
    active: u.active,
  };
}

// A department goes out as the entity itself; its JSON (dates as ISO strings)
// must stay @baton/contracts' Department, which this type checks.
type AsJson<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] };
type Holds<T extends true> = T;
export type _DepartmentJsonIsTheContract = Holds<
  AsJson<DepartmentEntity> extends Department
    ? Department extends AsJson<DepartmentEntity>
      ? true
      : false
    : false
>;
