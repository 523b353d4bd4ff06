// Files for attachment fields over HTTP (API.md "Files"): upload, download
// by the uploader and by readers of an instance that refers to the file,
// 404 for everyone else and for fields hidden from the reader, the size and
// type limits, and form data that names files its author may not use.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ProcessDefinition } from '@baton/flow';
import type { Response } from 'supertest';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  startTestApp,
  testMode,
  type TestApp,
} from './support/test-app.js';
import { Actor, publish } from './support/flows.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

const definition: ProcessDefinition = {
  key: 'expense-files',
  name: '报销 Expense with files',
  form: {
    schema: {
      type: 'object',
      required: ['title'],
      properties: {
        title: { type: 'string', title: '事由' },
        proof: { type: 'array', title: '凭证', items: { type: 'string' }, uniqueItems: true },
        // No widget: an attachment by its shape, as the built-in templates write it.
        contract: { type: 'array', title: '合同', items: { type: 'string', maxLength: 64 } },
      },
    },
    uiSchema: { proof: { 'ui:widget': 'attachment' } },
  },
  graph: {
    nodes: [
      { id: 'start', type: 'start' },
      {
        id: 'approve',
        type: 'approval',
        name: '运营总监审批',
        assignees: [{ kind: 'role', role: 'operations_director' }],
        fieldPermissions: { proof: 'edit', contract: 'hidden' },
      },
      { id: 'end', type: 'end', outcome: 'approved' },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'approve' },
      { id: 'e2', source: 'approve', target: 'end' },
    ],
  },
};

/** Refused uploads leave nothing behind in the folder they are received in. */
const incoming = (t: TestApp) => fs.readdirSync(path.join(t.config.dataDir, 'tmp', 'uploads'));

function upload(a: Actor | TestApp, file: Buffer, filename: string, contentType: string) {
  const t = a instanceof Actor ? a.t : a;
  const req = t.http().post('/api/files');
  if (a instanceof Actor) req.set('Authorization', `Bearer ${a.token}`);
  return req.attach('file', file, { filename, contentType });
}

