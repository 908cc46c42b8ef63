import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PiiCipher } from '@crm/core';
import { ageOn, parseNik } from '@crm/identity';
import { seededRandom, syntheticNik } from '@crm/testing';
import { newTrackingNumber } from '@crm/tickets';
import { applicationForm } from './support/application-form';
import { startTestApi, TestApi } from './support/test-api';

// The fixtures live in 2021, where no other suite writes, so the figures are exactly theirs.
const YEAR = { from: '2021-01-01', to: '2021-12-31' };
const GAMBIR = '31.71.01.1001';

interface Reporter {
  type?: 'person' | 'organisation' | 'government-unit';
  category?: string;
  sex?: 'L' | 'P' | null;
  age?: number | null;
  disability?: boolean | null;
  createdAt?: string;
}

describe('dashboard: reporters and groups', () => {
  let api: TestApi;
  let db: DataSource;
  let pii: PiiCipher;
  let dashboard: Record<string, string>;

  const summary = async (query = `from=${YEAR.from}&to=${YEAR.to}`) => {
    const res = await api
      .http()
      .get(`/api/v1/dashboard/summary?${query}`)
      .set(dashboard)
      .set('Cache-Control', 'no-cache');
    expect({ status: res.status, error: res.status === 200 ? null : res.body }).toEqual({
      status: 200,
      error: null,
    });
    return res.body;
  };

  /**
   * Tickets written straight into the table, as the synthetic load does (fixtures, not steps):
   * the figures are of rows as intake and the registry check leave them.
   */
  async function writeTickets(reporters: Reporter[], parentId: string | null = null) {
    const ids: string[] = [];
    for (const reporter of reporters) {
      const id = randomUUID();
      const at = reporter.createdAt ?? '2021-05-10T09:00:00+07:00';
      await db.query(
        `INSERT INTO complaints (id, tracking_number, channel_code, request_hash, status,
           category_code, description, kelurahan_code, reported_at, created_at, created_by,
           created_by_role, version, reporter_type, reporter_sex, reporter_age,
           reporter_disability, parent_id)
         VALUES ($1, $2, 'sms', $3, 'menunggu', $4, 'Data uji dasbor', $5, $6, $6,
           'dashboard-groups-test', 'operator', 1, $7, $8, $9, $10, $11)`,
        [
          id,
          newTrackingNumber(),
          id.replace(/-/g, '').padEnd(64, '0'),
          reporter.category ?? 'lainnya',
          GAMBIR,
          at,
          reporter.type ?? 'person',
          reporter.sex ?? null,
          reporter.age ?? null,
          reporter.disability ?? null,
          parentId,
        ],
      );
      ids.push(id);
    }
    return ids;
  }

  /** A household on the prelist, put there on `at`, with its members as the form gave them. */
  async function writePrelistEntry(
    complaintId: string,
    at: string,
    members: { sex: 'L' | 'P'; birthDate: string; disability?: boolean }[],
  ): Promise<void> {
    const applicationId = randomUUID();
    const hash = randomUUID().replace(/-/g, '').padEnd(64, '0');
    await db.query(
      `INSERT INTO applications (id, complaint_id, kk_encrypted, kk_hash, address, kelurahan_code,
         monthly_expenditure, members, suggestion, submitted_by, submitted_at)
       VALUES ($1, $2, $7, $3, 'Jl. Uji 1', $4, 1000000, $5, '{}', 'dashboard-groups-test', $6)`,
      [
        applicationId,
        complaintId,
        hash,
        GAMBIR,
        JSON.stringify(
          members.map((member, n) => ({
            // Encrypted as the service stores it: other suites read Gambir's prelist.
            nikEncrypted: pii.encrypt('3171010101900001'),
            nikHash: hash,
            name: `Anggota ${n + 1}`,
            relation: n === 0 ? 'Kepala Keluarga' : 'Anak',
            ...member,
          })),
        ),
        at,
        pii.encrypt('3171010101900001'),
      ],
    );
    await db.query(
      // The cycle (its determination date) does not enter the figures by group.
      `INSERT INTO prelist_entries (head_nik_hash, application_id, complaint_ids, kelurahan_code,
         created_by, created_at, cycle_id)
       VALUES ($1, $2, ARRAY[$3]::uuid[], $4, 'dashboard-groups-test', $5, '2026-12-31')`,
      [hash, applicationId, complaintId, GAMBIR, at],
    );
  }

  beforeAll(async () => {
    api = await startTestApi();
    db = api.app.get(DataSource);
    pii = api.app.get(PiiCipher);
    dashboard = { Authorization: `Bearer ${await api.token('dashboard', 'diskominfo')}` };
  });
  afterAll(() => api.close());

  it('counts complaints by who reported them, every type listed', async () => {
    await writeTickets([
      { type: 'organisation' },
      { type: 'organisation' },
      { type: 'government-unit' },
      { type: 'person' },
      {},
    ]);
    const body = await summary();
    const [expected] = await db.query(
      `SELECT count(*) FILTER (WHERE reporter_type = 'person')::int AS person,
              count(*) FILTER (WHERE reporter_type = 'organisation')::int AS organisation,
              count(*) FILTER (WHERE reporter_type = 'government-unit')::int AS "government-unit"
         FROM complaints
        WHERE created_at >= '2021-01-01T00:00:00+07:00' AND created_at < '2022-01-01T00:00:00+07:00'`,
    );
    expect(body.byReporterType).toEqual(expected);
    expect(body.byReporterType.organisation).toBeGreaterThanOrEqual(2);
    const total = Object.values(body.byReporterType as Record<string, number>).reduce(
      (sum, n) => sum + n,
      0,
    );
    expect(total).toBe(body.total);
  });

  describe('the poverty path by sex, age group and disability', () => {
    // Q3 2021: 3 men over 60, 8 women of 30 (2 with a disability, 4 without), 6 whose NIK is
    // unknown; an organisation's complaint and an emergency's own ticket are not counted.
    const AT = '2021-08-10T09:00:00+07:00';
    const Q3 = 'from=2021-07-01&to=2021-09-30';
    beforeAll(async () => {
      const men = Array.from({ length: 3 }, () => ({ sex: 'L' as const, age: 70 }));
      const women = Array.from({ length: 8 }, (_, n) => ({
        sex: 'P' as const,
        age: 30,
        disability: n < 2 ? true : n < 6 ? false : null,
      }));
      const unknown = Array.from({ length: 6 }, () => ({}));
      const [first] = await writeTickets(
        [...men, ...women, ...unknown, { type: 'organisation' as const }].map((reporter) => ({
          ...reporter,
          category: 'belum-terdata',
          createdAt: AT,
        })),
      );
      await writeTickets([{ category: 'belum-terdata', createdAt: AT, sex: 'L', age: 70 }], first);
      // One household of 7: 4 women, 3 men; a child, a woman with a disability.
      await writePrelistEntry(first, AT, [
        { sex: 'L', birthDate: '1970-01-01' },
        { sex: 'P', birthDate: '1972-03-04', disability: true },
        { sex: 'P', birthDate: '2012-05-06' },
        { sex: 'P', birthDate: '1940-07-08', disability: false },
        { sex: 'P', birthDate: '1999-09-10' },
        { sex: 'L', birthDate: '2001-11-12' },
        { sex: 'L', birthDate: '1995-12-13' },
      ]);
    });

    const EXPECTED_COMPLAINTS = {
      total: 17,
      // 3 men: suppressed; the 6 unknown too, or 17 − 8 would give the 3 back.
      bySex: { L: 'suppressed', P: 8, unknown: 'suppressed' },
      byAgeGroup: { anak: 'suppressed', dewasa: 8, lansia: 'suppressed', unknown: 'suppressed' },
      byDisability: { no: 'suppressed', yes: 'suppressed', unknown: 11 },
    };
    const EXPECTED_PRELIST = {
      total: 7,
      bySex: { L: 'suppressed', P: 'suppressed', unknown: 'suppressed' },
      byAgeGroup: {
        anak: 'suppressed',
        dewasa: 'suppressed',
        lansia: 'suppressed',
        unknown: 'suppressed',
      },
      byDisability: { no: 'suppressed', yes: 'suppressed', unknown: 'suppressed' },
    };

    it('shows no number for a cell of 3 people, nor one that would give it back', async () => {
      const body = await summary(Q3);
      expect(body.peopleByGroup).toEqual({
        complaints: EXPECTED_COMPLAINTS,
        prelist: EXPECTED_PRELIST,
      });
      expect(body.byCategory['belum-terdata']).toBe(19);
    });

    it('gives the same figures in the quarterly report', async () => {
      const res = await api
        .http()
        .get('/api/v1/dashboard/quarterly?year=2021&quarter=3')
        .set(dashboard)
        .set('Cache-Control', 'no-cache');
      expect(res.status).toBe(200);
      // 17 persons, the organisation, and the emergency's own ticket (a person's).
      expect(res.body.byReporterType).toEqual({
        person: 18,
        organisation: 1,
        'government-unit': 0,
      });
      expect(res.body.peopleByGroup).toEqual({
        complaints: EXPECTED_COMPLAINTS,
        prelist: EXPECTED_PRELIST,
      });
    });

    it('follows the filters: a quarter with nobody shows no number at all, not even 0', async () => {
      const body = await summary(`from=2021-10-01&to=2021-12-31&kelurahan=${GAMBIR}`);
      expect(body.peopleByGroup.complaints.total).toBe('suppressed');
      expect(body.peopleByGroup.prelist.bySex).toEqual({
        L: 'suppressed',
        P: 'suppressed',
        unknown: 'suppressed',
      });
    });
  });

  it('records the facts the figures count along the poverty path: the checked NIK, a member’s disability', async () => {
    const random = seededRandom(2021);
    const operator = {
      Authorization: `Bearer ${await api.token('operator', 'diskominfo', ['sms'])}`,
    };
    const diskominfo = { Authorization: `Bearer ${await api.token('diskominfo')}` };
    const created = await api
      .http()
      .post('/api/v1/complaints')
      .set(operator)
      .send({
        channel: 'sms',
        details: { senderNumber: '081200002021' },
        reporter: { name: 'Ibu Uji', phone: '081200002021' },
        description: 'Keluarga kami belum terdata sebagai warga miskin',
        category: 'belum-terdata',
      });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    for (let i = 0; i < 100; i++) {
      const read = await api.http().get(`/api/v1/complaints/${id}`).set(diskominfo);
      if (read.body.routedAt) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const headNik = syntheticNik(random, 'P');
    const checked = await api
      .http()
      .post(`/api/v1/complaints/${id}/registry-check`)
      .set(diskominfo)
      .send({ nik: headNik });
    expect(checked.body.result).toBe('not_registered');
    const parsed = parseNik(headNik);
    if (!parsed.valid) throw new Error('synthetic NIK invalid');
    const [ticket] = await db.query(
      'SELECT reporter_sex, reporter_age, reported_at FROM complaints WHERE id = $1',
      [id],
    );
    expect(ticket.reporter_sex).toBe('P');
    expect(ticket.reporter_age).toBe(ageOn(parsed.parts.birthDate, ticket.reported_at));

    const form = applicationForm(random, headNik, { kelurahanCode: GAMBIR, children: 2 });
    form.members[1] = { ...form.members[1], disability: true } as (typeof form.members)[number];
    const submitted = await api
      .http()
      .post(`/api/v1/complaints/${id}/application`)
      .set(diskominfo)
      .send(form);
    expect(submitted.status).toBe(200);
    const [application] = await db.query(
      'SELECT members FROM applications WHERE complaint_id = $1',
      [id],
    );
    expect(
      (application.members as { disability?: boolean }[]).map((member) => member.disability),
    ).toEqual([undefined, true, undefined]);
    const wrong = await api
      .http()
      .post(`/api/v1/complaints/${id}/application`)
      .set(diskominfo)
      .send({ ...form, members: [{ ...form.members[0], disability: 'ya' }] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details).toEqual([
      { field: 'members.0.disability', problem: 'must be true or false' },
    ]);
  });
});
