import { Injectable } from '@nestjs/common';
import {
  maskAddress,
  maskEmail,
  maskName,
  maskNik,
  maskPhone,
  maskUrl,
  PiiCipher,
  Principal,
} from '@crm/core';
import { ReferenceCache, RegionDirectory } from '@crm/reference';
import { Complaint } from '../complaint.entity';
import { TicketAccess } from '../access/ticket-access';
import { TicketEvidence } from '../ticket-evidence';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FollowUp } from '../follow-up.entity';
import { ComplaintEvent } from '../complaint-event.entity';
import { SlaOutcome } from '@crm/sla';
import { ComplaintDetailDto, ComplaintDto, HistoryEventDto, RefDto } from './complaint.dto';

/** Builds the API's ticket representation, masking personal data by role. */
@Injectable()
export class ComplaintViews {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: ReferenceCache,
    private readonly regions: RegionDirectory,
    private readonly pii: PiiCipher,
    private readonly access: TicketAccess,
    private readonly evidence: TicketEvidence,
  ) {}

  async toDto(
    complaint: Complaint,
    viewer: Pick<Principal, 'role' | 'unit'>,
  ): Promise<ComplaintDto> {
    const full = await this.access.seesContact(viewer);
    // An anonymous reporter is known to Diskominfo alone (and admins); anyone else reads no
    // name and no contact at all, not even masked.
    const hidden = complaint.reporterAnonymous && !this.access.seesAnonymous(viewer);
    const phone = complaint.reporterPhoneEncrypted
      ? this.pii.decrypt(complaint.reporterPhoneEncrypted)
      : null;
    const nik = complaint.reporterNikEncrypted
      ? this.pii.decrypt(complaint.reporterNikEncrypted)
      : null;
    const name = complaint.reporterName;
    const place = complaint.kelurahanCode ? this.regions.ancestors(complaint.kelurahanCode) : {};
    const kelurahan = complaint.kelurahanCode
      ? this.regions.get(complaint.kelurahanCode)
      : undefined;
    const category = complaint.categoryCode
      ? await this.reference.category(complaint.categoryCode)
      : undefined;
    return {
      id: complaint.id,
      trackingNumber: complaint.trackingNumber,
      channel: complaint.channelCode,
      externalId: complaint.externalId,
      status: complaint.status,
      category: category ? { code: category.code, name: category.name } : null,
      description: complaint.description,
      reporter: hidden
        ? {
            type: complaint.reporterType,
            anonymous: true,
            name: ANONYMOUS,
            phone: null,
            email: null,
            nik: null,
          }
        : {
            type: complaint.reporterType,
            anonymous: complaint.reporterAnonymous,
            name: name && (full ? name : maskName(name)),
            phone: phone && (full ? phone : maskPhone(phone)),
            email:
              complaint.reporterEmail &&
              (full ? complaint.reporterEmail : maskEmail(complaint.reporterEmail)),
            // A full NIK only ever leaves through the audited reveal.
            nik: nik && maskNik(nik),
          },
      location:
        complaint.lat !== null && complaint.lon !== null
          ? { lat: complaint.lat, lon: complaint.lon }
          : null,
      address: complaint.address && (full ? complaint.address : maskAddress(complaint.address)),
      locationMethod: complaint.locationMethod,
      locationDistanceMeters: complaint.locationDistanceMeters,
      locationAlternatives: complaint.locationAlternatives,
      kelurahan: ref(kelurahan),
      kecamatan: ref(place.kecamatan),
      kota: ref(place.kota),
      assignedUnit: await this.unitRef(complaint.assignedUnitCode),
      suggestedUnit: await this.unitRef(complaint.suggestedUnitCode),
      reviewReason: complaint.reviewReason,
      channelDetails: hidden
        ? withoutContact(complaint.channelDetails)
        : full
          ? complaint.channelDetails
          : maskDetails(complaint.channelDetails),
      missingDetails: complaint.missingDetails,
      photos: complaint.photos,
      possibleDuplicates: this.access.seesOtherTickets(complaint, viewer)
        ? complaint.possibleDuplicates
        : [],
      emergency: complaint.emergency,
      slaClock: complaint.slaClock,
      dueAt: complaint.dueAt?.toISOString() ?? null,
      resolutionDueAt: complaint.resolutionDueAt?.toISOString() ?? null,
      // Recorded by the SLA watch, or already past while the watch has not run yet.
      overdue:
        complaint.overdue || (complaint.dueAt !== null && complaint.dueAt.getTime() < Date.now()),
      escalationLevel: complaint.escalationLevel,
      escalatedTo: await this.unitRef(complaint.escalatedToUnitCode),
      bounceCount: complaint.bounceCount,
      flagged: complaint.flagged,
      assignedAt: complaint.assignedAt?.toISOString() ?? null,
      firstResponseAt: complaint.firstResponseAt?.toISOString() ?? null,
      closedAt: complaint.closedAt?.toISOString() ?? null,
      duplicateOf: complaint.duplicateOf,
      reportedAt: complaint.reportedAt.toISOString(),
      routedAt: complaint.routedAt?.toISOString() ?? null,
      createdAt: complaint.createdAt.toISOString(),
      updatedAt: complaint.updatedAt.toISOString(),
      priority: complaint.priority,
      assignee: complaint.assigneeSub
        ? { sub: complaint.assigneeSub, name: complaint.assigneeName }
        : null,
      version: complaint.version,
    };
  }

  /** The ticket with its history, hops and follow-ups (one query each, in order). */
  async toDetail(
    complaint: Complaint,
    viewer: Pick<Principal, 'role' | 'unit'>,
  ): Promise<ComplaintDetailDto> {
    const manager = this.dataSource.manager;
    const [events, followUps, children, attachments, deadlines] = await Promise.all([
      manager.find(ComplaintEvent, { where: { complaintId: complaint.id }, order: { id: 'ASC' } }),
      manager.find(FollowUp, {
        where: { complaintId: complaint.id },
        order: { submittedAt: 'ASC' },
      }),
      manager.find(Complaint, {
        select: { id: true },
        where: { parentId: complaint.id },
        order: { createdAt: 'ASC' },
      }),
      this.evidence.attachments(complaint),
      manager.find(SlaOutcome, { where: { complaintId: complaint.id }, order: { id: 'ASC' } }),
    ]);
    const readsNotes = this.access.readsNotes(viewer);
    const history = events
      .filter((event) => readsNotes || event.type !== 'note')
      .map((event) => toHistory(event, this.access.seesOtherTickets(complaint, viewer)));
    return {
      ...(await this.toDto(complaint, viewer)),
      history,
      dispositions: events
        .filter((e) => e.type === 'disposition' || e.type === 'returned-to-review')
        .map((e) => ({
          fromUnit: (e.data.fromUnit as string | null) ?? null,
          toUnit: (e.data.toUnit as string | null) ?? null,
          reasonCode: (e.data.reasonCode as string | null) ?? null,
          note: (e.data.note as string | null) ?? null,
          by: e.actorSub,
          role: e.actorRole,
          at: e.at.toISOString(),
        })),
      followUps: followUps.map((f) => ({
        id: f.id,
        unit: f.unitCode,
        note: f.note,
        evidence: f.evidence,
        attachmentIds: f.attachmentIds,
        doneAt: f.doneAt?.toISOString() ?? null,
        submittedBy: f.submittedBy,
        submittedAt: f.submittedAt.toISOString(),
        decision: f.decision,
        decisionNote: f.decisionNote,
        decidedBy: f.decidedBy,
        decidedAt: f.decidedAt?.toISOString() ?? null,
      })),
      notes: events
        .filter((e) => readsNotes && e.type === 'note')
        .map((e) => ({
          id: e.id,
          text: e.reason ?? '',
          by: e.actorSub,
          role: e.actorRole,
          unit: e.actorUnit,
          at: e.at.toISOString(),
        })),
      attachments,
      children: children.map((child) => child.id),
      deadlines: deadlines.map((deadline) => ({
        clock: deadline.clock,
        unit: deadline.unitCode,
        dueAt: deadline.dueAt.toISOString(),
        decidedAt: deadline.decidedAt.toISOString(),
        met: deadline.met,
      })),
    };
  }

  private async unitRef(code: string | null): Promise<RefDto | null> {
    if (!code) return null;
    const unit = await this.reference.unit(code);
    return { code, name: unit?.name ?? code };
  }
}

