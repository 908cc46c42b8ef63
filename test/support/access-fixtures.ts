import { DataSource } from 'typeorm';
import { pointsInside } from '@crm/testing';
import { loadConfig, mintToken, Role } from '@crm/core';
import { Random, seededRandom, syntheticNik } from '@crm/testing';
import { ReporterLinks } from '@crm/notices';
import { KelurahanIndex, Region } from '@crm/reference';
import { applicationForm } from './application-form';
import { waitForTicket } from './intake-client';
import type { TestApi } from './test-api';

/** Whose object a caller acts on: its own unit's (or, for an operator, what it entered) or another's. */
export type Scope = 'own' | 'foreign';

export type Headers = Record<string, string>;

export interface Reporter {
  name: string;
  phone: string;
  email: string;
  nik: string;
}

/**
 * Builds the tickets, prelist entries and tokens the access tests need, through the API itself
 * (operators enter, units accept, Diskominfo checks and triages), so that every fixture is in a
 * state the product could really reach.
 */
export class AccessFixtures {
  private readonly secret = loadConfig(process.env).auth.jwtSecret!;
  private readonly run = Math.random().toString(36).slice(2, 8);
  private seq = 0;
  readonly random: Random = seededRandom(20261123);
  private index?: KelurahanIndex;
  private regions?: Pick<Region, 'code' | 'geometry'>[];

  constructor(
    readonly api: TestApi,
    /** The kelurahan whose staff are "own" (holds the fixtures) and "foreign". */
    readonly own: string,
    readonly foreign: string,
  ) {}

  /** A token of `role`; `scope` decides the unit (unit) or the subject (operator). */
  async as(role: Role, scope: Scope = 'own', unit?: string, channels?: string[]): Promise<Headers> {
    const units: Record<Role, [string, string]> = {
      operator: ['diskominfo', 'diskominfo'],
      diskominfo: ['diskominfo', 'diskominfo'],
      unit: [this.own, this.foreign],
      verifier: ['dinsos', 'dppapp'],
      dashboard: ['diskominfo', 'diskominfo'],
      admin: ['diskominfo', 'diskominfo'],
    };
    const token = await mintToken(this.secret, {
      sub: `matrix-${role}-${scope}-${this.run}`,
      role,
      unit: unit ?? units[role][scope === 'own' ? 0 : 1],
      channels: role === 'operator' ? (channels ?? ['sms', 'inspektorat']) : undefined,
    });
    return { Authorization: `Bearer ${token}` };
  }

  unique(prefix: string): string {
    this.seq += 1;
    return `${prefix}-${this.run}-${this.seq}`;
  }

  /** A reporter whose every personal datum is unique to this run (to look for leaks). */
  reporter(): Reporter {
    this.seq += 1;
    const n = String(this.seq).padStart(3, '0');
    return this.remember({
      name: `Warga Rahasia ${this.run} ${n}`,
      phone: `0813${String(Math.floor(this.random() * 1e5)).padStart(5, '0')}${n}`,
      email: `warga.${this.run}.${n}@example.org`,
      nik: syntheticNik(this.random, 'P'),
    });
  }

  /** Every reporter handed out so far. */
  readonly reporters: Reporter[] = [];
  private remember(reporter: Reporter): Reporter {
    this.reporters.push(reporter);
    return reporter;
  }

  /** A point inside `kelurahan` (not in any other), by rejection sampling in its bounding box. */
  async pointIn(kelurahan: string): Promise<{ lat: number; lon: number }> {
    if (!this.regions) {
      this.regions = await this.api.app
        .get(DataSource)
        .query(`SELECT code, geometry FROM regions WHERE level = 'kelurahan'`);
      this.index = new KelurahanIndex(
        this.regions!.filter((r) => r.geometry).map((r) => ({
          code: r.code,
          geometry: r.geometry!,
        })),
      );
    }
    const region = this.regions!.find((r) => r.code === kelurahan)!;
    const [point] = pointsInside(this.index!, region, 1, this.random);
    if (!point) throw new Error(`No point found inside ${kelurahan}`);
    return { lat: point[0], lon: point[1] };
  }

