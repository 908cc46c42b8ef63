import * as fc from 'fast-check';
import { DataSource } from 'typeorm';
import { EscalateOverdue } from '@crm/lifecycle';
import { SlaCalendar } from '@crm/sla';
import { TRANSITIONS } from '@crm/tickets';
import { ReferenceCache } from '@crm/reference';
import { expectErrorShape, startTestApi, TestApi } from './support/test-api';
import { eventually, jakiPush, postJaki, waitForTicket } from './support/intake-client';

const GAMBIR = '31.71.01.1001'; // Monas lies here
const GAMBIR_KECAMATAN = '31.71.01';
const KEBON_SIRIH = '31.71.06.1005';

type Ticket = Record<string, unknown> & {
  id: string;
  status: string;
  version: number;
  history: { type: string; actor: string; fromStatus: string | null; toStatus: string }[];
};

describe('ticket lifecycle', () => {
  let api: TestApi;
  let db: DataSource;
  const auth = async (role: 'diskominfo' | 'unit' | 'operator' | 'admin', unit?: string) => ({
    Authorization: `Bearer ${await api.token(role, unit, role === 'operator' ? ['sms', 'inspektorat'] : undefined)}`,
  });

  beforeAll(async () => {
    api = await startTestApi();
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  /** A JAKI complaint at Monas, routed to Gambir's office. */
  async function gambirTicket(): Promise<Ticket> {
    const res = await postJaki(api, jakiPush({ location: { lat: -6.1754, lon: 106.8272 } }));
    expect(res.status).toBe(201);
    return (await waitForTicket(api, res.body.id, (t) => t.routedAt !== null)) as Ticket;
  }

  /** An SMS complaint without place or category: it waits in Diskominfo's review queue. */
  async function reviewTicket(channel = 'sms'): Promise<Ticket> {
    const res = await api
      .http()
      .post('/api/v1/complaints')
      .set(await auth('operator'))
      .send({
        channel,
        ...(channel === 'sms' ? { details: { senderNumber: '081200000001' } } : {}),
        reporter: { name: 'Warga', phone: '081200000001' },
        description: 'Lampu jalan mati sejak seminggu',
      });
    expect(res.status).toBe(201);
    return (await waitForTicket(api, res.body.id, (t) => t.routedAt !== null)) as Ticket;
  }

  const act = (id: string, path: string, headers: Record<string, string>, body: object = {}) =>
    api.http().post(`/api/v1/complaints/${id}/${path}`).set(headers).send(body);

  it('goes from a JAKI push to selesai, every step in the history with its actor', async () => {
    const ticket = await gambirTicket();
    expect(ticket).toMatchObject({
      status: 'disposisi',
      assignedUnit: { code: GAMBIR },
      slaClock: 'respond',
    });
    const assignedAt = Date.parse(ticket.assignedAt as string);
    expect(Date.parse(ticket.dueAt as string) - assignedAt).toBe(24 * 3_600_000);

    const lurah = await auth('unit', GAMBIR);
    const accepted = await act(ticket.id, 'accept', lurah);
    expect(accepted.status).toBe(200);
    expect(accepted.headers.etag).toBe(`W/"${accepted.body.version}"`);
    expect(accepted.body.status).toBe('proses');
    expect(accepted.body.firstResponseAt).not.toBeNull();

    const followed = await act(ticket.id, 'follow-ups', lurah, {
      note: 'Saluran sudah dibersihkan bersama PPSU',
      evidence: ['https://example.org/foto/1.jpg'],
    });
    expect(followed.body).toMatchObject({ status: 'menunggu_validasi', slaClock: 'validate' });

    const approved = await act(ticket.id, 'validation', await auth('diskominfo'), {
      decision: 'approve',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'selesai', dueAt: null });
    expect(approved.body.closedAt).not.toBeNull();

    const detail = await api
      .http()
      .get(`/api/v1/complaints/${ticket.id}`)
      .set(await auth('diskominfo'));
    expect(detail.headers.etag).toBe(`W/"${detail.body.version}"`);
    expect(detail.body.history.map((e: { type: string }) => e.type)).toEqual([
      'received',
      'routed',
      'accepted',
      'follow-up',
      'approved',
    ]);
    const accept = detail.body.history[2];
    expect(accept).toMatchObject({ role: 'unit', unit: GAMBIR, fromStatus: 'disposisi' });
    expect(accept.requestId).toMatch(/\S/);
    expect(detail.body.followUps).toEqual([
      expect.objectContaining({ unit: GAMBIR, decision: 'approve' }),
    ]);
    const history = await api
      .http()
      .get(`/api/v1/complaints/${ticket.id}/history`)
      .set(await auth('diskominfo'));
    expect(history.body).toHaveLength(5);
  });

  it('sends a rejected follow-up back to the same unit, which submits again', async () => {
    const ticket = await gambirTicket();
    const lurah = await auth('unit', GAMBIR);
    const diskominfo = await auth('diskominfo');
    await act(ticket.id, 'accept', lurah).expect(200);
    await act(ticket.id, 'follow-ups', lurah, { note: 'Sudah ditangani' }).expect(200);

    const noNote = await act(ticket.id, 'validation', diskominfo, { decision: 'reject' });
    expect(noNote.status).toBe(400);
    const rejected = await act(ticket.id, 'validation', diskominfo, {
      decision: 'reject',
      note: 'Foto bukti belum ada',
    });
    expect(rejected.body).toMatchObject({
      status: 'tl_ditolak',
      assignedUnit: { code: GAMBIR },
      slaClock: 'respond',
    });
    await act(ticket.id, 'follow-ups', lurah, {
      note: 'Foto terlampir',
      evidence: ['https://example.org/foto/2.jpg'],
    }).expect(200);
    const approved = await act(ticket.id, 'validation', diskominfo, { decision: 'approve' });
    expect(approved.body.status).toBe('selesai');
    expect(
      approved.body.followUps.map((f: { decision: string; decisionNote: string | null }) => [
        f.decision,
        f.decisionNote,
      ]),
    ).toEqual([
      ['reject', 'Foto bukti belum ada'],
      ['approve', null],
    ]);
  });

  it('lets exactly one of two simultaneous dispositions through', async () => {
    const ticket = await reviewTicket();
    const diskominfo = await auth('diskominfo');
    const [a, b] = await Promise.all(
      [GAMBIR, KEBON_SIRIH].map((toUnit) =>
        act(
          ticket.id,
          'dispositions',
          { ...diskominfo, 'If-Match': `W/"${ticket.version}"` },
          {
            toUnit,
            reason: 'wrong-area',
          },
        ),
      ),
    );
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expectErrorShape((a.status === 409 ? a : b).body, 409, 'VERSION_CONFLICT');
    const detail = await api.http().get(`/api/v1/complaints/${ticket.id}`).set(diskominfo);
    expect(
      detail.body.history.filter((e: { type: string }) => e.type === 'disposition'),
    ).toHaveLength(1);

    const stale = await act(
      ticket.id,
      'dispositions',
      { ...diskominfo, 'If-Match': `W/"${ticket.version}"` },
      { toUnit: 'dinsos', reason: 'wrong-function' },
    );
    expectErrorShape(stale.body, 409, 'VERSION_CONFLICT');
    const garbled = await act(
      ticket.id,
      'dispositions',
      { ...diskominfo, 'If-Match': 'yesterday' },
      { toUnit: 'dinsos', reason: 'wrong-function' },
    );
    expectErrorShape(garbled.body, 400, 'VALIDATION_FAILED');
  });

  it('refuses an illegal transition with 409 naming the current status', async () => {
    const ticket = await gambirTicket();
    const res = await act(ticket.id, 'validation', await auth('diskominfo'), {
      decision: 'approve',
    });
    expectErrorShape(res.body, 409, 'INVALID_TRANSITION');
    expect(res.body.message).toContain('disposisi');
  });

  it('keeps roles apart: operators cannot validate, other units cannot act', async () => {
    const ticket = await gambirTicket();
    const byOperator = await act(ticket.id, 'validation', await auth('operator'), {
      decision: 'approve',
    });
    expectErrorShape(byOperator.body, 403);
    // A unit that never held it cannot even see it.
    const stranger = await act(ticket.id, 'accept', await auth('unit', KEBON_SIRIH));
    expectErrorShape(stranger.body, 404, 'COMPLAINT_NOT_FOUND');
    // A unit that once held it may read it but not act on it.
    await act(ticket.id, 'dispositions', await auth('unit', GAMBIR), {
      toUnit: KEBON_SIRIH,
      reason: 'wrong-area',
      note: 'Lokasi di wilayah Kebon Sirih',
    }).expect(200);
    const formerHolder = await act(ticket.id, 'accept', await auth('unit', GAMBIR));
    expectErrorShape(formerHolder.body, 403, 'ACTION_NOT_ALLOWED');
    await api
      .http()
      .get(`/api/v1/complaints/${ticket.id}`)
      .set(await auth('unit', GAMBIR))
      .expect(200);
  });

  it('warns when a ticket is re-routed to a kelurahan its point is not in, and keeps every hop', async () => {
    const ticket = await gambirTicket();
    const res = await act(ticket.id, 'dispositions', await auth('diskominfo'), {
      toUnit: KEBON_SIRIH,
      reason: 'wrong-area',
    });
    expect(res.status).toBe(200);
    expect(res.body.kelurahan.code).toBe(KEBON_SIRIH);
    expect(res.body.warnings).toEqual([expect.stringContaining('Gambir')]);
    expect(res.body.dispositions).toEqual([
      expect.objectContaining({ fromUnit: GAMBIR, toUnit: KEBON_SIRIH, reasonCode: 'wrong-area' }),
    ]);
  });

  it('takes the reason of a re-route in the officer’s words, with or without a reason code', async () => {
    const ticket = await gambirTicket();
    const words = await act(ticket.id, 'dispositions', await auth('diskominfo'), {
      toUnit: 'dinsos',
      reason: 'Urusan kartu sosial, bukan wilayah.',
    });
    expect(words.status).toBe(200);
    const coded = await act(ticket.id, 'dispositions', await auth('diskominfo'), {
      toUnit: KEBON_SIRIH,
      reason: 'Lokasi sebenarnya di Kebon Sirih',
      reasonCode: 'wrong-area',
    });
    expect(coded.status).toBe(200);
    expect(coded.body.dispositions).toEqual([
      expect.objectContaining({
        toUnit: 'dinsos',
        reasonCode: null,
        note: 'Urusan kartu sosial, bukan wilayah.',
      }),
      expect.objectContaining({
        toUnit: KEBON_SIRIH,
        reasonCode: 'wrong-area',
        note: 'Lokasi sebenarnya di Kebon Sirih',
      }),
    ]);
    const badCode = await act(ticket.id, 'dispositions', await auth('diskominfo'), {
      toUnit: GAMBIR,
      reason: 'Salah wilayah',
      reasonCode: 'salah',
    });
    expectErrorShape(badCode.body, 400, 'VALIDATION_FAILED');
  });

  it('returns a ticket bounced three times by units to Diskominfo, flagged', async () => {
    const ticket = await gambirTicket();
    const hops = [
      [GAMBIR, KEBON_SIRIH],
      [KEBON_SIRIH, 'dinsos'],
      ['dinsos', 'dinkes'],
    ];
    let last;
    for (const [from, to] of hops) {
      last = await act(ticket.id, 'dispositions', await auth('unit', from), {
        toUnit: to,
        reason: 'wrong-function',
      });
      expect(last.status).toBe(200);
    }
    expect(last!.body).toMatchObject({
      status: 'menunggu',
      assignedUnit: null,
      flagged: true,
      bounceCount: 3,
      slaClock: 'forward',
    });
    expect(last!.body.history.at(-1).type).toBe('returned-to-review');
  });

  it('rejects a duplicate, linking it to the original in both histories', async () => {
    const original = await gambirTicket();
    const copy = await gambirTicket();
    const res = await act(copy.id, 'reject', await auth('diskominfo'), {
      reason: 'Laporan yang sama',
      duplicateOf: original.id,
    });
    expect(res.body).toMatchObject({ status: 'ditolak', duplicateOf: original.id });
    const detail = await api
      .http()
      .get(`/api/v1/complaints/${original.id}`)
      .set(await auth('diskominfo'));
    expect(detail.body.history.at(-1)).toMatchObject({
      type: 'duplicate-linked',
      data: expect.objectContaining({ duplicate: copy.id }),
    });
  });

  it('reopens a closed ticket on dispute within 30 days, and not after', async () => {
    const ticket = await gambirTicket();
    const lurah = await auth('unit', GAMBIR);
    const diskominfo = await auth('diskominfo');
    await act(ticket.id, 'accept', lurah).expect(200);
    await act(ticket.id, 'follow-ups', lurah, { note: 'Selesai' }).expect(200);
    await act(ticket.id, 'validation', diskominfo, { decision: 'approve' }).expect(200);
    const reopened = await act(ticket.id, 'reopen', diskominfo, {
      reason: 'Pelapor: saluran tersumbat lagi',
    });
    expect(reopened.body).toMatchObject({ status: 'proses', assignedUnit: { code: GAMBIR } });

    await act(ticket.id, 'follow-ups', lurah, { note: 'Dibersihkan ulang' }).expect(200);
    await act(ticket.id, 'validation', diskominfo, { decision: 'approve' }).expect(200);
    await db.query(`UPDATE complaints SET closed_at = now() - interval '31 days' WHERE id = $1`, [
      ticket.id,
    ]);
    const late = await act(ticket.id, 'reopen', diskominfo, { reason: 'Terlambat' });
    expectErrorShape(late.body, 409, 'REOPEN_WINDOW_PASSED');
  });

  it('keeps Inspektorat complaints with the Inspektorat', async () => {
    const ticket = await reviewTicket('inspektorat');
    expect(ticket.assignedUnit).toMatchObject({ code: 'inspektorat' });
    const diskominfo = await auth('diskominfo');
    await api.http().get(`/api/v1/complaints/${ticket.id}`).set(diskominfo).expect(404);
    const list = await api
      .http()
      .get('/api/v1/complaints?channel=inspektorat')
      .set(diskominfo)
      .expect(200);
    expect(list.body.meta.total).toBe(0);
    const inspektorat = await auth('unit', 'inspektorat');
    await api.http().get(`/api/v1/complaints/${ticket.id}`).set(inspektorat).expect(200);
    await act(ticket.id, 'accept', inspektorat).expect(200);
  });

  it('lists what the caller may see, filtered and paged', async () => {
    const ticket = await gambirTicket();
    const mine = await api
      .http()
      .get(
        `/api/v1/complaints?unit=${GAMBIR}&status=disposisi&kecamatan=${GAMBIR_KECAMATAN}&limit=500`,
      )
      .set(await auth('unit', GAMBIR))
      .expect(200);
    expect(mine.body.meta.limit).toBe(200);
    expect(mine.body.data.map((t: { id: string }) => t.id)).toContain(ticket.id);
    const other = await api
      .http()
      .get('/api/v1/complaints')
      .set(await auth('unit', '31.75.01.1001'))
      .expect(200);
    expect(other.body.data.map((t: { id: string }) => t.id)).not.toContain(ticket.id);
    const bad = await api
      .http()
      .get('/api/v1/complaints?status=open')
      .set(await auth('diskominfo'));
    expectErrorShape(bad.body, 400);
  });

  it('masks the reporter for a partner organisation holding the ticket', async () => {
    await db.query(
      `INSERT INTO units (code, name, type, active) VALUES ('mitra-uji', 'Mitra Uji', 'mitra', true)
       ON CONFLICT (code) DO NOTHING`,
    );
    api.app.get(ReferenceCache).invalidate();
    const ticket = await gambirTicket();
    await act(ticket.id, 'dispositions', await auth('diskominfo'), {
      toUnit: 'mitra-uji',
      reason: 'needs-other-agency',
    }).expect(200);
    const partner = await api
      .http()
      .get(`/api/v1/complaints/${ticket.id}`)
      .set(await auth('unit', 'mitra-uji'))
      .expect(200);
    expect(partner.body.reporter).toMatchObject({ name: 'S*** R***', phone: '0812*****890' });
    const lurah = await api
      .http()
      .get(`/api/v1/complaints/${ticket.id}`)
      .set(await auth('unit', GAMBIR))
      .expect(200);
    expect(lurah.body.reporter.name).toBe('Siti Rahmawati');
  });

  it('refuses to change or delete history, in the database itself', async () => {
    const ticket = await gambirTicket();
    await expect(
      db.query(`UPDATE complaint_events SET reason = 'rewritten' WHERE complaint_id = $1`, [
        ticket.id,
      ]),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.query(`DELETE FROM complaint_events WHERE complaint_id = $1`, [ticket.id]),
    ).rejects.toThrow(/append-only/);
  });

  describe('SLA clocks', () => {
    it('marks a kelurahan ticket untouched for 24 hours overdue and escalates it to the kecamatan', async () => {
      const ticket = await gambirTicket();
      const watch = api.app.get(EscalateOverdue);
      const justBefore = new Date(Date.parse(ticket.dueAt as string) - 1000);
      expect(await watch.escalateIfDue(ticket.id, justBefore)).toBe(false);
      // A day passes for this ticket alone: a sweep at a future instant would escalate every
      // ticket of the suites that share the database (found when one changed the fuzz suite's).
      await db.query(
        `UPDATE complaints SET due_at = due_at - interval '25 hours', assigned_at = assigned_at - interval '25 hours' WHERE id = $1`,
        [ticket.id],
      );
      const later = new Date();
      expect(await watch.sweep(later)).toBeGreaterThanOrEqual(1);
      expect(await watch.escalateIfDue(ticket.id, later)).toBe(false); // once only

      const detail = await api
        .http()
        .get(`/api/v1/complaints/${ticket.id}`)
        .set(await auth('diskominfo'));
      expect(detail.body).toMatchObject({
        overdue: true,
        escalationLevel: 1,
        escalatedTo: { code: GAMBIR_KECAMATAN },
      });
      expect(detail.body.history.at(-1)).toMatchObject({
        type: 'overdue',
        actor: 'system',
        data: expect.objectContaining({ clock: 'respond', escalatedTo: GAMBIR_KECAMATAN }),
      });
      const [{ n }] = await eventually(
        () =>
          db.query(
            `SELECT count(*)::int AS n FROM notifications
              WHERE complaint_id = $1 AND kind = 'escalation' AND recipient_unit_code = $2`,
            [ticket.id, GAMBIR_KECAMATAN],
          ),
        (found: { n: number }[]) => found[0].n > 0,
      );
      expect(n).toBe(1);
      // Still untouched a day later: the kota is told.
      const dayAfter = new Date(later.getTime() + 25 * 3_600_000);
      expect(await watch.escalateIfDue(ticket.id, dayAfter)).toBe(true);
      const twice = await api
        .http()
        .get(`/api/v1/complaints/${ticket.id}`)
        .set(await auth('diskominfo'));
      expect(twice.body).toMatchObject({ escalationLevel: 2, escalatedTo: { code: '31.71' } });
      // The kecamatan may now read it; the next step clears the overdue mark.
      await api
        .http()
        .get(`/api/v1/complaints/${ticket.id}`)
        .set(await auth('unit', GAMBIR_KECAMATAN))
        .expect(200);
      const accepted = await act(ticket.id, 'accept', await auth('unit', GAMBIR));
      expect(accepted.body.overdue).toBe(false);
    });

    it('counts working days past a weekend and a public holiday', async () => {
      // The seeded rules and holidays, read afresh.
      const calendar = api.app.get(SlaCalendar);
      calendar.invalidate();
      const policy = await calendar.policy();
      // Friday 14 Aug 2026, 10:00 WIB; Monday 17 Aug is Independence Day.
      const friday = new Date('2026-08-14T10:00:00+07:00');
      expect(policy.deadline('forward', 'diskominfo', '*', friday)?.toISOString()).toBe(
        new Date('2026-08-20T10:00:00+07:00').toISOString(),
      );
      // An agency: 6 hours to coordinate, 7 calendar days to resolve.
      expect(policy.deadline('coordinate', 'pd', '*', friday)?.toISOString()).toBe(
        new Date('2026-08-14T16:00:00+07:00').toISOString(),
      );
      expect(policy.deadline('resolve', 'bumd', '*', friday)?.toISOString()).toBe(
        new Date('2026-08-21T10:00:00+07:00').toISOString(),
      );
    });
  });

  it('only ever moves a ticket along allowed transitions, one event per accepted action (property)', async () => {
    const actions = [
      'dispositions',
      'accept',
      'follow-ups',
      'approve',
      'reject-follow-up',
      'reject',
      'reopen',
    ] as const;
    const actors = ['diskominfo', 'holder', 'other-unit', 'operator'] as const;
    const allowed: Record<(typeof actions)[number], { from: readonly string[]; to: string }> = {
      dispositions: TRANSITIONS.dispose,
      accept: TRANSITIONS.accept,
      'follow-ups': TRANSITIONS['follow-up'],
      approve: TRANSITIONS.approve,
      'reject-follow-up': TRANSITIONS['reject-follow-up'],
      reject: TRANSITIONS.reject,
      reopen: TRANSITIONS.reopen,
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            action: fc.constantFrom(...actions),
            actor: fc.constantFrom(...actors),
            toUnit: fc.constantFrom(GAMBIR, KEBON_SIRIH, 'dinsos'),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        async (steps) => {
          let ticket = await gambirTicket();
          const eventsBefore = ticket.history.length;
          let accepted = 0;
          for (const step of steps) {
            const holder = (ticket.assignedUnit as { code: string } | null)?.code;
            const headers =
              step.actor === 'diskominfo'
                ? await auth('diskominfo')
                : step.actor === 'operator'
                  ? await auth('operator')
                  : step.actor === 'holder' && holder
                    ? await auth('unit', holder)
                    : await auth('unit', '31.75.01.1001');
            const [path, body] =
              step.action === 'approve' || step.action === 'reject-follow-up'
                ? [
                    'validation',
                    {
                      decision: step.action === 'approve' ? 'approve' : 'reject',
                      note: 'Catatan validasi',
                    },
                  ]
                : step.action === 'dispositions'
                  ? ['dispositions', { toUnit: step.toUnit, reason: 'wrong-area' }]
                  : step.action === 'follow-ups'
                    ? ['follow-ups', { note: 'Tindak lanjut' }]
                    : step.action === 'accept'
                      ? ['accept', {}]
                      : [
                          'reject' === step.action ? 'reject' : 'reopen',
                          { reason: 'Alasan yang jelas' },
                        ];
            const res = await act(ticket.id, path, headers, body);
            if (res.status === 200) {
              accepted++;
              const rule = allowed[step.action];
              expect(rule.from).toContain(ticket.status);
              // A third re-route by units returns the ticket to review instead.
              expect([rule.to, ...(step.action === 'dispositions' ? ['menunggu'] : [])]).toContain(
                res.body.status,
              );
              ticket = res.body as Ticket;
            } else {
              expect([400, 403, 404, 409]).toContain(res.status);
              expectErrorShape(res.body, res.status);
              const now = await api
                .http()
                .get(`/api/v1/complaints/${ticket.id}`)
                .set(await auth('diskominfo'));
              expect(now.body.status).toBe(ticket.status);
              expect(now.body.version).toBe(ticket.version);
            }
          }
          const final = await api
            .http()
            .get(`/api/v1/complaints/${ticket.id}`)
            .set(await auth('diskominfo'));
          const personal = final.body.history
            .slice(eventsBefore)
            .filter((e: { actor: string }) => e.actor !== 'system');
          expect(personal).toHaveLength(accepted);
        },
      ),
      { numRuns: 12, seed: 20261123 },
    );
  });
});
