import { existsSync } from 'node:fs';

/**
 * A browser for the OAuth pages: a cookie jar per origin, redirects followed one by one (each Set-Cookie
 * kept on the way, as a browser does), and forms submitted with their hidden fields, the button pressed
 * and the page's Origin. `hosts` sends an origin elsewhere, as DNS would: X's consent page at
 * https://x.com is the fake X's.
 */
export interface Visit {
  url: string;
  status: number;
  body: string;
  /** Every address the browser went through to get here, the first one included. */
  trail: string[];
}

export class Browser {
  private readonly jar = new Map<string, Map<string, string>>();

  constructor(private readonly hosts: Record<string, string> = {}) {}

  /** Sets a cookie as a site would have (`name=value`), such as the session of a signed-in X user. */
  setCookie(origin: string, cookie: string): void {
    this.store(new URL(this.resolve(origin)).origin, cookie);
  }

  cookies(origin: string): Map<string, string> {
    return this.jar.get(new URL(this.resolve(origin)).origin) ?? new Map();
  }

  async open(address: string): Promise<Visit> {
    return this.go(address, { method: 'GET' });
  }

  /** Submits the page's form with the button whose value is `press`. */
  async submit(page: Visit, press: string): Promise<Visit> {
    const form = /<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/i.exec(page.body);
    if (!form) throw new Error(`No form on ${page.url}: ${page.body.slice(0, 300)}`);
    const fields = new URLSearchParams();
    for (const input of form[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
      fields.append(input[1]!, unescape(input[2]!));
    const button = new RegExp(`<button[^>]*name="([^"]+)" value="${press}"`).exec(form[2]!);
    if (!button) throw new Error(`No button "${press}" on ${page.url}`);
    fields.append(button[1]!, press);
    const origin = new URL(page.url).origin;
    return this.go(new URL(unescape(form[1]!), page.url).toString(), {
      method: 'POST',
      body: fields.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    });
  }

  private async go(
    address: string,
    init: { method: string; body?: string; headers?: Record<string, string> },
  ): Promise<Visit> {
    const trail: string[] = [];
    let url = address;
    let request = init;
    for (let hop = 0; hop < 10; hop++) {
      trail.push(url);
      const target = this.resolve(url);
      const cookie = [...(this.jar.get(new URL(target).origin) ?? new Map<string, string>())]
        .map(([k, v]) => `${k}=${v}`)
        .join('; ');
      const response = await fetch(target, {
        ...request,
        redirect: 'manual',
        headers: { ...request.headers, ...(cookie ? { cookie } : {}) },
      });
      for (const set of response.headers.getSetCookie()) this.store(new URL(target).origin, set);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        url = new URL(location, url).toString();
        request = { method: 'GET' };
        continue;
      }
      return { url, status: response.status, body: await response.text(), trail };
    }
    throw new Error(`Too many redirects from ${address}`);
  }

  private resolve(address: string): string {
    const url = new URL(address);
    const to = this.hosts[url.origin];
    return to ? `${to}${url.pathname}${url.search}` : address;
  }

  private store(origin: string, setCookie: string): void {
    const [pair, ...attributes] = setCookie.split(';').map((part) => part.trim());
    const [name, value = ''] = pair!.split('=') as [string, string?];
    const cookies = this.jar.get(origin) ?? new Map<string, string>();
    this.jar.set(origin, cookies);
    if (attributes.some((a) => /^max-age=0$/i.test(a)) || value === '') cookies.delete(name);
    else cookies.set(name, value);
  }
}

function unescape(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, '&');
}

/**
 * Where headless Chromium is: `CHROMIUM_PATH`, else Debian's `chromium` (what .ci/run installs), else
 * the other names distributions give it. Null when none is installed.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [
    env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/snap/bin/chromium',
  ];
  return candidates.find((path): path is string => Boolean(path) && existsSync(path!)) ?? null;
}

/** The flags a test browser runs with: headless, sandbox off (containers), nothing phoning home. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
