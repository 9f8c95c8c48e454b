/**
 * The gateway: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeat ACKs, RESUME with replay of what a dropped
 * connection missed, and dispatches filtered by the intents the client identified with — so a bot missing
 * an intent misses the event here as it would on Discord.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
  type GatewayReadyDispatchData,
} from 'discord.js';
import { WebSocket, WebSocketServer } from 'ws';

export interface GatewayLogEntry {
  at: number;
  event: 'identify' | 'resume' | 'invalid-session' | 'refused' | 'closed';
  sessionId: string | null;
  /** The close code for 'closed' and 'refused'. */
  code?: number;
}

export interface GatewayOptions {
  token: string;
  heartbeatIntervalMs: number;
  /** Privileged intents enabled for the application in the developer portal; others are refused with 4014. */
  privilegedIntents: number;
  resumeUrl: string;
  ready(): Omit<GatewayReadyDispatchData, 'session_id' | 'resume_gateway_url'>;
  guildCreate(): unknown;
}

interface Dispatch {
  op: GatewayOpcodes.Dispatch;
  t: string;
  s: number;
  d: unknown;
}

interface Session {
  id: string;
  intents: number;
  seq: number;
  /** Everything dispatched, so a resume can replay what the client missed. */
  sent: Dispatch[];
  socket: WebSocket | null;
  /** False once the client closed cleanly or the fake invalidated it: a RESUME then gets op 9. */
  resumable: boolean;
}

const PRIVILEGED =
  GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;

export class Gateway {
  readonly log: GatewayLogEntry[] = [];
  private readonly sessions = new Map<string, Session>();
  private readonly server = new WebSocketServer({ noServer: true });

  constructor(private readonly options: GatewayOptions) {}

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
  }

  /** Sends the event to every live or resumable session whose intents cover it; answers how many. */
  dispatch(t: GatewayDispatchEvents, d: unknown, intent?: GatewayIntentBits): number {
    let reached = 0;
    for (const session of this.sessions.values()) {
      if (!session.resumable || (intent !== undefined && (session.intents & intent) === 0)) continue;
      this.emit(session, t, d);
      reached++;
    }
    return reached;
  }

  /** Drops every connection as Discord does on a restart: resumable, or not, so clients must identify again. */
  disconnect(resumable: boolean): void {
    for (const session of this.sessions.values()) {
      if (!session.socket) continue;
      session.resumable &&= resumable;
      session.socket.close(GatewayCloseCodes.UnknownError, 'fake-discord dropped the connection');
    }
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  private accept(socket: WebSocket, req: IncomingMessage): void {
    const query = new URL(req.url ?? '/', 'ws://fake').searchParams;
    if (query.get('v') !== '10') return this.refuse(socket, GatewayCloseCodes.InvalidAPIVersion);
    if (query.get('encoding') !== 'json' || query.has('compress'))
      return this.refuse(socket, GatewayCloseCodes.DecodeError);
    let session: Session | null = null;
    socket.on('message', (raw) => {
      let payload: { op: number; d: Record<string, unknown> };
      try {
        payload = JSON.parse(String(raw)) as typeof payload;
      } catch {
        return this.refuse(socket, GatewayCloseCodes.DecodeError);
      }
      if (payload.op === GatewayOpcodes.Heartbeat) return send(socket, { op: GatewayOpcodes.HeartbeatAck });
      const identifying = payload.op === GatewayOpcodes.Identify || payload.op === GatewayOpcodes.Resume;
      if (session && identifying) return this.refuse(socket, GatewayCloseCodes.AlreadyAuthenticated);
      if (!session && !identifying) return this.refuse(socket, GatewayCloseCodes.NotAuthenticated);
      if (payload.d?.token !== undefined && payload.d.token !== this.options.token) {
        return this.refuse(socket, GatewayCloseCodes.AuthenticationFailed);
      }
      if (payload.op === GatewayOpcodes.Identify) session = this.identify(socket, Number(payload.d.intents));
      else if (payload.op === GatewayOpcodes.Resume)
        session = this.resume(socket, String(payload.d.session_id), Number(payload.d.seq));
    });
    socket.on('close', (code) => {
      if (!session || session.socket !== socket) return;
      session.socket = null;
      // A client that closes normally ends its session; any other close leaves it to be resumed.
      if (code === 1000 || code === 1001) session.resumable = false;
      this.log.push({ at: Date.now(), event: 'closed', sessionId: session.id, code });
    });
    send(socket, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs } });
  }

  private identify(socket: WebSocket, intents: number): Session | null {
    if ((intents & PRIVILEGED & ~this.options.privilegedIntents) !== 0) {
      this.refuse(socket, GatewayCloseCodes.DisallowedIntents);
      return null;
    }
    const session: Session = {
      id: randomBytes(16).toString('hex'),
      intents,
      seq: 0,
      sent: [],
      socket,
      resumable: true,
    };
    this.sessions.set(session.id, session);
    this.log.push({ at: Date.now(), event: 'identify', sessionId: session.id });
    this.emit(session, GatewayDispatchEvents.Ready, {
      ...this.options.ready(),
      session_id: session.id,
      resume_gateway_url: this.options.resumeUrl,
    } satisfies GatewayReadyDispatchData);
    this.emit(session, GatewayDispatchEvents.GuildCreate, this.options.guildCreate());
    return session;
  }

  private resume(socket: WebSocket, sessionId: string, seq: number): Session | null {
    const session = this.sessions.get(sessionId);
    if (!session?.resumable) {
      this.log.push({ at: Date.now(), event: 'invalid-session', sessionId });
      send(socket, { op: GatewayOpcodes.InvalidSession, d: false });
      return null;
    }
    session.socket = socket;
    this.log.push({ at: Date.now(), event: 'resume', sessionId });
    for (const missed of session.sent.filter((event) => event.s > seq)) send(socket, missed);
    this.emit(session, GatewayDispatchEvents.Resumed, null);
    return session;
  }

  private emit(session: Session, t: string, d: unknown): void {
    const payload: Dispatch = { op: GatewayOpcodes.Dispatch, t, s: ++session.seq, d };
    session.sent.push(payload);
    if (session.socket) send(session.socket, payload);
  }

  private refuse(socket: WebSocket, code: GatewayCloseCodes): void {
    this.log.push({ at: Date.now(), event: 'refused', sessionId: null, code });
    socket.close(code, GatewayCloseCodes[code]);
  }
}

function send(socket: WebSocket, payload: unknown): void {
  if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(payload));
}
