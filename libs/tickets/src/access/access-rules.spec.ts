import type { Role } from '@crm/core';
import { actorKind, readAccess, seesOtherTickets } from './access-rules';

const GAMBIR = '31.71.01.1001';
const KEBON_KELAPA = '31.71.01.1002';

/** The tickets of the access matrix (test/access-matrix.e2e-spec.ts), as the rules see them. */
const TICKETS = {
  'sms, held by Gambir': {
    channelCode: 'sms',
    createdBy: 'operator-own',
    assignedUnitCode: GAMBIR,
    escalatedToUnitCode: null,
    kelurahanCode: GAMBIR,
  },
  'sms, escalated to Gambir': {
    channelCode: 'sms',
    createdBy: 'operator-own',
    assignedUnitCode: KEBON_KELAPA,
    escalatedToUnitCode: GAMBIR,
    kelurahanCode: KEBON_KELAPA,
  },
  'jaki, held by Gambir': {
    channelCode: 'jaki',
    createdBy: 'jaki',
    assignedUnitCode: GAMBIR,
    escalatedToUnitCode: null,
    kelurahanCode: GAMBIR,
  },
  inspektorat: {
    channelCode: 'inspektorat',
    createdBy: 'operator-own',
    assignedUnitCode: 'inspektorat',
    escalatedToUnitCode: null,
    kelurahanCode: GAMBIR,
  },
};
type TicketName = keyof typeof TICKETS;

const VIEWERS: Record<string, { role: Role; unit: string; sub: string }> = {
  admin: { role: 'admin', unit: 'diskominfo', sub: 'admin-1' },
  diskominfo: { role: 'diskominfo', unit: 'diskominfo', sub: 'dk-1' },
  'operator (own)': { role: 'operator', unit: 'diskominfo', sub: 'operator-own' },
  'operator (other)': { role: 'operator', unit: 'diskominfo', sub: 'operator-other' },
  'operator with sub jaki': { role: 'operator', unit: 'diskominfo', sub: 'jaki' },
  'unit Gambir': { role: 'unit', unit: GAMBIR, sub: 'lurah-1' },
  'unit Kebon Kelapa': { role: 'unit', unit: KEBON_KELAPA, sub: 'lurah-2' },
  'unit inspektorat': { role: 'unit', unit: 'inspektorat', sub: 'insp-1' },
  'camat Gambir': { role: 'unit', unit: '31.71.01', sub: 'camat-1' },
  'walikota Jakarta Pusat': { role: 'unit', unit: '31.71', sub: 'walikota-1' },
  'camat Tanah Abang': { role: 'unit', unit: '31.71.02', sub: 'camat-2' },
  verifier: { role: 'verifier', unit: 'dinsos', sub: 'ver-1' },
  dashboard: { role: 'dashboard', unit: 'diskominfo', sub: 'dash-1' },
};

/**
 * Read / actor kind / sees other tickets' numbers, for each viewer on each ticket. `held?` is a
 * unit that may read only if the history says it held the ticket before.
 */
const EXPECTED: Record<string, Record<TicketName, string>> = {
  admin: {
    'sms, held by Gambir': 'yes bystander others',
    'sms, escalated to Gambir': 'yes bystander others',
    'jaki, held by Gambir': 'yes bystander others',
    inspektorat: 'yes reviewer others',
  },
  diskominfo: {
    'sms, held by Gambir': 'yes reviewer others',
    'sms, escalated to Gambir': 'yes reviewer others',
    'jaki, held by Gambir': 'yes reviewer others',
    inspektorat: 'no bystander -',
  },
  'operator (own)': {
    'sms, held by Gambir': 'yes submitter -',
    'sms, escalated to Gambir': 'yes submitter -',
    'jaki, held by Gambir': 'no bystander -',
    inspektorat: 'no submitter -',
  },
  'operator (other)': {
    'sms, held by Gambir': 'no bystander -',
    'sms, escalated to Gambir': 'no bystander -',
    'jaki, held by Gambir': 'no bystander -',
    inspektorat: 'no bystander -',
  },
  'operator with sub jaki': {
    'sms, held by Gambir': 'no bystander -',
    'sms, escalated to Gambir': 'no bystander -',
    'jaki, held by Gambir': 'no submitter -',
    inspektorat: 'no bystander -',
  },
  'unit Gambir': {
    'sms, held by Gambir': 'yes holder -',
    'sms, escalated to Gambir': 'yes bystander -',
    'jaki, held by Gambir': 'yes holder -',
    inspektorat: 'no bystander -',
  },
  'unit Kebon Kelapa': {
    'sms, held by Gambir': 'held? bystander -',
    'sms, escalated to Gambir': 'yes holder -',
    'jaki, held by Gambir': 'held? bystander -',
    inspektorat: 'no bystander -',
  },
  'unit inspektorat': {
    'sms, held by Gambir': 'held? bystander -',
    'sms, escalated to Gambir': 'held? bystander -',
    'jaki, held by Gambir': 'held? bystander -',
    inspektorat: 'yes holder others',
  },
  // A region office reads its whole area (never an Inspektorat complaint), acts on none it
  // does not hold.
  'camat Gambir': {
    'sms, held by Gambir': 'yes bystander -',
    'sms, escalated to Gambir': 'yes bystander -',
    'jaki, held by Gambir': 'yes bystander -',
    inspektorat: 'no bystander -',
  },
  'walikota Jakarta Pusat': {
    'sms, held by Gambir': 'yes bystander -',
    'sms, escalated to Gambir': 'yes bystander -',
    'jaki, held by Gambir': 'yes bystander -',
    inspektorat: 'no bystander -',
  },
  'camat Tanah Abang': {
    'sms, held by Gambir': 'held? bystander -',
    'sms, escalated to Gambir': 'held? bystander -',
    'jaki, held by Gambir': 'held? bystander -',
    inspektorat: 'no bystander -',
  },
  verifier: {
    'sms, held by Gambir': 'no bystander -',
    'sms, escalated to Gambir': 'no bystander -',
    'jaki, held by Gambir': 'no bystander -',
    inspektorat: 'no bystander -',
  },
  dashboard: {
    'sms, held by Gambir': 'no bystander -',
    'sms, escalated to Gambir': 'no bystander -',
    'jaki, held by Gambir': 'no bystander -',
    inspektorat: 'no bystander -',
  },
};

describe('the access rules, as a table', () => {
  const cases = Object.keys(VIEWERS).flatMap((viewer) =>
    (Object.keys(TICKETS) as TicketName[]).map((ticket) => [viewer, ticket] as const),
  );

  it.each(cases)('%s on %s', (viewerName, ticketName) => {
    const viewer = VIEWERS[viewerName];
    const ticket = TICKETS[ticketName];
    const read = { yes: 'yes', no: 'no', 'if-held-before': 'held?' }[readAccess(ticket, viewer)];
    const others = seesOtherTickets(ticket, viewer) ? 'others' : '-';
    expect(`${read} ${actorKind(ticket, viewer)} ${others}`).toBe(EXPECTED[viewerName][ticketName]);
  });
});