  /**
   * An SMS complaint entered by the "own" operator at a point of `kelurahan`, assigned to its
   * office (`disposisi`).
   */
  async ticket(
    kelurahan = this.own,
    options: { channel?: string; reporter?: Reporter; description?: string } = {},
  ): Promise<{ id: string; trackingNumber: string }> {
    const channel = options.channel ?? 'sms';
    const reporter = options.reporter ?? this.reporter();
    const res = await this.api
      .http()
      .post('/api/v1/complaints')
      .set(await this.as('operator', 'own'))
      .send({
        channel,
        externalId: this.unique(channel),
        ...(channel === 'sms' ? { details: { senderNumber: reporter.phone } } : {}),
        reporter,
        description: options.description ?? `Saluran air tersumbat (${this.unique('d')})`,
        category: 'air-bersih-sanitasi',
        ...(channel === 'inspektorat'
          ? {}
          : {
              location: await this.pointIn(kelurahan),
              kelurahanCode: kelurahan,
              assignTo: kelurahan,
            }),
      });
    if (res.status !== 201) throw new Error(`Entry refused: ${res.status} ${res.text}`);
    // The routing job still runs (and moves the version on): wait for it before acting.
    await waitForTicket(this.api, res.body.id as string, (t) => t.routedAt !== null);
    return { id: res.body.id as string, trackingNumber: res.body.trackingNumber as string };
  }

  private async step(
    id: string,
    path: string,
    headers: Headers,
    body: object = {},
  ): Promise<Record<string, unknown>> {
    const res = await this.api
      .http()
      .post(`/api/v1/complaints/${id}/${path}`)
      .set(headers)
      .send(body);
    if (res.status !== 200) throw new Error(`${path} on ${id}: ${res.status} ${res.text}`);
    return res.body as Record<string, unknown>;
  }

  /** A photo on the ticket `id`, as its kelurahan adds it; its id. */
  async attachment(id: string): Promise<string> {
    const res = await this.api
      .http()
      .post(`/api/v1/complaints/${id}/attachments`)
      .set(await this.as('unit', 'own'))
      .field('kind', 'evidence')
      .attach('file', TINY_PNG, { filename: 'foto.png', contentType: 'image/png' });
    if (res.status !== 201) throw new Error(`attachment: ${res.status} ${res.text}`);
    return (res.body as { id: string }[])[0].id;
  }

  /** A photo of the work that a follow-up awaiting validation names: Diskominfo may publish it. */
  async publishablePhoto(): Promise<{ id: string; complaintId: string }> {
    const { id: complaintId } = await this.inProcess();
    const id = await this.attachment(complaintId);
    await this.step(complaintId, 'follow-ups', await this.as('unit', 'own'), {
      note: 'Saluran dibersihkan, foto terlampir',
      attachmentIds: [id],
    });
    return { id, complaintId };
  }

  /** A published photo of a validated follow-up: what anyone with the tracking number sees. */
  async publishedPhoto(): Promise<{ id: string; trackingNumber: string }> {
    const { id, complaintId } = await this.publishablePhoto();
    const diskominfo = await this.as('diskominfo');
    const res = await this.api
      .http()
      .post(`/api/v1/attachments/${id}/publication`)
      .set(diskominfo)
      .send({});
    if (res.status !== 201) throw new Error(`publication: ${res.status} ${res.text}`);
    const ticket = await this.step(complaintId, 'validation', diskominfo, { decision: 'approve' });
    return { id, trackingNumber: ticket.trackingNumber as string };
  }

  /** A response template of the suite's own, switched off (no other suite lists it). */
  async responseTemplate(): Promise<string> {
    const res = await this.api
      .http()
      .post('/api/v1/response-templates')
      .set(await this.as('admin', 'own'))
      .send({ stage: 'reply', title: this.unique('matrix'), text: 'Terima kasih.', active: false });
    if (res.status !== 201) throw new Error(`response template: ${res.status} ${res.text}`);
    return (res.body as { id: string }).id;
  }

  /** A ticket the own kelurahan is handling (`proses`). */
  async inProcess(): Promise<{ id: string }> {
    const { id } = await this.ticket();
    await this.step(id, 'accept', await this.as('unit', 'own'));
    return { id };
  }

