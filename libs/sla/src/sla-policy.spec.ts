import { ClockedTicket, EMERGENCY_HOURS, SlaPolicy, SlaRuleSpec, UnitFacts } from './sla-policy';

const HOUR = 3_600_000;

/** The seeded rules (migration TicketLifecycle), as the policy reads them. */
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
  ...['kelurahan', 'kecamatan', 'kota'].map((unitType) => ({
    clock: 'respond',
    unitType,
    categoryCode: '*',
    amount: 24,
    measure: 'hours' as const,
  })),
  ...['pd', 'ukpd', 'bumd'].flatMap((unitType) => [
    { clock: 'coordinate', unitType, categoryCode: '*', amount: 6, measure: 'hours' as const },
    { clock: 'resolve', unitType, categoryCode: '*', amount: 7, measure: 'days' as const },
  ]),
  // A category's own rule wins over the general one.
  {
    clock: 'resolve',
    unitType: 'pd',
    categoryCode: 'air-bersih-sanitasi',
    amount: 3,
    measure: 'days',
  },
];

const UNITS = new Map<string, UnitFacts>([
  ['31.71.01.1001', { type: 'kelurahan', parentCode: '31.71.01' }],
  ['31.71.01', { type: 'kecamatan', parentCode: '31.71' }],
  ['31.71', { type: 'kota', parentCode: null }],
  ['dinsos', { type: 'pd', parentCode: null }],
  ['dsda', { type: 'pd', parentCode: null }],
  ['mitra-x', { type: 'mitra', parentCode: null }],
]);

/** New Year's Day 2027 falls on a Friday; 2026-12-31 is a Thursday. */
const HOLIDAYS = new Set(['2027-01-01']);

const policy = new SlaPolicy(RULES, HOLIDAYS, UNITS);

const ticket = (fields: Partial<ClockedTicket>): ClockedTicket => ({
  status: 'menunggu',
  assignedUnitCode: null,
  categoryCode: null,
  dueAt: null,
  slaClock: null,
  resolutionDueAt: null,
  emergency: false,
  ...fields,
});

/** Thursday 31 December 2026, 10:00 in Jakarta. */
const THURSDAY = new Date('2026-12-31T10:00:00+07:00');

