import { readFileSync } from 'node:fs';
import { describe, expect, it, jest } from '@jest/globals';
import { mayOpen } from './access';

// The route table's icons: @ant-design/icons' Node entry does not load under jest's
// ESM runtime, and the table's roles are what is under test, so each icon the
// table names becomes a stub.
const source = readFileSync(new URL('./routes.tsx', import.meta.url), 'utf8');
const icons = [...new Set(source.match(/\b[A-Z]\w*(?:Outlined|Filled|TwoTone)\b/g) ?? [])];
jest.unstable_mockModule('@ant-design/icons', () =>
  Object.fromEntries(icons.map((name) => [name, () => null])),
);
const { appRoutes, visibleRoutes } = await import('./routes');

const route = (path: string) => {
  const found = appRoutes.find((r) => r.path === path);
  if (!found) throw new Error(`no route ${path}`);
  return found;
};

describe('mayOpen', () => {
  it('opens a route without roles to every signed-in user', () => {
    expect(mayOpen({}, [])).toBe(true);
    expect(mayOpen({}, undefined)).toBe(true);
  });

  it('opens a route with roles only to a holder of one of them', () => {
    expect(mayOpen({ roles: ['admin', 'designer'] }, ['designer'])).toBe(true);
    expect(mayOpen({ roles: ['admin', 'designer'] }, ['finance', 'admin'])).toBe(true);
    expect(mayOpen({ roles: ['admin'] }, ['designer'])).toBe(false);
    expect(mayOpen({ roles: ['admin'] }, [])).toBe(false);
    expect(mayOpen({ roles: ['admin'] }, undefined)).toBe(false);
  });

  it('matches role names exactly', () => {
    expect(mayOpen({ roles: ['admin'] }, ['Admin'])).toBe(false);
    expect(mayOpen({ roles: ['admin'] }, ['administrator'])).toBe(false);
  });

  it('opens a route with an empty role list to nobody', () => {
    expect(mayOpen({ roles: [] }, ['admin'])).toBe(false);
  });
});

describe('the route table', () => {
  it('keeps the admin pages to admins', () => {
    for (const path of ['admin/organisation', 'admin/incidents']) {
      expect({ path, admin: mayOpen(route(path), ['admin']) }).toEqual({ path, admin: true });
      for (const roles of [[], ['designer'], ['finance']])
        expect({ path, roles, open: mayOpen(route(path), roles) }).toEqual({
          path,
          roles,
          open: false,
        });
    }
  });

  it('keeps the designer and the template gallery to designers and admins', () => {
    for (const path of ['designer', 'designer/:key', 'admin/templates']) {
      expect(mayOpen(route(path), ['designer'])).toBe(true);
      expect(mayOpen(route(path), ['admin'])).toBe(true);
      expect(mayOpen(route(path), ['operations_specialist'])).toBe(false);
    }
  });

  it('opens the workspace to everyone', () => {
    for (const path of ['', 'start', 'inbox', 'start/:key', 'tasks/:id', 'instances/:id'])
      expect(mayOpen(route(path), [])).toBe(true);
  });

  it('lists in the menu exactly the routes the router opens', () => {
    for (const roles of [[], ['designer'], ['admin']]) {
      const menu = visibleRoutes(roles).map((r) => r.path);
      const opened = appRoutes.filter((r) => !r.hideInMenu && mayOpen(r, roles)).map((r) => r.path);
      expect(menu).toEqual(opened);
    }
    expect(visibleRoutes([]).map((r) => r.path)).toEqual(['', 'start', 'inbox']);
  });
});
