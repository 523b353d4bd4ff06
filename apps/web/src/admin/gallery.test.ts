import { describe, expect, it } from '@jest/globals';
import type { ProcessSummary, TemplateSummary } from '@baton/contracts';
import {
  exportFileName,
  groupTemplates,
  isValidKey,
  linkTo,
  parseDefinitionFile,
  publishableProcesses,
} from './gallery';
import { KNOWN_ROLES, roleOptions } from './roles';

const template = (key: string, category: string | null): TemplateSummary => ({
  key,
  name: key,
  description: null,
  category,
  icon: null,
  stages: [],
  roles: [],
  missingRoles: [],
  source: 'built-in',
});

const process = (key: string, latestVersion: number | null): ProcessSummary => ({
  key,
  name: key,
  category: null,
  description: null,
  latestVersion,
});

describe('groupTemplates', () => {
  it('groups by category in order of first appearance, uncategorised last', () => {
    const groups = groupTemplates([
      template('a', '电商运营'),
      template('b', null),
      template('c', '人事行政'),
      template('d', '电商运营'),
      template('e', '  '),
    ]);
    expect(groups.map((g) => [g.category, g.items.map((i) => i.key)])).toEqual([
      ['电商运营', ['a', 'd']],
      ['人事行政', ['c']],
      [null, ['b', 'e']],
    ]);
  });

  it('is empty for no templates', () => {
    expect(groupTemplates([])).toEqual([]);
  });
});

describe('linkTo', () => {
  const paths = ['', 'start', 'instances/:id', 'designer/:key'];

  it('fills the parameters of a route that exists', () => {
    expect(linkTo(paths, 'designer/:key', { key: 'refund' })).toBe('/designer/refund');
    expect(linkTo(paths, 'instances/:id', { id: 'a b' })).toBe('/instances/a%20b');
  });

  it('is null when the route table does not have the screen', () => {
    expect(linkTo(['', 'start'], 'designer/:key', { key: 'refund' })).toBeNull();
  });
});

describe('keys and processes', () => {
  it('checks the process key rule of the API', () => {
    expect(isValidKey('new-product-listing')).toBe(true);
    expect(isValidKey('a1')).toBe(true);
    expect(isValidKey('a')).toBe(false);
    expect(isValidKey('1abc')).toBe(false);
    expect(isValidKey('Refund')).toBe(false);
    expect(isValidKey('re_fund')).toBe(false);
  });

  it('offers only processes with a published version as templates', () => {
    expect(
      publishableProcesses([process('a', 1), process('b', null), process('c', 3)]).map(
        (p) => p.key,
      ),
    ).toEqual(['a', 'c']);
  });

  it('names export files after the key', () => {
    expect(exportFileName('refund')).toBe('refund.baton.json');
  });
});

describe('parseDefinitionFile', () => {
  it('accepts an exported definition', () => {
    const result = parseDefinitionFile(
      JSON.stringify({ key: 'refund', name: '退款', graph: { nodes: [], edges: [] } }),
    );
    expect(result).toMatchObject({ ok: true, key: 'refund' });
  });

  it('explains what is wrong with other files', () => {
    expect(parseDefinitionFile('{ nope')).toEqual({ ok: false, problem: 'invalid_json' });
    expect(parseDefinitionFile('[1,2]')).toEqual({ ok: false, problem: 'not_definition' });
    expect(parseDefinitionFile('{"key":"a"}')).toEqual({ ok: false, problem: 'not_definition' });
    expect(parseDefinitionFile('{"key":1,"graph":{"nodes":[]}}')).toEqual({
      ok: false,
      problem: 'not_definition',
    });
  });
});

describe('roleOptions', () => {
  it('lists the known roles first, then the installation’s own, once each', () => {
    const options = roleOptions(['finance', 'zz_buyer', 'auditor', 'auditor']);
    expect(options.slice(0, KNOWN_ROLES.length)).toEqual([...KNOWN_ROLES]);
    expect(options.slice(KNOWN_ROLES.length)).toEqual(['auditor', 'zz_buyer']);
  });
});