describe('SlaPolicy.clocksAfter', () => {
  it('gives Diskominfo 3 working days to forward, skipping the weekend and a holiday', () => {
    const clocks = policy.clocksAfter(ticket({ status: 'menunggu' }), null, THURSDAY);
    // Friday is a holiday, then Saturday and Sunday: Mon 4, Tue 5, Wed 6 January.
    expect(clocks).toEqual({
      slaClock: 'forward',
      dueAt: new Date('2027-01-06T10:00:00+07:00'),
      resolutionDueAt: null,
    });
  });

  it('gives Diskominfo 3 working days to validate a follow-up', () => {
    const clocks = policy.clocksAfter(ticket({ status: 'menunggu_validasi' }), 'proses', THURSDAY);
    expect(clocks.slaClock).toBe('validate');
    expect(clocks.dueAt).toEqual(new Date('2027-01-06T10:00:00+07:00'));
  });

  it('gives a kelurahan 24 hours from the assignment, kept when it accepts', () => {
    const assigned = policy.clocksAfter(
      ticket({ status: 'disposisi', assignedUnitCode: '31.71.01.1001' }),
      'menunggu',
      THURSDAY,
    );
    expect(assigned.slaClock).toBe('respond');
    expect(assigned.dueAt).toEqual(new Date(THURSDAY.getTime() + 24 * HOUR));
    const later = new Date(THURSDAY.getTime() + 5 * HOUR);
    const accepted = policy.clocksAfter(
      ticket({ status: 'proses', assignedUnitCode: '31.71.01.1001', ...assigned }),
      'disposisi',
      later,
    );
    expect(accepted.dueAt).toEqual(assigned.dueAt);
    // A rejected follow-up starts the 24 hours again.
    const rejected = policy.clocksAfter(
      ticket({ status: 'tl_ditolak', assignedUnitCode: '31.71.01.1001', ...assigned }),
      'menunggu_validasi',
      later,
    );
    expect(rejected.dueAt).toEqual(new Date(later.getTime() + 24 * HOUR));
  });

  it('gives an agency 6 hours to coordinate and 7 days to resolve, never restarting the 7 days', () => {
    const assigned = policy.clocksAfter(
      ticket({ status: 'disposisi', assignedUnitCode: 'dinsos' }),
      'menunggu',
      THURSDAY,
    );
    expect(assigned).toEqual({
      slaClock: 'coordinate',
      dueAt: new Date(THURSDAY.getTime() + 6 * HOUR),
      resolutionDueAt: new Date(THURSDAY.getTime() + 7 * 24 * HOUR),
    });
    const accepted = policy.clocksAfter(
      ticket({ status: 'proses', assignedUnitCode: 'dinsos', ...assigned }),
      'disposisi',
      new Date(THURSDAY.getTime() + HOUR),
    );
    expect(accepted).toEqual({
      slaClock: 'resolve',
      dueAt: assigned.resolutionDueAt,
      resolutionDueAt: assigned.resolutionDueAt,
    });
    // Re-routed to another agency two days later: 6 hours again, the same 7 days.
    const rerouted = policy.clocksAfter(
      ticket({ status: 'disposisi', assignedUnitCode: 'dsda', ...accepted }),
      'proses',
      new Date(THURSDAY.getTime() + 48 * HOUR),
    );
    expect(rerouted.dueAt).toEqual(new Date(THURSDAY.getTime() + 54 * HOUR));
    expect(rerouted.resolutionDueAt).toEqual(assigned.resolutionDueAt);
  });

  it('uses a category’s own rule before the general one', () => {
    const clocks = policy.clocksAfter(
      ticket({ status: 'proses', assignedUnitCode: 'dinsos', categoryCode: 'air-bersih-sanitasi' }),
      'disposisi',
      THURSDAY,
    );
    expect(clocks.dueAt).toEqual(new Date(THURSDAY.getTime() + 3 * 24 * HOUR));
  });

  it(`keeps an emergency to ${EMERGENCY_HOURS} hours from its first assignment, whoever holds it`, () => {
    const opened = policy.clocksAfter(
      ticket({ status: 'disposisi', assignedUnitCode: 'dinsos', emergency: true }),
      null,
      THURSDAY,
    );
    const due = new Date(THURSDAY.getTime() + EMERGENCY_HOURS * HOUR);
    expect(opened).toEqual({ slaClock: 'respond', dueAt: due, resolutionDueAt: due });
    const accepted = policy.clocksAfter(
      ticket({ status: 'proses', assignedUnitCode: 'dinsos', emergency: true, ...opened }),
      'disposisi',
      new Date(THURSDAY.getTime() + 2 * HOUR),
    );
    expect(accepted.dueAt).toEqual(due);
  });

  it.each(['dinsos', 'dsda', '31.71.01.1001', 'mitra-x'])(
    `never gives an emergency at %s more than ${EMERGENCY_HOURS} hours from its creation, whatever step follows`,
    (holder) => {
      const due = new Date(THURSDAY.getTime() + EMERGENCY_HOURS * HOUR);
      let state = ticket({
        status: 'disposisi',
        assignedUnitCode: holder,
        categoryCode: 'air-bersih-sanitasi',
        emergency: true,
      });
      state = { ...state, ...policy.clocksAfter(state, null, THURSDAY) };
      expect(state.dueAt).toEqual(due);
      // Accepted, its follow-up sent back, re-routed to an agency and accepted there: an
      // agency's 6 hours or 7 days (3 for this category) never replace the emergency's 24.
      const steps: [string, string, string, number][] = [
        ['proses', 'disposisi', holder, 2],
        ['tl_ditolak', 'menunggu_validasi', holder, 5],
        ['disposisi', 'tl_ditolak', 'dsda', 6],
        ['proses', 'disposisi', 'dsda', 7],
      ];
      for (const [status, previous, assignedUnitCode, hours] of steps) {
        state = { ...state, status, assignedUnitCode };
        state = {
          ...state,
          ...policy.clocksAfter(state, previous, new Date(THURSDAY.getTime() + hours * HOUR)),
        };
        expect({ status, dueAt: state.dueAt, resolutionDueAt: state.resolutionDueAt }).toEqual({
          status,
          dueAt: due,
          resolutionDueAt: due,
        });
      }
    },
  );

  it('runs no clock when closed, or for a unit no rule covers', () => {
    expect(
      policy.clocksAfter(
        ticket({ status: 'selesai', resolutionDueAt: THURSDAY }),
        'menunggu_validasi',
        THURSDAY,
      ),
    ).toEqual({ slaClock: null, dueAt: null, resolutionDueAt: THURSDAY });
    expect(
      policy.clocksAfter(
        ticket({ status: 'disposisi', assignedUnitCode: 'mitra-x' }),
        'menunggu',
        THURSDAY,
      ),
    ).toEqual({ slaClock: null, dueAt: null, resolutionDueAt: null });
  });
});

describe('escalation', () => {
  it('goes one level up the regions, and to Diskominfo above them', () => {
    expect(policy.escalationTarget('31.71.01.1001')).toBe('31.71.01');
    expect(policy.escalationTarget('31.71.01')).toBe('31.71');
    expect(policy.escalationTarget('31.71')).toBe('diskominfo');
    expect(policy.escalationTarget('dinsos')).toBe('diskominfo');
    expect(policy.escalationTarget(null)).toBe('diskominfo');
  });

  it('gives the level it reaches the same clock again from now', () => {
    expect(
      policy.again(
        {
          slaClock: 'respond',
          status: 'proses',
          assignedUnitCode: '31.71.01.1001',
          categoryCode: null,
        },
        THURSDAY,
      ),
    ).toEqual(new Date(THURSDAY.getTime() + 24 * HOUR));
    expect(
      policy.again(
        { slaClock: 'forward', status: 'menunggu', assignedUnitCode: null, categoryCode: null },
        THURSDAY,
      ),
    ).toEqual(new Date('2027-01-06T10:00:00+07:00'));
    expect(
      policy.again(
        { slaClock: null, status: 'proses', assignedUnitCode: 'dinsos', categoryCode: null },
        THURSDAY,
      ),
    ).toBeNull();
  });
});
