// The benchmarks' JSON client: one call, the parsed answer, an Error on 4xx/5xx.

/** `http(method, path, token?, body?)` against `base`. */
export function jsonClient(base) {
  return async function http(method, p, token, body) {
    const res = await fetch(base + p, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json().catch(() => null);
    if (res.status >= 400) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}
