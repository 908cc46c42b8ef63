import { SlaPolicy, SlaRuleSpec, UnitFacts } from '@crm/sla';
import { ApiError, bilingual } from '@crm/core';
import { Complaint } from './complaint.entity';
import { newComplaint } from './new-complaint';
import { Actor, DispositionTarget, SERVICE_ACTOR, StepContext, Ticket } from './ticket';

const HOUR = 3_600_000;
const NOW = new Date('2026-12-01T10:00:00+07:00'); // a Tuesday

const RULES: SlaRuleSpec[] = [
  {
    clock: 'forward',
    unitType: 'diskominfo',
    categoryCode: '*',
    amount: 3,
    measure: 'working_days',
  },
  {
    clock: 'validate',
    unitType: 'diskominfo',
    categoryCode: '*',
    amount: 3,
    measure: 'working_days',
  },
  { clock: 'respond', unitType: 'kelurahan', categoryCode: '*', amount: 24, measure: 'hours' },
  { clock: 'respond', unitType: 'kecamatan', categoryCode: '*', amount: 24, measure: 'hours' },
  { clock: 'coordinate', unitType: 'pd', categoryCode: '*', amount: 6, measure: 'hours' },
  { clock: 'resolve', unitType: 'pd', categoryCode: '*', amount: 7, measure: 'days' },
];
const UNITS = new Map<string, UnitFacts>([
  ['31.71.01.1001', { type: 'kelurahan', parentCode: '31.71.01' }],
  ['31.71.01.1002', { type: 'kelurahan', parentCode: '31.71.01' }],
  ['31.71.01', { type: 'kecamatan', parentCode: '31.71' }],
  ['dinsos', { type: 'pd', parentCode: null }],
  ['inspektorat', { type: 'pd', parentCode: null }],
]);
const sla = new SlaPolicy(RULES, new Set(), UNITS);

const actor = (kind: Actor['kind'], sub = `${kind}-1`): Actor => ({
  kind,
  sub,
  role: kind === 'reviewer' ? 'diskominfo' : kind === 'holder' ? 'unit' : 'operator',
  unit: null,
  requestId: 'req-1',
});
const at = (hours: number, who: Actor = actor('reviewer')): StepContext => ({
  actor: who,
  now: new Date(NOW.getTime() + hours * HOUR),
  sla,
});

const GAMBIR: DispositionTarget = {
  code: '31.71.01.1001',
  name: 'Gambir',
  type: 'kelurahan',
  regionCode: '31.71.01.1001',
};
const KEBON_KELAPA: DispositionTarget = {
  code: '31.71.01.1002',
  name: 'Kebon Kelapa',
  type: 'kelurahan',
  regionCode: '31.71.01.1002',
};
const DINSOS: DispositionTarget = {
  code: 'dinsos',
  name: 'Dinas Sosial',
  type: 'pd',
  regionCode: null,
};

/** A stored ticket: the row as the store would read it back after `steps`. */
function stored(row: Partial<Complaint> = {}): Complaint {
  return Object.assign(
    newComplaint({
      trackingNumber: 'JKT-0000-0000-0001',
      channelCode: 'sms',
      externalId: null,
      idempotencyKey: null,
      requestHash: 'x'.repeat(64),
      categoryCode: null,
      description: 'Saluran air tersumbat',
      reporterName: 'Warga',
      reporterEmail: null,
      reporterPhoneEncrypted: null,
      reporterPhoneHash: null,
      reporterNikEncrypted: null,
      reporterNikHash: null,
      lat: null,
      lon: null,
      address: null,
      kelurahanCode: null,
      locationMethod: null,
      channelDetails: {},
      photos: [],
      reportedAt: NOW,
      createdBy: 'operator-1',
      createdByRole: 'operator',
    }),
    { createdAt: NOW, updatedAt: NOW, routedAt: NOW },
    row,
  );
}

