// Published versions never change, so they are cached for good; the
// organisation snapshot is cached briefly so a burst of transitions does not
// reload every user, while an admin's change shows within seconds.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Directory, ProcessDefinition } from '@baton/flow';
import { ProcessesService } from '../processes/processes.service.js';
import { PROCESS_KEY } from '../processes/draft-check.js';

const DIRECTORY_TTL_MS = 2000;

@Injectable()
export class RuntimeCaches {
  private readonly versions = new Map<string, Promise<ProcessDefinition | null>>();
  private directory?: { at: number; value: Promise<Directory> };

  constructor(
    private readonly processes: ProcessesService,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * The latest published version of a process (one indexed read: a publish
   * must show at once in every API process), with its cached definition —
   * the same object every time, so compiled form validators are reused.
   */
  async latest(key: string): Promise<{ version: number; definition: ProcessDefinition } | null> {
    if (!PROCESS_KEY.test(key)) return null;
    const [row] = await this.dataSource.query(
      `SELECT latest_version FROM process_definitions WHERE key = $1`,
      [key],
    );
    if (row?.latest_version == null) return null;
    const definition = await this.definition(key, row.latest_version);
    return definition ? { version: row.latest_version, definition } : null;
  }

  definition(key: string, version: number): Promise<ProcessDefinition | null> {
    const id = `${key}@${version}`;
    let hit = this.versions.get(id);
    if (!hit) {
      hit = this.processes.getVersion(key, version).then((v) => v?.definition ?? null);
      hit.catch(() => this.versions.delete(id));
      this.versions.set(id, hit);
    }
    return hit;
  }

  directorySnapshot(): Promise<Directory> {
    const now = Date.now();
    if (!this.directory || now - this.directory.at > DIRECTORY_TTL_MS) {
      const value = this.processes.directorySnapshot();
      value.catch(() => (this.directory = undefined));
      this.directory = { at: now, value };
    }
    return this.directory.value;
  }
}