  /** A ticket whose follow-up awaits Diskominfo's validation. */
  async awaitingValidation(): Promise<{ id: string }> {
    const { id } = await this.inProcess();
    await this.step(id, 'follow-ups', await this.as('unit', 'own'), {
      note: 'Saluran dibersihkan bersama PPSU',
    });
    return { id };
  }

  /** A closed ticket (`selesai`). */
  async closed(): Promise<{ id: string }> {
    const { id } = await this.awaitingValidation();
    await this.step(id, 'validation', await this.as('diskominfo'), {
      decision: 'approve',
      note: 'Sesuai foto bukti',
    });
    return { id };
  }

  /** The reporter's link token of a ticket, as its notices carry it. */
  reporterToken(id: string): string {
    return this.api.app.get(ReporterLinks).token(id);
  }

  /**
   * A reply task of the ticket (as if its channel needed a person to answer): a notice row as
   * the notices job writes it for such a channel.
   */
  async replyTask(complaintId: string): Promise<string> {
    const [row] = (await this.api.app.get(DataSource).query(
      `INSERT INTO notifications
         (complaint_id, kind, dedupe_key, channel_code, delivery, message, sequence)
       SELECT id, 'acknowledgement', $2, channel_code, 'reply',
              'Pengaduan Anda telah kami terima. {{reporterUrl}}', 0
         FROM complaints WHERE id = $1
       RETURNING id`,
      [complaintId, `matrix-reply:${this.unique('reply')}`],
    )) as { id: string }[];
    return String(row.id);
  }

  /** A ticket whose reporter the registry check did not find. */
  async notRegistered(): Promise<{ id: string; nik: string }> {
    const { id } = await this.ticket();
    const nik = syntheticNik(this.random, 'P');
    const body = await this.step(id, 'registry-check', await this.as('diskominfo'), { nik });
    if (body.result !== 'not_registered')
      throw new Error(`Registry check: ${JSON.stringify(body)}`);
    return { id, nik };
  }

  /** The application form for a household of the own kelurahan. */
  applicationForm(headNik: string): Record<string, unknown> {
    const form = applicationForm(this.random, headNik, { kelurahanCode: this.own });
    this.formNiks.push(...form.members.map((member) => member.nik));
    return form;
  }

  /** The NIKs of every household member the forms named (full NIKs never leave unasked). */
  readonly formNiks: string[] = [];

  /** A not-registered ticket with its application form. */
  async withApplication(): Promise<{ id: string }> {
    const { id, nik } = await this.notRegistered();
    await this.step(id, 'application', await this.as('diskominfo'), this.applicationForm(nik));
    return { id };
  }

  /** A prelist entry of the own kelurahan awaiting verification. */
  async prelistEntry(): Promise<{ id: string; complaintId: string }> {
    const { id } = await this.withApplication();
    const body = await this.step(id, 'triage', await this.as('diskominfo'), {
      emergency: false,
      reason: 'Masuk prelist untuk verifikasi lapangan',
    });
    return { id: body.prelistEntryId as string, complaintId: id };
  }

  /** A prelist entry all three agencies have verified: awaiting the kelurahan's deliberation. */
  async verifiedEntry(): Promise<{ id: string }> {
    const { id } = await this.prelistEntry();
    for (const agency of ['dinsos', 'dppapp', 'disdukcapil']) {
      const res = await this.api
        .http()
        .post(`/api/v1/prelist/${id}/verifications`)
        .set(await this.as('verifier', 'own', agency))
        .send({ result: 'ditemukan', note: 'Dikunjungi petugas' });
      if (res.status !== 200) throw new Error(`Verification: ${res.status} ${res.text}`);
    }
    return { id };
  }

  /** A new Open311 key of `channel` (created by an admin). */
  async open311Key(channel: string): Promise<{ id: string; key: string }> {
    const res = await this.api
      .http()
      .post('/api/v1/open311/keys')
      .set(await this.as('admin'))
      .send({ channel, name: this.unique(`client ${channel}`) });
    if (res.status !== 201) throw new Error(`Open311 key: ${res.status} ${res.text}`);
    return { id: res.body.id as string, key: res.body.key as string };
  }
}

/** A 4 × 4 PNG. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEElEQVQImWMQVDKGIwbiOACj1AZhXdpzJgAAAABJRU5ErkJggg==',
  'base64',
);