/** Applies `step` to a fresh copy of `row` and returns the ticket. */
function after(row: Complaint, step: (ticket: Ticket) => unknown): Ticket {
  const ticket = Ticket.of(Object.assign(new Complaint(), row));
  step(ticket);
  return ticket;
}

const refusedWith = (step: () => unknown): string => {
  try {
    step();
  } catch (error) {
    if (error instanceof ApiError) return `${error.getStatus()} ${error.code}`;
    throw error;
  }
  throw new Error('the step was not refused');
};

describe('Ticket', () => {
  describe('receive', () => {
    it('records the complaint received, and its assignment when the operator named a unit', () => {
      const ticket = Ticket.receive(stored({ routedAt: null }), 'dinsos', actor('submitter'));
      expect(ticket.isNew).toBe(true);
      expect(ticket.state).toMatchObject({ status: 'disposisi', assignedUnitCode: 'dinsos' });
      expect(ticket.events.map((e) => [e.event.type, e.fromStatus, e.toStatus])).toEqual([
        ['received', null, 'menunggu'],
        ['assigned', 'menunggu', 'disposisi'],
      ]);
    });
  });

  describe('place', () => {
    const jaki = () =>
      stored({ channelCode: 'jaki', routedAt: null, lat: -6.17, lon: 106.82, version: 1 });
    const placement = {
      kelurahanCode: '31.71.01.1001',
      locationMethod: 'contains' as const,
      locationDistanceMeters: 0,
      locationAlternatives: [],
      assignTo: '31.71.01.1001',
      suggestedUnitCode: null,
      reviewReason: null,
      possibleDuplicates: [],
    };

    it('sends a geo-tagged JAKI complaint to its kelurahan with 24 hours to follow up', () => {
      const ticket = after(jaki(), (t) => t.place(placement, at(0, SERVICE_ACTOR)));
      expect(ticket.state).toMatchObject({
        status: 'disposisi',
        assignedUnitCode: '31.71.01.1001',
        assignedAt: NOW,
        routedAt: NOW,
        slaClock: 'respond',
        dueAt: new Date(NOW.getTime() + 24 * HOUR),
      });
      expect(ticket.events.map((e) => e.event.type)).toEqual(['routed']);
    });

    it('places once only, and only by the service', () => {
      const placed = after(jaki(), (t) => t.place(placement, at(0, SERVICE_ACTOR))).state;
      expect(refusedWith(() => Ticket.of(placed).place(placement, at(1, SERVICE_ACTOR)))).toBe(
        '409 INVALID_TRANSITION',
      );
      expect(refusedWith(() => Ticket.of(jaki()).place(placement, at(0)))).toBe(
        '403 ACTION_NOT_ALLOWED',
      );
    });

    it('holds anything else for review, with the reason and a suggested unit', () => {
      const ticket = after(stored({ routedAt: null, version: 1 }), (t) =>
        t.place(
          {
            ...placement,
            assignTo: null,
            suggestedUnitCode: 'dinsos',
            reviewReason: 'Awaiting review',
          },
          at(0, SERVICE_ACTOR),
        ),
      );
      expect(ticket.state).toMatchObject({
        status: 'menunggu',
        suggestedUnitCode: 'dinsos',
        reviewReason: 'Awaiting review',
        slaClock: 'forward',
      });
      expect(ticket.events[0]).toMatchObject({
        event: { type: 'held-for-review' },
        reason: 'Awaiting review',
      });
    });

    it('leaves the clocks a person already started alone', () => {
      const ticket = after(
        stored({ routedAt: null, version: 2, status: 'disposisi', assignedUnitCode: 'dinsos' }),
        (t) => t.place({ ...placement, assignTo: null }, at(0, SERVICE_ACTOR)),
      );
      expect(ticket.patch).not.toHaveProperty('dueAt');
      expect(ticket.events[0].event.type).toBe('located');
    });
  });

  describe('dispose', () => {
    const held = (unit: string, fields: Partial<Complaint> = {}) =>
      stored({ status: 'disposisi', assignedUnitCode: unit, ...fields });

    it('moves the kelurahan with the office it is sent to, and warns when the point lies elsewhere', () => {
      let warnings: string[] = [];
      const ticket = after(held('dinsos', { lat: -6.17, lon: 106.82 }), (t) => {
        warnings = t.dispose(
          KEBON_KELAPA,
          'wrong-area',
          null,
          { code: GAMBIR.code, name: 'Gambir' },
          at(1),
        );
      });
      expect(ticket.state).toMatchObject({
        status: 'disposisi',
        assignedUnitCode: '31.71.01.1002',
        kelurahanCode: '31.71.01.1002',
        bounceCount: 0,
      });
      expect(warnings).toEqual([
        "The ticket's point lies in kelurahan Gambir (31.71.01.1001), not in Kebon Kelapa",
      ]);
    });

    it('returns a ticket re-routed by units three times in a row to Diskominfo, flagged', () => {
      let row = held(GAMBIR.code);
      const hops = [KEBON_KELAPA, GAMBIR, KEBON_KELAPA];
      for (const [i, target] of hops.entries()) {
        const holder = { ...actor('holder'), unit: row.assignedUnitCode };
        row = Object.assign(
          row,
          after(row, (t) => t.dispose(target, 'wrong-area', null, null, at(i, holder))).patch,
        );
      }
      expect(row).toMatchObject({
        status: 'menunggu',
        assignedUnitCode: null,
        flagged: true,
        bounceCount: 3,
        slaClock: 'forward',
      });
    });

    it('refuses the unit that holds it, a bystander, and a re-route of an Inspektorat complaint', () => {
      expect(
        refusedWith(() => Ticket.of(held('dinsos')).dispose(DINSOS, 'other', null, null, at(0))),
      ).toBe('409 SAME_UNIT');
      expect(
        refusedWith(() =>
          Ticket.of(held('dinsos')).dispose(GAMBIR, 'other', null, null, at(0, actor('bystander'))),
        ),
      ).toBe('403 ACTION_NOT_ALLOWED');
      expect(
        refusedWith(() =>
          Ticket.of(held('inspektorat', { channelCode: 'inspektorat' })).dispose(
            DINSOS,
            'other',
            null,
            null,
            at(0, { ...actor('reviewer'), role: 'admin' }),
          ),
        ),
      ).toBe('409 RESTRICTED_TICKET');
    });
  });

  describe('handling and its deadlines', () => {
    it('scores the 6-hour coordination clock of an agency when it accepts', () => {
      const assignedAt = NOW;
      const row = stored({
        status: 'disposisi',
        assignedUnitCode: 'dinsos',
        ...sla.clocksAfter(
          {
            status: 'disposisi',
            assignedUnitCode: 'dinsos',
            categoryCode: null,
            dueAt: null,
            slaClock: null,
            resolutionDueAt: null,
            emergency: false,
          },
          'menunggu',
          assignedAt,
        ),
      });
      const early = after(row, (t) => t.accept(at(5, actor('holder'))));
      expect(early.deadlines).toEqual([
        expect.objectContaining({ unitCode: 'dinsos', clock: 'coordinate', met: true }),
      ]);
      expect(early.state).toMatchObject({
        status: 'proses',
        slaClock: 'resolve',
        firstResponseAt: new Date(NOW.getTime() + 5 * HOUR),
      });
      const late = after(row, (t) => t.accept(at(7, actor('holder'))));
      expect(late.deadlines).toEqual([expect.objectContaining({ met: false })]);
    });

    it('takes a follow-up from the holder and sends it to Diskominfo for validation', () => {
      const row = stored({ status: 'proses', assignedUnitCode: 'dinsos' });
      const ticket = after(row, (t) =>
        t.submitFollowUp(
          { note: 'Bantuan disalurkan', evidence: [], doneAt: null },
          at(1, actor('holder')),
        ),
      );
      expect(ticket.state).toMatchObject({ status: 'menunggu_validasi', slaClock: 'validate' });
      expect(ticket.followUp).toMatchObject({
        unitCode: 'dinsos',
        note: 'Bantuan disalurkan',
        submittedBy: 'holder-1',
      });
      expect(
        refusedWith(() =>
          Ticket.of(stored({ status: 'disposisi', assignedUnitCode: 'dinsos' })).submitFollowUp(
            { note: 'x', evidence: [], doneAt: null },
            at(1, actor('holder')),
          ),
        ),
      ).toBe('409 INVALID_TRANSITION');
    });

    it('closes on approval, and not while a not-in-database complaint waits for its prelist', () => {
      const row = stored({ status: 'menunggu_validasi', assignedUnitCode: 'dinsos' });
      const approved = after(row, (t) => t.validate('approve', null, null, at(2)));
      expect(approved.state).toMatchObject({
        status: 'selesai',
        closedAt: new Date(NOW.getTime() + 2 * HOUR),
        slaClock: null,
        dueAt: null,
      });
      expect(approved.followUpDecision).toEqual({
        decision: 'approve',
        decisionNote: null,
        decidedBy: 'reviewer-1',
      });
      const rejected = after(row, (t) => t.validate('reject', 'Foto kurang jelas', null, at(2)));
      expect(rejected.state.status).toBe('tl_ditolak');
      expect(
        refusedWith(() =>
          Ticket.of(row).validate(
            'approve',
            null,
            bilingual('rumah tangganya masuk prelist', 'the household is not on the prelist yet'),
            at(2),
          ),
        ),
      ).toBe('409 WAITING_FOR_PRELIST');
    });

    it('links a duplicate in the original, unless the duplicate is an Inspektorat complaint', () => {
      const original = stored({ id: '00000000-0000-4000-8000-000000000001', status: 'proses' });
      const normal = after(stored(), (t) => t.reject('Sama', { id: original.id, original }, at(1)));
      expect(normal.annotations).toEqual([
        expect.objectContaining({
          complaintId: original.id,
          event: expect.objectContaining({ type: 'duplicate-linked' }),
        }),
      ]);
      const admin = { ...actor('reviewer'), role: 'admin' };
      const restricted = after(stored({ channelCode: 'inspektorat' }), (t) =>
        t.reject('Sama', { id: original.id, original }, at(1, admin)),
      );
      expect(restricted.state.duplicateOf).toBe(original.id);
      expect(restricted.annotations).toEqual([]);
      const self = stored();
      expect(
        refusedWith(() => Ticket.of(self).reject('Sama', { id: self.id, original: self }, at(1))),
      ).toBe('400 VALIDATION_FAILED');
      expect(
        refusedWith(() => Ticket.of(self).reject('Sama', { id: 'x', original: null }, at(1))),
      ).toBe('400 VALIDATION_FAILED');
    });

    it('reopens within 30 days of closing only', () => {
      const closed = stored({ status: 'selesai', assignedUnitCode: 'dinsos', closedAt: NOW });
      expect(after(closed, (t) => t.reopen('Belum beres', at(24 * 29))).state.status).toBe(
        'proses',
      );
      expect(refusedWith(() => Ticket.of(closed).reopen('Belum beres', at(24 * 31)))).toBe(
        '409 REOPEN_WINDOW_PASSED',
      );
    });
  });

  describe('the reporter answers', () => {
    const reporter = actor('reporter', 'reporter');
    // Closed on Tuesday 1 December 2026: ten working days later is Tuesday 15 December.
    const closed = () =>
      stored({ status: 'selesai', assignedUnitCode: '31.71.01.1001', closedAt: NOW });

    it('disputes within 10 working days: back to the unit that closed it, once', () => {
      const disputed = after(closed(), (t) => t.dispute('Masih rusak', at(24 * 14, reporter)));
      expect(disputed.state).toMatchObject({
        status: 'tl_ditolak',
        assignedUnitCode: '31.71.01.1001',
        closedAt: null,
        slaClock: 'respond',
      });
      expect(disputed.events.map((e) => [e.event, e.reason])).toEqual([
        [{ type: 'disputed', data: { toUnit: '31.71.01.1001' } }, 'Masih rusak'],
      ]);
      const closedAgain = stored({ ...disputed.state, status: 'selesai', closedAt: NOW });
      expect(refusedWith(() => Ticket.of(closedAgain).dispute('Lagi', at(1, reporter)))).toBe(
        '409 ALREADY_DISPUTED',
      );
    });

    it('refuses a dispute after the window, by anyone but the reporter, or before closing', () => {
      expect(refusedWith(() => Ticket.of(closed()).dispute('Telat', at(24 * 15, reporter)))).toBe(
        '409 DISPUTE_WINDOW_PASSED',
      );
      expect(refusedWith(() => Ticket.of(closed()).dispute('Bukan', at(1)))).toBe(
        '403 ACTION_NOT_ALLOWED',
      );
      const open = stored({ status: 'proses', assignedUnitCode: '31.71.01.1001' });
      expect(refusedWith(() => Ticket.of(open).dispute('Belum', at(1, reporter)))).toBe(
        '409 INVALID_TRANSITION',
      );
    });

    it('rates a closed ticket once, without moving it', () => {
      const rated = after(closed(), (t) => t.rate(5, 'Cepat', at(1, reporter)));
      expect(rated.state).toMatchObject({ status: 'selesai', rating: 5, ratingComment: 'Cepat' });
      expect(refusedWith(() => Ticket.of(rated.state).rate(1, null, at(2, reporter)))).toBe(
        '409 ALREADY_RATED',
      );
      const open = stored({ status: 'proses', assignedUnitCode: '31.71.01.1001' });
      expect(refusedWith(() => Ticket.of(open).rate(3, null, at(1, reporter)))).toBe(
        '409 INVALID_TRANSITION',
      );
    });
  });

  describe('escalate', () => {
    const overdueAt = (fields: Partial<Complaint>) =>
      stored({ status: 'proses', slaClock: 'respond', dueAt: NOW, ...fields });

    it('escalates a kelurahan’s missed deadline to its kecamatan, with the same time again, scored once', () => {
      const ticket = after(overdueAt({ assignedUnitCode: '31.71.01.1001' }), (t) =>
        t.escalate(at(1, SERVICE_ACTOR)),
      );
      expect(ticket.state).toMatchObject({
        overdue: true,
        escalationLevel: 1,
        escalatedToUnitCode: '31.71.01',
        dueAt: new Date(NOW.getTime() + 25 * HOUR),
      });
      expect(ticket.deadlines).toEqual([
        expect.objectContaining({ unitCode: '31.71.01.1001', met: false }),
      ]);
      const again = after(Object.assign(ticket.state), (t) => t.escalate(at(30, SERVICE_ACTOR)));
      expect(again.state.escalatedToUnitCode).toBe('31.71');
      expect(again.deadlines).toEqual([]);
    });

    it('keeps an Inspektorat complaint with the Inspektorat, and does nothing before the deadline', () => {
      const ticket = after(
        overdueAt({ channelCode: 'inspektorat', assignedUnitCode: 'inspektorat' }),
        (t) => t.escalate(at(1, SERVICE_ACTOR)),
      );
      expect(ticket.state).toMatchObject({ escalatedToUnitCode: 'inspektorat', dueAt: null });
      const early = Ticket.of(overdueAt({ assignedUnitCode: '31.71.01.1001' }));
      expect(early.escalate(at(-1, SERVICE_ACTOR))).toBe(false);
      expect(early.hasChanges).toBe(false);
    });
  });

  describe('the poverty path', () => {
    const check = (result: string) => ({
      result,
      nikEncrypted: 'v1.k1.x',
      nikHash: 'h',
      maskedNik: '3171********0001',
      p3keFamilyId: null,
    });

    it('stops the clock while the application form is awaited, and starts it again in full', () => {
      const waiting = after(stored({ slaClock: 'forward', dueAt: NOW }), (t) =>
        t.recordRegistryCheck(check('not_registered'), at(1)),
      );
      expect(waiting.state).toMatchObject({
        registryStatus: 'not_registered',
        dueAt: null,
        clockPausedAt: new Date(NOW.getTime() + HOUR),
      });
      const resumed = after(waiting.state, (t) =>
        t.receiveApplication(
          {
            suggestion: { emergency: false, povertyLevel: 'miskin', perCapitaExpenditure: 1 },
            conditions: [],
            members: 1,
          },
          at(48),
        ),
      );
      expect(resumed.state.clockPausedAt).toBeNull();
      expect(resumed.state.slaClock).toBe('forward');
    });

    it('refuses the application and triage before the check found the reporter not registered', () => {
      expect(refusedWith(() => Ticket.of(stored()).check('triage', actor('reviewer')))).toBe(
        '409 NOT_AFTER_REGISTRY_CHECK',
      );
      expect(
        refusedWith(() =>
          Ticket.of(stored({ registryStatus: 'not_registered' })).check('triage', actor('holder')),
        ),
      ).toBe('403 ACTION_NOT_ALLOWED');
    });

    it('closes itself once prelisted, from whatever open status it stood in', () => {
      for (const status of [
        'menunggu',
        'disposisi',
        'proses',
        'menunggu_validasi',
        'tl_ditolak',
      ] as const) {
        const ticket = after(stored({ status, registryStatus: 'not_registered' }), (t) =>
          t.closeWhenPrelisted(at(1, SERVICE_ACTOR)),
        );
        expect(ticket.state).toMatchObject({ status: 'selesai', dueAt: null });
        expect(ticket.events[0]).toMatchObject({
          event: { type: 'closed' },
          fromStatus: status,
          toStatus: 'selesai',
        });
      }
      expect(
        refusedWith(() =>
          Ticket.of(stored({ status: 'selesai' })).closeWhenPrelisted(at(1, SERVICE_ACTOR)),
        ),
      ).toBe('409 INVALID_TRANSITION');
    });

    it('gives an emergency 24 hours at its unit, kept when the unit accepts', () => {
      const child = Ticket.openEmergency(
        stored({ parentId: '00000000-0000-4000-8000-000000000009', routedAt: null }),
        'dinsos',
        'Tidak ada makanan',
        at(0),
      );
      expect(child.state).toMatchObject({
        status: 'disposisi',
        emergency: true,
        dueAt: new Date(NOW.getTime() + 24 * HOUR),
      });
      const accepted = after(child.state, (t) => t.accept(at(3, actor('holder'))));
      expect(accepted.state.dueAt).toEqual(new Date(NOW.getTime() + 24 * HOUR));
    });

    it('keeps an emergency’s 24 hours when an agency accepts it, not the agency’s 7 days', () => {
      const due = new Date(NOW.getTime() + 24 * HOUR);
      const child = Ticket.openEmergency(
        stored({ parentId: '00000000-0000-4000-8000-000000000009', routedAt: null }),
        'dinsos',
        'Tidak ada makanan',
        at(0),
      );
      const accepted = after(child.state, (t) => t.accept(at(3, actor('holder'))));
      expect(accepted.state).toMatchObject({
        status: 'proses',
        slaClock: 'respond',
        dueAt: due,
        resolutionDueAt: due,
      });
      // The clock did not stop at acceptance, so nothing was scored for it.
      expect(accepted.deadlines).toEqual([]);
      // Handed on to a kelurahan office and accepted there: still the same 24 hours.
      const rerouted = after(accepted.state, (t) =>
        t.dispose(GAMBIR, 'wrong-unit', null, null, at(4, actor('holder'))),
      );
      const acceptedThere = after(rerouted.state, (t) => t.accept(at(5, actor('holder'))));
      expect(acceptedThere.state.dueAt).toEqual(due);
    });
  });
});
