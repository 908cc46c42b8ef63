import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@crm/core';

const STATUSES = ['pending', 'delivered', 'logged', 'failed'] as const;

export class NotificationQuery extends PageQuery {
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];
}

export class NotificationDto {
  id: string;
  complaintId: string;
  kind: string;
  recipientUnit: string | null;
  channel: string | null;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}
