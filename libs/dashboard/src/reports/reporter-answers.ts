import { DataSource } from 'typeorm';
import { TicketFacts } from '../facts/ticket-facts';

/** How the reporters of one unit's (or category's) closed tickets answered (if any did). */
export interface AnswerFigures {
  code: string;
  /** Tickets closed (`selesai` or `ditolak`) in the selection */
  closed: number;
  rated: number;
  /** Mean of the 1–5 ratings; null without any */
  averageRating: number | null;
  disputed: number;
  reopened: number;
  /** disputed ÷ closed, reopened ÷ closed (three decimals) */
  disputeRate: number;
  reopenRate: number;
}

export interface ReporterAnswerFigures {
  byUnit: AnswerFigures[];
  byCategory: AnswerFigures[];
  /** The selected tickets' notices to reporters that failed after every retry, and those waiting */
  notices: { failed: number; pending: number };
}

const ANSWERS_SQL = `
  SELECT c.row_seq, c.rating, c.disputed_at IS NOT NULL AS disputed,
         EXISTS (SELECT 1 FROM complaint_events e
                  WHERE e.complaint_id = c.id AND e.type IN ('reopened', 'disputed')) AS reopened
    FROM complaints c
   WHERE c.id IN (
         SELECT id FROM complaints WHERE rated_at IS NOT NULL OR disputed_at IS NOT NULL
         UNION SELECT complaint_id FROM complaint_events WHERE type IN ('reopened', 'disputed'))`;

// Failed and waiting notices are few (the others are sent): their tickets, counted against the
// selection like the answers.
const NOTICES_SQL = `
  SELECT c.row_seq, n.status
    FROM notifications n JOIN complaints c ON c.id = n.complaint_id
   WHERE n.recipient_unit_code IS NULL AND n.delivery <> 'reply'
     AND n.status IN ('failed', 'pending')`;

/**
 * The reporters' answers (docs/notifications.md): ratings, disputes and reopenings per unit
 * that held the ticket and per category, over the selected tickets that closed. The answers
 * are few beside the tickets: they are read from their rows, and counted against the index's
 * selection.
 */
export async function reporterAnswerFigures(
  dataSource: DataSource,
  facts: TicketFacts,
  selection: Uint32Array,
): Promise<ReporterAnswerFigures> {
  const [answers, waiting] = await Promise.all([
    dataSource.query(ANSWERS_SQL) as Promise<
      { row_seq: number; rating: number | null; disputed: boolean; reopened: boolean }[]
    >,
    dataSource.query(NOTICES_SQL) as Promise<{ row_seq: number; status: string }[]>,
  ]);
  // A byte per ticket and a row of counters per unit and category: a Set of a million row
  // numbers and a Map per tally took a second a summary at a million tickets.
  const selected = new Uint8Array(facts.maxSeq + 1);
  for (let s = 0; s < selection.length; s++) selected[selection[s]] = 1;
  const isSelected = (i: number) => i < selected.length && selected[i] === 1;
  const notices = { failed: 0, pending: 0 };
  for (const notice of waiting) {
    if (isSelected(notice.row_seq)) notices[notice.status as 'failed' | 'pending']++;
  }
  const byUnit = new Tallies(facts.units.size);
  const byCategory = new Tallies(facts.categories.size);
  const selesai = facts.statuses.find('selesai');
  const ditolak = facts.statuses.find('ditolak');
  const { status, unit, category } = facts;
  for (let s = 0; s < selection.length; s++) {
    const i = selection[s];
    if (status[i] !== selesai && status[i] !== ditolak) continue;
    byUnit.closed[unit[i]]++;
    byCategory.closed[category[i]]++;
  }
  for (const answer of answers) {
    const i = answer.row_seq;
    if (!isSelected(i)) continue;
    byUnit.answer(unit[i], answer);
    byCategory.answer(category[i], answer);
  }
  return {
    byUnit: figures(byUnit, facts.units.codes),
    byCategory: figures(byCategory, facts.categories.codes),
    notices,
  };
}

/** Counters by a code's number in the index (units or categories). */
class Tallies {
  readonly closed: Uint32Array;
  readonly rated: Uint32Array;
  readonly sum: Uint32Array;
  readonly disputed: Uint32Array;
  readonly reopened: Uint32Array;

  constructor(size: number) {
    this.closed = new Uint32Array(size);
    this.rated = new Uint32Array(size);
    this.sum = new Uint32Array(size);
    this.disputed = new Uint32Array(size);
    this.reopened = new Uint32Array(size);
  }

  answer(n: number, answer: { rating: number | null; disputed: boolean; reopened: boolean }) {
    if (answer.rating !== null) {
      this.rated[n]++;
      this.sum[n] += answer.rating;
    }
    if (answer.disputed) this.disputed[n]++;
    if (answer.reopened) this.reopened[n]++;
  }
}

function figures(tallies: Tallies, codes: readonly string[]): AnswerFigures[] {
  const rate = (part: number, whole: number) =>
    whole ? Math.round((part / whole) * 1000) / 1000 : 0;
  const shown: AnswerFigures[] = [];
  // Only where a reporter answered: a unit whose reporters said nothing has nothing to show
  // here, and the answer stays small however many units closed tickets.
  const { closed, rated, sum, disputed, reopened } = tallies;
  for (let n = 1; n < codes.length && n < closed.length; n++) {
    if (rated[n] + disputed[n] + reopened[n] === 0) continue;
    shown.push({
      code: codes[n],
      closed: closed[n],
      rated: rated[n],
      averageRating: rated[n] ? Math.round((sum[n] / rated[n]) * 100) / 100 : null,
      disputed: disputed[n],
      reopened: reopened[n],
      disputeRate: rate(disputed[n], closed[n]),
      reopenRate: rate(reopened[n], closed[n]),
    });
  }
  return shown.sort((a, b) => a.code.localeCompare(b.code));
}
