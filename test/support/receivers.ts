import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One request a receiver got. */
export interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  json: Record<string, unknown>;
}

/**
 * A local HTTP receiver standing in for JAKI's callback, SP4N-LAPOR! or the SMS gateway: it
 * keeps what it got and answers as `answer` says (a status, or a delay first), so a test can make
 * it fail, stall or come back.
 */
export class HttpReceiver {
  /** The requests answered 2xx: delivered. */
  readonly received: Received[] = [];
  /** Every request answered, with the status it got. */
  readonly answered: (Received & { status: number })[] = [];
  /** The status to answer with next; a function decides per request. */
  answer: (request: Received) => number | Promise<number> = () => 200;
  private server?: Server;
  url = '';

  async start(path = '/'): Promise<this> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const request: Received = { headers: req.headers, body, json: parse(body) };
        void Promise.resolve(this.answer(request)).then((status) => {
          // A sender that gave up waiting (its timeout) did not get this answer.
          if (req.socket.destroyed) return;
          if (status >= 200 && status < 300) this.received.push(request);
          this.answered.push({ ...request, status });
          res.writeHead(status).end();
        });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
    return this;
  }

  /** Every request that was answered 2xx, i.e. delivered. */
  delivered(filter: (request: Received) => boolean = () => true): Received[] {
    return this.received.filter(filter);
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** One e-mail the SMTP server accepted. */
export interface Mail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server (the smtp-server package) on a free port, keeping what it accepts. */
export class SmtpReceiver {
  readonly mails: Mail[] = [];
  private server?: SMTPServer;
  url = '';

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData: (stream, session, callback) => {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
        stream.on('end', () => {
          this.mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((to) => to.address),
            raw,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.server.address() as AddressInfo;
    this.url = `smtp://127.0.0.1:${port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function parse(body: string): Record<string, unknown> {
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch {
    return {};
  }
}