/** Event data naming other tickets, shown only to who may read them (seesOtherTickets). */
const OTHER_TICKETS_DATA = ['possibleDuplicates', 'duplicate', 'trackingNumber'];

export function toHistory(e: ComplaintEvent, showOtherTickets: boolean): HistoryEventDto {
  const data = showOtherTickets
    ? e.data
    : Object.fromEntries(
        Object.entries(e.data).filter(([key]) => !OTHER_TICKETS_DATA.includes(key)),
      );
  return {
    id: e.id,
    type: e.type,
    actor: e.actorSub,
    role: e.actorRole,
    unit: e.actorUnit,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    reason: e.reason,
    data,
    requestId: e.requestId,
    at: e.at.toISOString(),
  };
}

function ref(region: { code: string; name: string } | undefined): RefDto | null {
  return region ? { code: region.code, name: region.name } : null;
}

/** What handling units read for a reporter who asked to stay anonymous. */
const ANONYMOUS = 'Pelapor anonim';

/** The contact points a channel recorded, which would name an anonymous reporter. */
const CONTACT_DETAILS = ['handle', 'fromAddress', 'senderNumber', 'postUrl', 'subject'];

function withoutContact(details: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(details).filter(([key]) => !CONTACT_DETAILS.includes(key)),
  );
}

/** Contact points a channel recorded are personal data too. */
function maskDetails(details: Record<string, string>): Record<string, string> {
  const masked = { ...details };
  if (masked.handle) masked.handle = maskName(masked.handle);
  if (masked.fromAddress) masked.fromAddress = maskEmail(masked.fromAddress);
  if (masked.senderNumber) masked.senderNumber = maskPhone(masked.senderNumber);
  if (masked.postUrl) masked.postUrl = maskUrl(masked.postUrl);
  // A subject line is the sender's own words, often with their name or case in it.
  if (masked.subject) masked.subject = maskName(masked.subject);
  return masked;
}