async function uploaded(
  a: Actor,
  file: Buffer,
  filename: string,
  contentType: string,
): Promise<string> {
  const res = await upload(a, file, filename, contentType);
  if (res.status !== 201)
    throw new Error(`upload ${filename}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** The raw bytes of a download, whatever its type. */
function download(a: Actor, id: string): Promise<Response> {
  return a
    .get(`/api/files/${id}`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

describe(`files (${testMode()} mode)`, () => {
  let t: TestApp;
  let pm: Actor, opsdir: Actor, cs: Actor, admin: Actor;

  beforeAll(async () => {
    t = await startTestApp({ env: { BATON_DEMO: '1' } });
    admin = await Actor.as(t, 'admin', ADMIN_PASSWORD);
    [pm, opsdir, cs] = await Promise.all(
      ['pm', 'opsdir', 'cs'].map((u) => Actor.as(t, u, DEMO_PASSWORD)),
    );
    await publish(t, admin.token, definition);
  });
  afterAll(() => t?.close());

  it('uploads a PNG with a Chinese name and gives the uploader back the same bytes', async () => {
    const res = await upload(pm, PNG, '../../报销凭证 2026.png', 'image/png');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: '报销凭证 2026.png',
      size: PNG.length,
      contentType: 'image/png',
    });

    const got = await download(pm, res.body.id);
    expect(got.status).toBe(200);
    expect(Buffer.compare(got.body as Buffer, PNG)).toBe(0);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['content-length']).toBe(String(PNG.length));
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('报销凭证 2026.png')}`,
    );
    expect(got.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers 404 to a stranger, for a malformed id and for an id that does not exist', async () => {
    const id = await uploaded(pm, PNG, 'a.png', 'image/png');
    const stranger = await cs.get(`/api/files/${id}`);
    expect(stranger.status).toBe(404);
    expect(stranger.body.error).toBe('not_found');
    expect((await pm.get('/api/files/not-an-id')).status).toBe(404);
    expect((await pm.get('/api/files/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('lets readers of an instance download the files its data refers to, except from fields hidden from them', async () => {
    const proof = await uploaded(pm, PNG, '凭证.png', 'image/png');
    const contract = await uploaded(pm, PDF, '合同.pdf', 'application/pdf');
    const inst = await pm.start('expense-files', {
      title: '差旅',
      proof: [proof],
      contract: [contract],
    });

    const seen = await download(opsdir, proof);
    expect(seen.status).toBe(200);
    expect(Buffer.compare(seen.body as Buffer, PNG)).toBe(0);
    // `contract` is hidden at the approver's node: the file is as good as absent to them.
    expect((await opsdir.get(`/api/files/${contract}`)).status).toBe(404);
    expect((await cs.get(`/api/files/${proof}`)).status).toBe(404);
    const asAdmin = await download(admin, contract);
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.headers['content-type']).toBe('application/pdf');

    // The approver may add a file of their own and keep the ones already there, not use someone else's.
    const others = await uploaded(cs, PNG, 'cs.png', 'image/png');
    const refused = await opsdir.act(inst.id, 'approve', {
      action: 'approve',
      data: { proof: [proof, others] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_form_data');
    expect(refused.body.fields).toEqual([{ path: 'proof', message: expect.any(String) }]);
    const own = await uploaded(opsdir, PNG, 'opsdir.png', 'image/png');
    const approved = await opsdir.act(inst.id, 'approve', {
      action: 'approve',
      data: { proof: [proof, own] },
    });
    expect(approved.status).toBe(200);
    expect(approved.body.instance.data.proof).toEqual([proof, own]);
    // The initiator reads the instance, so the approver's file is theirs to download too.
    expect((await pm.get(`/api/files/${own}`)).status).toBe(200);
  });

  it('refuses to start an instance naming a file that does not exist or that someone else uploaded', async () => {
    const missing = await pm.post('/api/processes/expense-files/instances', {
      data: { title: 'x', proof: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('invalid_form_data');
    expect(missing.body.fields.map((f: { path: string }) => f.path)).toEqual(['proof']);

    const others = await uploaded(cs, PDF, 'cs.pdf', 'application/pdf');
    const borrowed = await pm.post('/api/processes/expense-files/instances', {
      data: { title: 'x', contract: [others] },
    });
    expect(borrowed.status).toBe(400);
    expect(borrowed.body.fields.map((f: { path: string }) => f.path)).toEqual(['contract']);
    // Nothing was started, so cs's file stays cs's alone.
    expect((await pm.get(`/api/files/${others}`)).status).toBe(404);
    // Only attachment fields grant access: the id typed into a text field gives nothing.
    await pm.start('expense-files', { title: others });
    expect((await pm.get(`/api/files/${others}`)).status).toBe(404);
  });

  it('refuses a type not on the list, and content that is not what it claims to be (415)', async () => {
    const exe = await upload(pm, EXE, 'setup.exe', 'application/x-msdownload');
    expect(exe.status).toBe(415);
    expect(exe.body.error).toBe('unsupported_media_type');
    const renamedExe = await upload(pm, EXE, 'photo.png', 'image/png');
    expect(renamedExe.status).toBe(415);
    expect(renamedExe.body.error).toBe('unsupported_media_type');
    const textAsPng = await upload(pm, Buffer.from('just some text'), 'photo.png', 'image/png');
    expect(textAsPng.status).toBe(415);
    const exeAsText = await upload(pm, EXE, 'notes.txt', 'text/plain');
    expect(exeAsText.status).toBe(415);
    const csv = await upload(pm, Buffer.from('sku,数量\nA-1,3\n'), '库存.csv', 'text/csv');
    expect(csv.status).toBe(201);
    expect(incoming(t)).toEqual([]);
  });

  it('answers 404, not a broken download, when the stored content of a file is gone', async () => {
    const id = await uploaded(pm, PNG, 'gone.png', 'image/png');
    fs.rmSync(path.join(t.config.dataDir, 'files', id.slice(0, 2), id));
    const res = await pm.get(`/api/files/${id}`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'not_found', message: expect.any(String) });
    expect(res.headers['content-disposition']).toBeUndefined();
  });

  it('needs exactly one file, and a token', async () => {
    const none = await pm.post('/api/files', { file: 'not a file' });
    expect(none.status).toBe(400);
    expect(none.body.error).toBe('invalid_request');
    const two = await t
      .http()
      .post('/api/files')
      .set('Authorization', `Bearer ${pm.token}`)
      .attach('file', PNG, { filename: 'a.png', contentType: 'image/png' })
      .attach('file', PNG, { filename: 'b.png', contentType: 'image/png' });
    expect(two.status).toBe(400);
    expect(two.body.error).toBe('invalid_request');
    const mixed = await t
      .http()
      .post('/api/files')
      .set('Authorization', `Bearer ${pm.token}`)
      .set('Content-Type', 'multipart/mixed; boundary=x')
      .send('--x\r\nContent-Type: image/png\r\n\r\nabc\r\n--x--\r\n');
    expect(mixed.status).toBe(415);
    expect(mixed.body.error).toBe('unsupported_media_type');
    const anonymous = await upload(t, PNG, 'a.png', 'image/png');
    expect(anonymous.status).toBe(401);
    const id = await uploaded(pm, PNG, 'a.png', 'image/png');
    expect((await t.http().get(`/api/files/${id}`)).status).toBe(401);
  });
});

describe(`files over the size limit (${testMode()} mode)`, () => {
  let t: TestApp;
  let admin: Actor;

  beforeAll(async () => {
    t = await startTestApp({ env: { BATON_FILE_MAX_BYTES: '1024' } });
    admin = await Actor.as(t, 'admin', ADMIN_PASSWORD);
  });
  afterAll(() => t?.close());

  it('refuses a file over BATON_FILE_MAX_BYTES with 413 and takes one at the limit', async () => {
    const big = await upload(admin, Buffer.alloc(1025, 'a'), 'big.txt', 'text/plain');
    expect(big.status).toBe(413);
    expect(big.body.error).toBe('payload_too_large');
    expect(big.body.message).toContain('1 KB');
    expect(incoming(t)).toEqual([]);
    const fits = await upload(admin, Buffer.alloc(1024, 'a'), 'fits.txt', 'text/plain');
    expect(fits.status).toBe(201);
    expect(fits.body.size).toBe(1024);
  });
});
