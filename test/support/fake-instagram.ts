import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for instagram.com's web app, answering in the shapes docs/FORMATS.md records
 * ("Instagram's web app"): a page that sets the session cookies, the friendships endpoint paging the
 * viewer's following list, and web_profile_info. Any lookup can be scripted to answer with one of the
 * throttles Instagram uses, so the companion's every stop can be seen in a real browser.
 */
export interface FakeAccount {
  pk: string;
  username: string;
  full_name?: string;
  is_private?: boolean;
  is_verified?: boolean;
  has_anonymous_profile_picture?: boolean;
  /** Epoch seconds of their latest story, 0 when none. */
  latest_reel_media?: number;
  biography?: string;
  external_url?: string | null;
  category_name?: string | null;
  is_business_account?: boolean;
  follower_count?: number;
  following_count?: number;
  media_count?: number;
  posts?: { taken_at: number; caption: string; pinned?: boolean }[];
}

export type Throttle = 'wait' | '429' | 'login' | 'checkpoint' | 'feedback';

export class FakeInstagram {
  readonly viewer = '4200000001';
  following: FakeAccount[] = [];
  /** Usernames web_profile_info answers `user: null` for (deleted, deactivated, or renamed away). */
  readonly missing = new Set<string>();
  /** Throttles by the number of the profile lookup they answer (1 = the first). */
  readonly throttles = new Map<number, Throttle>();
  pageSize = 2;
  /** Every API request, in order, as the server saw it. */
  readonly requests: { path: string; appId: string | undefined; cookie: string | undefined }[] = [];
  private lookups = 0;
  private server: Server | null = null;

  /** The profile lookups made so far (throttled ones included), by username. */
  get profileLookups(): string[] {
    return this.requests
      .filter((r) => r.path.startsWith('/api/v1/users/web_profile_info/'))
      .map((r) => new URL(r.path, 'http://x').searchParams.get('username')!);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.answer(req.url ?? '/', req.headers, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private answer(path: string, headers: Record<string, string | string[] | undefined>, res: ServerResponse) {
    const url = new URL(path, 'http://instagram.local');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/') {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'set-cookie': [`ds_user_id=${this.viewer}; Path=/`, 'sessionid=fake-session; Path=/; HttpOnly'],
      });
      return res.end(
        '<!doctype html><html><head><title>Instagram</title></head><body><main>feed</main></body></html>',
      );
    }
    if (url.pathname.startsWith('/accounts/login')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end('<!doctype html><html><body>Log in to Instagram</body></html>');
    }
    if (!url.pathname.startsWith('/api/v1/')) return json(404, { status: 'fail' });
    const appId = headers['x-ig-app-id'] as string | undefined;
    this.requests.push({
      path: url.pathname + url.search,
      appId,
      cookie: headers.cookie as string | undefined,
    });
    if (appId !== '936619743392459') return json(400, { message: 'useragent mismatch', status: 'fail' });

    const following = new RegExp(`^/api/v1/friendships/${this.viewer}/following/$`).exec(url.pathname);
    if (following) {
      const from = Number(url.searchParams.get('max_id') ?? 0);
      const count = Math.min(Number(url.searchParams.get('count') ?? 12), this.pageSize);
      const page = this.following.slice(from, from + count);
      const more = from + count < this.following.length;
      return json(200, {
        users: page.map((a) => ({
          pk: a.pk,
          pk_id: a.pk,
          username: a.username,
          full_name: a.full_name ?? '',
          is_private: a.is_private ?? false,
          is_verified: a.is_verified ?? false,
          profile_pic_url: 'https://scontent.cdninstagram.com/v/t51.2885-19/pic.jpg',
          has_anonymous_profile_picture: a.has_anonymous_profile_picture ?? false,
          latest_reel_media: a.latest_reel_media ?? 0,
        })),
        big_list: more,
        page_size: count,
        ...(more ? { next_max_id: String(from + count) } : {}),
        status: 'ok',
      });
    }
    if (url.pathname === '/api/v1/users/web_profile_info/') {
      this.lookups += 1;
      const throttle = this.throttles.get(this.lookups);
      if (throttle) return this.throttle(throttle, res, json);
      const username = url.searchParams.get('username') ?? '';
      const account = this.missing.has(username)
        ? undefined
        : this.following.find((a) => a.username === username);
      if (!account) return json(200, { data: { user: null }, status: 'ok' });
      return json(200, { data: { user: webProfile(account) }, status: 'ok' });
    }
    return json(404, { status: 'fail' });
  }

  private throttle(kind: Throttle, res: ServerResponse, json: (status: number, body: unknown) => void) {
    switch (kind) {
      case 'wait':
        return json(401, {
          message: 'Please wait a few minutes before you try again.',
          require_login: false,
          status: 'fail',
        });
      case '429':
        res.writeHead(429, { 'content-type': 'text/html; charset=utf-8' });
        return res.end('<!doctype html><html><body>Too many requests</body></html>');
      case 'login':
        res.writeHead(302, { location: '/accounts/login/?next=%2F' });
        return res.end();
      case 'checkpoint':
        return json(400, {
          message: 'checkpoint_required',
          checkpoint_url: '/challenge/?next=/api/v1/users/web_profile_info/',
          lock: false,
          status: 'fail',
        });
      case 'feedback':
        return json(400, {
          message: 'feedback_required',
          spam: true,
          feedback_title: 'Try Again Later',
          feedback_message: 'We limit how often you can do certain things on Instagram.',
          status: 'fail',
        });
    }
  }
}

/** The `data.user` of web_profile_info, in the GraphQL names the web app uses. */
function webProfile(a: FakeAccount): Record<string, unknown> {
  return {
    id: a.pk,
    username: a.username,
    full_name: a.full_name ?? '',
    biography: a.biography ?? '',
    bio_links: a.external_url ? [{ title: '', url: a.external_url, link_type: 'external' }] : [],
    external_url: a.external_url ?? null,
    edge_followed_by: { count: a.follower_count ?? 0 },
    edge_follow: { count: a.following_count ?? 0 },
    is_private: a.is_private ?? false,
    is_verified: a.is_verified ?? false,
    is_business_account: a.is_business_account ?? false,
    category_name: a.category_name ?? null,
    business_category_name: null,
    profile_pic_url: 'https://scontent.cdninstagram.com/v/t51.2885-19/pic.jpg',
    edge_owner_to_timeline_media: {
      count: a.media_count ?? a.posts?.length ?? 0,
      page_info: { has_next_page: false, end_cursor: null },
      edges: (a.is_private ? [] : (a.posts ?? [])).map((p, i) => ({
        node: {
          __typename: 'GraphImage',
          id: `${a.pk}${i}`,
          shortcode: `C${a.pk}${i}`,
          taken_at_timestamp: p.taken_at,
          edge_media_to_caption: { edges: p.caption ? [{ node: { text: p.caption } }] : [] },
          pinned_for_users: p.pinned ? [{ id: a.pk, username: a.username }] : [],
        },
      })),
    },
  };
}
