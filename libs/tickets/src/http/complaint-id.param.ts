import { saying } from '@crm/core';
import { IsUUID } from 'class-validator';

/** The `:id` of a route under /api/v1/complaints/{id}. */
export class ComplaintIdParam {
  @IsUUID('all', saying('harus ID tiket (UUID)', 'must be a ticket id (UUID)'))
  id: string;
}
