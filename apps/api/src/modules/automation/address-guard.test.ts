import { describe, expect, it, jest } from '@jest/globals';
import { addressRisk, allowListFromEnv, checkWebhookUrl, parseAllowList } from './address-guard.js';
import { WebhookRefused } from './webhook.errors.js';

const noDns = async (host: string): Promise<string[]> => {
  throw new Error(`unexpected DNS lookup of ${host}`);
};

async function refusal(
  url: string,
  allow: string[] = [],
  resolve = noDns,
): Promise<WebhookRefused> {
  try {
    await checkWebhookUrl(url, { allow, resolve });
  } catch (err) {
    if (err instanceof WebhookRefused) return err;
    throw err;
  }
  throw new Error(`${url} was not refused`);
}

describe('checkWebhookUrl: address table', () => {
  // Hosts written as IP literals; the URL parser's normalisation is part of what is tested.
  const refused: Array<[string, string]> = [
    ['http://127.0.0.1/', 'loopback'],
    ['http://127.1.2.3:8080/x', 'loopback'],
    ['http://localhost./', 'loopback'], // via DNS, see below; here with a stub
    ['http://0x7f000001/', 'loopback'], // hex spelling of 127.0.0.1
    ['http://2130706433/', 'loopback'], // decimal spelling of 127.0.0.1
    ['http://[::1]/', 'loopback'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://[::]/', 'unspecified'],
    ['http://10.1.2.3/', 'private'],
    ['http://172.16.0.1/', 'private'],
    ['http://172.31.255.255/', 'private'],
    ['http://192.168.1.10/', 'private'],
    ['http://[fd12:3456::1]/', 'private'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://100.64.0.1/', 'carrier-grade NAT'],
    ['http://100.127.255.254/', 'carrier-grade NAT'],
    ['http://224.0.0.1/', 'multicast'],
    ['http://[ff02::1]/', 'multicast'],
    ['http://255.255.255.255/', 'broadcast'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://[::ffff:7f00:1]/', 'loopback'],
    ['http://[::ffff:169.254.169.254]/', 'link-local'],
    ['http://[::ffff:10.0.0.1]/', 'private'],
    ['http://[64:ff9b::a9fe:a9fe]/', 'link-local'], // NAT64 of 169.254.169.254
    ['http://[2002:7f00:1::]/', 'loopback'], // 6to4 of 127.0.0.1
  ];

  it.each(refused)('refuses %s (%s)', async (url, kind) => {
    const resolve = async () => ['127.0.0.1'];
    const err = await refusal(url, [], resolve);
    expect(err.code).toBe('address_not_allowed');
    expect(err.message).toContain(kind);
  });

  const allowed: Array<[string, string]> = [
    ['http://8.8.8.8/', '8.8.8.8'],
    ['https://93.184.216.34:8443/hook?x=1', '93.184.216.34'],
    ['http://172.32.0.1/', '172.32.0.1'], // just past 172.16/12
    ['http://100.128.0.1/', '100.128.0.1'], // just past 100.64/10
    ['http://[2606:4700:4700::1111]/', '2606:4700:4700::1111'],
    ['http://[64:ff9b::808:808]/', '64:ff9b::808:808'], // NAT64 of a public address
  ];

  it.each(allowed)('allows %s without asking DNS', async (url, address) => {
    await expect(checkWebhookUrl(url, { allow: [], resolve: noDns })).resolves.toEqual([address]);
  });

  it('agrees with addressRisk on the ranges themselves', () => {
    expect(addressRisk('192.168.0.1')).toBe('private');
    expect(addressRisk('::ffff:192.168.0.1')).toBe('private');
    expect(addressRisk('fe80::1%eth0')).toBe('link-local');
    expect(addressRisk('1.1.1.1')).toBeUndefined();
    expect(addressRisk('not-an-ip')).toBe('not an IP address');
  });
});

describe('checkWebhookUrl: DNS', () => {
  it('refuses a public-looking hostname that resolves to loopback', async () => {
    const err = await refusal('https://hooks.example.com/x', [], async () => ['127.0.0.1']);
    expect(err.message).toMatch(/hooks\.example\.com.*resolves to 127\.0\.0\.1.*loopback/);
  });

  it('checks every resolved address, not just the first', async () => {
    const err = await refusal('https://hooks.example.com/x', [], async () => [
      '93.184.216.34',
      '10.0.0.5',
    ]);
    expect(err.message).toContain('10.0.0.5');
  });

  it('returns every resolved address when all are public', async () => {
    const resolve = jest.fn(async (_host: string) => ['93.184.216.34', '2606:2800:220:1::1']);
    await expect(
      checkWebhookUrl('https://Hooks.Example.com./x', { allow: [], resolve }),
    ).resolves.toEqual(['93.184.216.34', '2606:2800:220:1::1']);
    expect(resolve).toHaveBeenCalledWith('hooks.example.com');
  });

  it('refuses localhost through the real system resolver', async () => {
    await expect(checkWebhookUrl('http://localhost:9/', { allow: [] })).rejects.toMatchObject({
      code: 'address_not_allowed',
    });
  });

  it('passes DNS errors through (they may be temporary)', async () => {
    const resolve = async () => {
      throw Object.assign(new Error('queryA ETIMEOUT'), { code: 'EAI_AGAIN' });
    };
    await expect(
      checkWebhookUrl('https://hooks.example.com/', { allow: [], resolve }),
    ).rejects.toMatchObject({ code: 'EAI_AGAIN' });
  });
});

describe('checkWebhookUrl: allow list', () => {
  it('lets 127.0.0.1 through when allowed by IP', async () => {
    await expect(
      checkWebhookUrl('http://127.0.0.1:3000/', { allow: ['127.0.0.1'], resolve: noDns }),
    ).resolves.toEqual(['127.0.0.1']);
    // the mapped spelling is the same address
    await expect(
      checkWebhookUrl('http://[::ffff:127.0.0.1]/', { allow: ['127.0.0.1'], resolve: noDns }),
    ).resolves.toEqual(['::ffff:7f00:1']);
    // but only that address
    await refusal('http://127.0.0.2/', ['127.0.0.1']);
  });

  it('lets a CIDR range through, and nothing outside it', async () => {
    await expect(
      checkWebhookUrl('http://10.20.30.40/', { allow: ['10.0.0.0/8'], resolve: noDns }),
    ).resolves.toEqual(['10.20.30.40']);
    await expect(
      checkWebhookUrl('http://[fd00::5]/', { allow: ['fd00::/8'], resolve: noDns }),
    ).resolves.toEqual(['fd00::5']);
    await refusal('http://192.168.0.1/', ['10.0.0.0/8']);
  });

  it('lets an allowed hostname through whatever it resolves to', async () => {
    const resolve = async () => ['10.0.0.7'];
    await expect(
      checkWebhookUrl('https://erp.corp/hook', { allow: ['erp.corp'], resolve }),
    ).resolves.toEqual(['10.0.0.7']);
    await expect(
      checkWebhookUrl('https://a.b.corp/hook', { allow: ['*.corp'], resolve }),
    ).resolves.toEqual(['10.0.0.7']);
    await refusal('https://other.example/hook', ['erp.corp'], resolve);
    await refusal('https://corp/hook', ['*.corp'], resolve);
  });

  it('lets a private resolved address through when its range is allowed', async () => {
    const resolve = async () => ['10.0.0.7'];
    await expect(
      checkWebhookUrl('https://erp.corp/hook', { allow: ['10.0.0.0/24'], resolve }),
    ).resolves.toEqual(['10.0.0.7']);
  });

  it('rejects malformed allow-list entries loudly', () => {
    expect(() => parseAllowList(['10.0.0.0/33'])).toThrow(/webhook allow list: .*prefix/);
    expect(() => parseAllowList(['10.0.0.0/8/1'])).toThrow();
    expect(() => parseAllowList(['http://x'])).toThrow(/webhook allow list/);
    expect(() => parseAllowList(['bad host!'])).toThrow(/not a hostname/);
    expect(allowListFromEnv(' 10.0.0.0/8, erp.corp ,,127.0.0.1 ')).toEqual([
      '10.0.0.0/8',
      'erp.corp',
      '127.0.0.1',
    ]);
    expect(allowListFromEnv(undefined)).toEqual([]);
  });
});

describe('checkWebhookUrl: URL shape', () => {
  it.each([
    ['not a url', 'invalid_url'],
    ['/relative/path', 'invalid_url'],
    ['ftp://example.com/file', 'scheme_not_allowed'],
    ['file:///etc/passwd', 'scheme_not_allowed'],
    ['gopher://127.0.0.1:6379/_INFO', 'scheme_not_allowed'],
    ['javascript:alert(1)', 'scheme_not_allowed'],
  ])('refuses %s as %s', async (url, code) => {
    expect((await refusal(url)).code).toBe(code);
  });
});
