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
  const selected = new Set(selection);
  const notices = { failed: 0, pending: 0 };
  for (const notice of waiting) {
    if (selected.has(notice.row_seq)) notices[notice.status as 'failed' | 'pending']++;
  }
  const closedStatuses = new Set(['selesai', 'ditolak'].map((s) => facts.statuses.find(s)));
  const byUnit = new Map<number, Tally>();
  const byCategory = new Map<number, Tally>();
  const tallyOf = (map: Map<number, Tally>, key: number) => {
    let tally = map.get(key);
    if (!tally) map.set(key, (tally = { closed: 0, rated: 0, sum: 0, disputed: 0, reopened: 0 }));
    return tally;
  };
  for (const i of selection) {
    if (!closedStatuses.has(facts.status[i])) continue;
    tallyOf(byUnit, facts.unit[i]).closed++;
    tallyOf(byCategory, facts.category[i]).closed++;
  }
  for (const answer of answers) {
    const i = answer.row_seq;
    if (!selected.has(i)) continue;
    for (const tally of [tallyOf(byUnit, facts.unit[i]), tallyOf(byCategory, facts.category[i])]) {
      if (answer.rating !== null) {
        tally.rated++;
        tally.sum += answer.rating;
      }
      if (answer.disputed) tally.disputed++;
      if (answer.reopened) tally.reopened++;
    }
  }
  return {
    byUnit: figures(byUnit, facts.units.codes),
    byCategory: figures(byCategory, facts.categories.codes),
    notices,
  };
}

interface Tally {
  closed: number;
  rated: number;
  sum: number;
  disputed: number;
  reopened: number;
}

function figures(tallies: Map<number, Tally>, codes: readonly string[]): AnswerFigures[] {
  const rate = (part: number, whole: number) =>
    whole ? Math.round((part / whole) * 1000) / 1000 : 0;
  // Only where a reporter answered: a unit whose reporters said nothing has nothing to show
  // here, and the answer stays small however many units closed tickets.
  return [...tallies]
    .filter(([code, t]) => code !== 0 && t.rated + t.disputed + t.reopened > 0)
    .map(([code, t]) => ({
      code: codes[code],
      closed: t.closed,
      rated: t.rated,
      averageRating: t.rated ? Math.round((t.sum / t.rated) * 100) / 100 : null,
      disputed: t.disputed,
      reopened: t.reopened,
      disputeRate: rate(t.disputed, t.closed),
      reopenRate: rate(t.reopened, t.closed),
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}
