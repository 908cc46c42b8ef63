import { TICKET_STATUSES, TicketStatus } from './ticket-status';
import { Action, ActorKind, refusal, TRANSITIONS } from './transitions';

const ACTORS: ActorKind[] = ['reviewer', 'holder', 'submitter', 'system', 'bystander', 'reporter'];
const FROM: (TicketStatus | 'new')[] = ['new', ...TICKET_STATUSES];

/**
 * The rules, written out once more as Jakarta's CRM describes them (docs/lifecycle.md), so that
 * a change to the table in transitions.ts has to be made twice — on purpose.
 * Each line: the step, who may take it, and every status it may start from.
 */
const RULES: Record<Action, [ActorKind[], (TicketStatus | 'new')[]]> = {
  receive: [['submitter'], ['new']],
  assign: [['submitter'], ['menunggu']],
  route: [['system'], ['menunggu']],
  place: [['system'], ['menunggu', 'disposisi', 'proses', 'menunggu_validasi', 'tl_ditolak']],
  dispose: [
    ['reviewer', 'holder'],
    ['menunggu', 'disposisi', 'proses', 'tl_ditolak'],
  ],
  'return-to-review': [['holder'], ['disposisi', 'proses', 'tl_ditolak']],
  accept: [['holder'], ['disposisi']],
  'follow-up': [['holder'], ['proses', 'tl_ditolak']],
  approve: [['reviewer'], ['menunggu_validasi']],
  'reject-follow-up': [['reviewer'], ['menunggu_validasi']],
  reject: [['reviewer'], ['menunggu', 'disposisi', 'proses', 'menunggu_validasi', 'tl_ditolak']],
  reopen: [['reviewer'], ['selesai']],
  dispute: [['reporter'], ['selesai']],
  rate: [['reporter'], ['selesai', 'ditolak']],
  escalate: [['system'], ['menunggu', 'disposisi', 'proses', 'menunggu_validasi', 'tl_ditolak']],
  'check-registry': [
    ['reviewer'],
    ['menunggu', 'disposisi', 'proses', 'menunggu_validasi', 'tl_ditolak'],
  ],
  'receive-application': [
    ['reviewer', 'submitter'],
    ['menunggu', 'disposisi', 'proses', 'menunggu_validasi', 'tl_ditolak'],
  ],
  triage: [['reviewer'], ['menunggu', 'disposisi', 'proses', 'menunggu_validasi', 'tl_ditolak']],
  'open-emergency': [['reviewer'], ['new']],
  'open-registration': [['reviewer'], ['new']],
  'close-prelisted': [
    ['system'],
    ['menunggu', 'disposisi', 'proses', 'menunggu_validasi', 'tl_ditolak'],
  ],
  'note-prelist-stage': [
    ['system'],
    ['menunggu', 'disposisi', 'proses', 'menunggu_validasi', 'tl_ditolak', 'selesai', 'ditolak'],
  ],
  note: [
    ['reviewer', 'holder', 'bystander'],
    ['menunggu', 'disposisi', 'proses', 'menunggu_validasi', 'tl_ditolak', 'selesai', 'ditolak'],
  ],
  recategorise: [
    ['reviewer'],
    ['menunggu', 'disposisi', 'proses', 'menunggu_validasi', 'tl_ditolak'],
  ],
  prioritise: [
    ['reviewer'],
    ['menunggu', 'disposisi', 'proses', 'menunggu_validasi', 'tl_ditolak'],
  ],
  attach: [
    ['reviewer', 'holder', 'submitter'],
    ['menunggu', 'disposisi', 'proses', 'menunggu_validasi', 'tl_ditolak'],
  ],
  'publish-evidence': [
    ['reviewer'],
    ['menunggu', 'disposisi', 'proses', 'menunggu_validasi', 'tl_ditolak', 'selesai', 'ditolak'],
  ],
  'withdraw-evidence': [
    ['reviewer'],
    ['menunggu', 'disposisi', 'proses', 'menunggu_validasi', 'tl_ditolak', 'selesai', 'ditolak'],
  ],
  'set-assignee': [
    ['holder'],
    ['menunggu', 'disposisi', 'proses', 'menunggu_validasi', 'tl_ditolak'],
  ],
};

describe('the transition table', () => {
  it('has a rule written out for every step, and a step for every rule', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual(Object.keys(RULES).sort());
  });

  const cases = (Object.keys(RULES) as Action[]).flatMap((action) =>
    ACTORS.flatMap((actor) => FROM.map((from) => [action, actor, from] as const)),
  );

  it.each(cases)('%s by %s from %s', (action, actor, from) => {
    const [actors, statuses] = RULES[action];
    const expected = !actors.includes(actor) ? 'actor' : !statuses.includes(from) ? 'status' : null;
    expect(refusal(action, from, actor)).toBe(expected);
  });

  it('ends every step in the status docs/lifecycle.md gives', () => {
    const ends = Object.fromEntries(
      Object.entries(TRANSITIONS).map(([action, transition]) => [action, transition.to]),
    );
    expect(ends).toEqual({
      receive: 'menunggu',
      assign: 'disposisi',
      route: 'disposisi',
      place: 'unchanged',
      dispose: 'disposisi',
      'return-to-review': 'menunggu',
      accept: 'proses',
      'follow-up': 'menunggu_validasi',
      approve: 'selesai',
      'reject-follow-up': 'tl_ditolak',
      reject: 'ditolak',
      reopen: 'proses',
      dispute: 'tl_ditolak',
      rate: 'unchanged',
      escalate: 'unchanged',
      'check-registry': 'unchanged',
      'receive-application': 'unchanged',
      triage: 'unchanged',
      'open-emergency': 'disposisi',
      'open-registration': 'disposisi',
      'close-prelisted': 'selesai',
      'note-prelist-stage': 'unchanged',
      note: 'unchanged',
      recategorise: 'unchanged',
      prioritise: 'unchanged',
      'set-assignee': 'unchanged',
      attach: 'unchanged',
      'publish-evidence': 'unchanged',
      'withdraw-evidence': 'unchanged',
    });
  });

  it('lets nothing but a reopening or the reporter’s dispute move a closed ticket', () => {
    const fromClosed = (Object.keys(TRANSITIONS) as Action[]).filter(
      (action) =>
        TRANSITIONS[action].to !== 'unchanged' &&
        (['selesai', 'ditolak'] as const).some((status) =>
          ACTORS.some((actor) => refusal(action, status, actor) === null),
        ),
    );
    expect(fromClosed).toEqual(['reopen', 'dispute']);
  });
});
